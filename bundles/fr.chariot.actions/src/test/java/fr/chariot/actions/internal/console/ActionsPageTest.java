package fr.chariot.actions.internal.console;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.get;
import static fr.chariot.webconsole.internal.render.TemplateChecks.post;
import static fr.chariot.webconsole.internal.render.TemplateChecks.render;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

class ActionsPageTest {

    private static final String PARIS = "0751234A";
    private static final String LYON = "0691234B";

    private final ConsoleFakes.Devices devices = new ConsoleFakes.Devices();
    private final ConsoleFakes.Actions actions = new ConsoleFakes.Actions(devices);
    private final ConsoleFakes.Audit audit = new ConsoleFakes.Audit();
    private final ConsoleFakes.Groups groups = new ConsoleFakes.Groups();
    private final ActionsPage page = new ActionsPage(actions, devices, devices.inventory, audit);

    private final ConsoleUser technician = user(Role.TECHNICIAN, PARIS);
    private final ConsoleUser readOnly = user(Role.READ_ONLY, PARIS);
    private final ConsoleUser admin = user(Role.DEPARTMENT_ADMIN);

    private DeviceId ipad1;
    private DeviceId ipad2;
    private DeviceId ipad3;
    private DeviceId lyon;

    @BeforeEach
    void setUp() {
        ipad1 = devices.add("00008030-0001", PARIS, "0751234A-2024-F9FXK1", true);
        ipad2 = devices.add("00008030-0002", PARIS, "0751234A-Prof 1", true);
        ipad3 = devices.add("00008030-0003", PARIS, "Mme Durand", false);
        lyon = devices.add("00008030-0009", LYON, "0691234B-2024-AAAA", true);
        page.addSelection(groups);
    }

    private View view(PageResult result) {
        return assertInstanceOf(View.class, result);
    }

    private String html(PageRequest request) {
        return render(page, view(page.handle(request)), request.user());
    }

    @Test
    void theMenuEntryIsUnderDevices() {
        assertEquals("actions", page.path());
        assertEquals(MenuSection.DEVICES, page.menu().orElseThrow().section());
        assertEquals(40, page.menu().orElseThrow().order());
    }

    @Nested
    class Choosing {

        @Test
        void devicesNamedOneByOneAreListedWithTheActionsAndCarriedOnToStart() {
            String html = html(post(page, technician, "new", "udid", ipad2.udid(), "udid", ipad1.udid()));

            assertTrue(html.contains("2 appareils sélectionnés"), html);
            assertTrue(html.contains("<li>0751234A-Prof 1</li>"), html);
            assertTrue(html.contains("Mise à jour de l’inventaire"), html);
            assertTrue(html.contains("Mettre à jour iOS sur les appareils supervisés"), html);
            assertTrue(html.contains("Redémarrer"), html);
            assertTrue(html.contains(">Suivant</button>"), html);
            assertTrue(html.contains("action=\"/console/actions/start\""), html);
            assertTrue(html.contains("name=\"udid\" value=\"00008030-0002\""), html);
            assertTrue(html.contains("name=\"udid\" value=\"00008030-0001\""), html);
            assertTrue(html.contains("<option value=\"Default\" selected>"), html);
            assertTrue(html.contains("test-csrf-token"), html);
            assertEquals(List.of(), actions.started);
        }

        @Test
        void aWholeSearchIsResolvedToTheVisibleDevicesAndCarriedAsTheSearch() {
            String html = html(get(page, technician, "new", "all", "true", "q", "0751234A",
                    "filter.supervised", "true", "sort", "name", "order", "desc"));

            assertTrue(html.contains("2 appareils sélectionnés"), html);
            assertTrue(html.contains("<li>0751234A-2024-F9FXK1</li>"), html);
            assertFalse(html.contains("Mme Durand"), "filtered out by supervised=true");
            assertTrue(html.contains("name=\"all\" value=\"true\""), html);
            assertTrue(html.contains("name=\"q\" value=\"0751234A\""), html);
            assertTrue(html.contains("name=\"filter.supervised\" value=\"true\""), html);
            assertFalse(html.contains("name=\"sort\""), "the order changes nothing");
            assertEquals(Optional.of(Set.of(PARIS)), devices.searches.get(0).sites(),
                    "a technician searches their own colleges only");
        }

        @Test
        void aSearchOpenedOnAGroupKeepsOnlyItsDevices() {
            groups.groups.put("7", new DeviceSelection.Selected("Groupe Chariot", PARIS,
                    Set.of(ipad1.udid(), ipad3.udid())));

            String html = html(post(page, technician, "new", "all", "true", "in", "group:7"));

            assertTrue(html.contains("2 appareils sélectionnés"), html);
            assertTrue(html.contains("Groupe Chariot"), html);
            assertTrue(html.contains("<li>Mme Durand</li>"), html);
            assertFalse(html.contains("0751234A-Prof 1"), html);
            assertTrue(html.contains("name=\"in\" value=\"group:7\""), html);
        }

        @Test
        void anUnknownSelectionOrOneOfAnotherCollegeIsNotFound() {
            groups.groups.put("8", new DeviceSelection.Selected("Groupe Lyon", LYON, Set.of(lyon.udid())));

            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "new", "all", "true",
                    "in", "group:8")));
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "new", "all", "true",
                    "in", "profile:1")));
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "new", "all", "true",
                    "site", LYON)));
        }

        @Test
        void aDeviceOfAnotherCollegeOrUnknownIsNotFoundNamingNone() {
            assertInstanceOf(PageResult.NotFound.class,
                    page.handle(post(page, technician, "new", "udid", ipad1.udid(), "udid", lyon.udid())));
            assertInstanceOf(PageResult.NotFound.class,
                    page.handle(post(page, technician, "new", "udid", "00008030-7777")));
            assertInstanceOf(PageResult.NotFound.class,
                    page.handle(post(page, technician, "new", "udid", "<not a udid>")));
        }

        @Test
        void anEmptySelectionSaysSoWithoutAForm() {
            String html = html(get(page, technician, "new"));
            assertTrue(html.contains("Aucun appareil sélectionné"), html);
            assertFalse(html.contains("<form"), html);

            String empty = html(get(page, technician, "new", "all", "true", "q", "aucun nom comme ça"));
            assertTrue(empty.contains("Aucun appareil sélectionné"), empty);
        }

        @Test
        void aMalformedSearchIsExplainedWithoutAForm() {
            String html = html(get(page, technician, "new", "all", "true", "filter.batterie", "12"));

            assertTrue(html.contains("class=\"error\""), html);
            assertTrue(html.contains("L’action n’a pas été lancée : Champ d&#39;inventaire inconnu « batterie »"),
                    html);
            assertFalse(html.contains("<form"), html);
        }

        @Test
        void moreDevicesThanAnActionTakesAreRefused() {
            IntStream.range(0, DeviceActions.MAX_DEVICES).forEach(i -> devices.add("A-" + i, PARIS, "iPad " + i,
                    true));

            String html = html(get(page, technician, "new", "all", "true"));

            assertTrue(html.contains("une action en prend au plus"), html);
            assertFalse(html.contains("<form"), html);
        }

        @Test
        void aReadOnlyUserGetsNoForm() {
            assertInstanceOf(PageResult.Forbidden.class,
                    page.handle(post(page, readOnly, "new", "udid", ipad1.udid())));
            assertInstanceOf(PageResult.Forbidden.class,
                    page.handle(get(page, readOnly, "new", "udid", ipad1.udid())));
        }

        @Test
        void theFormRendersInEnglish() {
            String html = html(post(page, english(technician), "new", "udid", ipad1.udid()));
            assertTrue(html.contains("1 device selected"), html);
            assertTrue(html.contains("Update iOS on supervised devices"), html);
        }

        @Test
        void manyDevicesShowTheFirstNamesAndHowManyMore() {
            IntStream.range(10, 25).forEach(i -> devices.add("B-" + i, PARIS, "iPad " + i, true));

            String html = html(get(page, technician, "new", "all", "true", "q", "iPad "));

            assertTrue(html.contains("15 appareils sélectionnés"), html);
            assertTrue(html.contains("et 5 autres"), html);
        }
    }

    @Nested
    class Starting {

        @Test
        void startingCallsTheServiceAuditsAndOpensTheReport() {
            PageResult result = page.handle(post(page, technician, "start", "udid", ipad1.udid(), "udid",
                    ipad3.udid(), "action", "RESTART", "installAction", "Default"));

            PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class, result);
            assertEquals("actions/1", redirect.path());
            assertEquals(Optional.of("Commande envoyée à 2 appareils"), redirect.flash());
            assertEquals(List.of(new ActionRequest(ActionType.RESTART, List.of(ipad1, ipad3), Optional.empty(),
                    "user-technician")), actions.started, "the install choice means nothing for a restart");
            assertEquals(List.of(new AuditEvent("user-technician", "192.0.2.1", Optional.of(PARIS), "action.start",
                    List.of(ipad1.udid(), ipad3.udid()), "RESTART")), audit.events);
        }

        @Test
        void anOsUpdateOnAWholeSearchTakesItsInstallActionAndAuditsDepartmentWideAcrossColleges() {
            PageResult result = page.handle(post(page, admin, "start", "all", "true", "q", "2024",
                    "action", "UPDATE_OS", "installAction", "InstallASAP"));

            assertInstanceOf(PageResult.Redirect.class, result);
            assertEquals(List.of(new ActionRequest(ActionType.UPDATE_OS, List.of(lyon, ipad1),
                    Optional.of("InstallASAP"), "user-department_admin")), actions.started);
            assertEquals(Optional.empty(), devices.searches.get(0).sites(), "an admin searches every college");
            AuditEvent event = audit.events.get(0);
            assertEquals(Optional.empty(), event.site(), "devices of two colleges");
            assertEquals(List.of(lyon.udid(), ipad1.udid()), event.objects());
            assertEquals("UPDATE_OS InstallASAP", event.details());
        }

        @Test
        void theFlashSaysHowManyWereRefused() {
            ConsoleFakes.Actions refusing = new ConsoleFakes.Actions(devices) {
                @Override
                public ActionReport start(ActionRequest request) {
                    started.add(request);
                    return put(new ActionReport(5, request.type(), request.installAction(), request.requestedBy(),
                            ConsoleFakes.T0, List.of(new DeviceOutcome(ipad3, Optional.of(PARIS),
                                    OutcomeStatus.REFUSED, Optional.of("Appareil non supervisé"), Optional.empty(),
                                    ConsoleFakes.T0))));
                }
            };
            ActionsPage refusingPage = new ActionsPage(refusing, devices, devices.inventory, audit);

            PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class, refusingPage.handle(
                    post(refusingPage, technician, "start", "udid", ipad3.udid(), "action", "RESTART")));

            assertEquals("actions/5", redirect.path());
            assertEquals(Optional.of("Commande envoyée à 1 appareil (1 appareil refusé : voir le rapport)"),
                    redirect.flash());
        }

        @Test
        void aDeviceOfAnotherCollegeStartsNothing() {
            PageResult result = page.handle(post(page, technician, "start", "udid", ipad1.udid(), "udid",
                    lyon.udid(), "action", "RESTART"));

            assertInstanceOf(PageResult.NotFound.class, result);
            assertEquals(List.of(), actions.started);
            assertEquals(List.of(), audit.events);
        }

        @Test
        void refusalsStartNothing() {
            IntStream.range(0, DeviceActions.MAX_DEVICES).forEach(i -> devices.add("A-" + i, PARIS, "iPad " + i,
                    true));
            List<PageRequest> refused = List.of(
                    post(page, technician, "start", "all", "true", "action", "RESTART"),
                    post(page, technician, "start", "all", "true", "q", "personne", "action", "RESTART"),
                    post(page, technician, "start", "udid", ipad1.udid(), "action", "ÉTEINDRE"),
                    post(page, technician, "start", "udid", ipad1.udid()),
                    post(page, technician, "start", "all", "true", "filter.nope", "1", "action", "RESTART"));

            for (PageRequest request : refused) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> page.handle(request), request.parameterMap().toString());
                assertFalse(e.getMessage().isBlank());
            }
            assertEquals(List.of(), actions.started);
            assertEquals(List.of(), audit.events);
        }

        @Test
        void theServicesRefusalIsExplained() {
            ActionsPage refusingPage = new ActionsPage(new ConsoleFakes.Actions(devices) {
                @Override
                public ActionReport start(ActionRequest request) {
                    throw new IllegalArgumentException("action d'installation « Maintenant » inconnue");
                }
            }, devices, devices.inventory, audit);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> refusingPage.handle(
                    post(refusingPage, technician, "start", "udid", ipad1.udid(), "action", "UPDATE_OS",
                            "installAction", "Maintenant")));

            assertEquals("L’action n’a pas été lancée : action d'installation « Maintenant » inconnue",
                    e.getMessage());
            assertEquals(List.of(), audit.events);
        }

        @Test
        void aReadOnlyUserIsForbiddenAndOnlyAPostStarts() {
            assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, "start", "udid",
                    ipad1.udid(), "action", "RESTART")));
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "start", "udid",
                    ipad1.udid(), "action", "RESTART")));
            assertEquals(List.of(), actions.started);
            assertEquals(List.of(), audit.events);
        }
    }

    @Nested
    class Reporting {

        private ActionReport mixed;

        @BeforeEach
        void twoColleges() {
            devices.add("00008030-0004", PARIS, "<script>alert('nom')</script>", true);
            mixed = actions.put(new ActionReport(3, ActionType.UPDATE_OS, Optional.of("InstallASAP"), "tech-paris",
                    Instant.parse("2025-03-10T08:00:00Z"), List.of(
                            outcome(ipad1, PARIS, OutcomeStatus.DONE, "Mise à jour 17.5 programmée"),
                            outcome(lyon, LYON, OutcomeStatus.FAILED, "Secret de Lyon"),
                            outcome(ipad3, PARIS, OutcomeStatus.REFUSED, "Appareil non supervisé"),
                            outcome(new DeviceId("00008030-0004"), PARIS, OutcomeStatus.QUEUED,
                                    "<b>raison</b>"))));
        }

        private DeviceOutcome outcome(DeviceId device, String site, OutcomeStatus status, String reason) {
            return new DeviceOutcome(device, Optional.of(site), status, Optional.of(reason), Optional.empty(),
                    Instant.parse("2025-07-01T12:30:00Z"));
        }

        @Test
        void theReportShowsOnlyTheDevicesTheUserSees() {
            String html = html(get(page, readOnly, "3"));

            assertTrue(html.contains("Mise à jour d’iOS"), html);
            assertTrue(html.contains("Installer dès que possible"), html);
            assertTrue(html.contains("Demandée par tech-paris le 10/03/2025 09:00"), html);
            assertTrue(html.contains("Terminée : 1"), html);
            assertTrue(html.contains("Échouée : 0"), "Lyon's failure is not counted");
            assertTrue(html.contains("Refusée : 1"), html);
            assertTrue(html.contains("En attente : 1"), html);
            assertTrue(html.contains("<a href=\"/console/devices/00008030-0001\">0751234A-2024-F9FXK1</a>"), html);
            assertTrue(html.contains("Appareil non supervisé"), html);
            assertTrue(html.contains("01/07/2025 14:30"), "Europe/Paris summer time: " + html);
            assertTrue(html.contains("href=\"/console/actions/3\""), "Rafraîchir: " + html);
            assertFalse(html.contains("Secret de Lyon"), html);
            assertFalse(html.contains(lyon.udid()), html);
            assertFalse(html.contains("<form"), "a read-only user gets no form");
        }

        @Test
        void deviceProvidedTextComesOutEscaped() {
            String html = html(get(page, technician, "3"));

            assertFalse(html.contains("<script>"), html);
            assertTrue(html.contains("&lt;script&gt;"), html);
            assertFalse(html.contains("<b>raison</b>"), html);
        }

        @Test
        void aReportWithNoDeviceTheUserSeesIsNotFound() {
            actions.put(new ActionReport(4, ActionType.RESTART, Optional.empty(), "tech-lyon", ConsoleFakes.T0,
                    List.of(outcome(lyon, LYON, OutcomeStatus.DONE, "ok"))));

            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "4")));
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "99")));
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "abc")));
            assertInstanceOf(View.class, page.handle(get(page, admin, "4")));
        }

        @Test
        void theListShowsTheRecentActionsOfTheUsersColleges() {
            actions.put(new ActionReport(4, ActionType.RESTART, Optional.empty(), "tech-lyon", ConsoleFakes.T0,
                    List.of(outcome(lyon, LYON, OutcomeStatus.DONE, "ok"))));

            String html = html(get(page, readOnly, ""));

            assertTrue(html.contains("href=\"/console/actions/3\""), html);
            assertFalse(html.contains("href=\"/console/actions/4\""), html);
            assertTrue(html.contains("tech-paris"), html);
            assertTrue(html.contains("<td>3</td>"), "three of the four devices are Paris's: " + html);

            String all = html(get(page, admin, ""));
            assertTrue(all.indexOf("/console/actions/4\"") < all.indexOf("/console/actions/3\""), "newest first");
        }

        @Test
        void aLongReportIsPaged() {
            List<DeviceOutcome> many = IntStream.range(0, ActionsPage.REPORT_PAGE_SIZE + 5)
                    .mapToObj(i -> outcome(new DeviceId("C-" + i), PARIS, OutcomeStatus.QUEUED, "r"))
                    .toList();
            actions.put(new ActionReport(6, ActionType.RESTART, Optional.empty(), "tech", ConsoleFakes.T0, many));

            String first = html(get(page, technician, "6"));
            String second = html(get(page, technician, "6", "page", "1"));

            assertTrue(first.contains("En attente : 105"), first);
            assertTrue(first.contains("C-99<"), first);
            assertFalse(first.contains("C-100<"), first);
            assertTrue(second.contains("C-104<"), second);
            assertTrue(second.contains("Page 2 sur 2"), second);
        }
    }

    @Test
    void withoutActionsTheListSaysSo() {
        String html = html(get(page, technician, ""));

        assertTrue(html.contains("Aucune action de groupe récente"), html);
        assertTrue(html.contains("href=\"/console/inventory\""), "a technician is shown where to start: " + html);
        assertFalse(html(get(page, readOnly, "")).contains("/console/inventory"));
    }
}
