package fr.chariot.inventory.internal.console.device;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.get;
import static fr.chariot.webconsole.internal.render.TemplateChecks.post;
import static fr.chariot.webconsole.internal.render.TemplateChecks.render;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.SharedIpadUser;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DevicePanel;
import fr.chariot.webconsole.api.DeviceTab;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.View;

/** The device page with fake services, rendered as the console renders it. */
class DevicePageTest {

    private static final String RNE = "0310001A";
    private static final String OTHER_RNE = "0310002B";
    private static final DeviceId IPAD = new DeviceId("00008103-000A1B2C3D4E5F60");
    private static final DeviceId OTHER_COLLEGE_IPAD = new DeviceId("00008103-000FFFFFFFFFFFFF");
    private static final DeviceId PERSONAL_IPAD = new DeviceId("00008103-0000000000000001");
    private static final Instant LAST_INVENTORY = Instant.parse("2025-09-01T08:00:00Z");

    private final PageFakes.Directory directory = new PageFakes.Directory();
    private final PageFakes.FakeInventory inventory = new PageFakes.FakeInventory();
    private final PageFakes.History history = new PageFakes.History();
    private final PageFakes.Queue queue = new PageFakes.Queue();
    private final PageFakes.Audit audit = new PageFakes.Audit();
    private final DevicePage page = new DevicePage(directory, directory, inventory, history, queue, audit);
    private final ConsoleUser technician = user(Role.TECHNICIAN, RNE);
    private final ConsoleUser readOnly = user(Role.READ_ONLY, RNE);

    @BeforeEach
    void devices() {
        directory.enroll(IPAD.udid(), RNE, true);
        inventory.put(IPAD, RNE, Map.ofEntries(
                Map.entry(InventoryField.NAME, "0310001A-2025-DMPXK2ABCDEF"),
                Map.entry(InventoryField.SERIAL_NUMBER, "DMPXK2ABCDEF"),
                Map.entry(InventoryField.ROLE, DeviceRole.STUDENT_SHARED),
                Map.entry(InventoryField.BATTERY_LEVEL, 87L),
                Map.entry(InventoryField.CAPACITY_MB, 64_000L),
                Map.entry(InventoryField.AVAILABLE_CAPACITY_MB, 12_345L),
                Map.entry(InventoryField.OS_VERSION, "17.4.1"),
                Map.entry(InventoryField.WIFI_MAC, "a4:83:e7:11:22:33"),
                Map.entry(InventoryField.SUPERVISED, true),
                Map.entry(InventoryField.LOST_MODE, false),
                Map.entry(InventoryField.SHARED_IPAD, true),
                Map.entry(InventoryField.QUOTA_SIZE_MB, 4_096L),
                Map.entry(InventoryField.LAST_INVENTORY, LAST_INVENTORY)));
        inventory.apps.put(IPAD, List.of(
                new InstalledApp("com.apple.Pages", Optional.of("Pages"), Optional.of("14.1"), true, true,
                        Optional.of("Managed")),
                new InstalledApp("com.example.jeu", Optional.of("Jeu perso"), Optional.of("2.3"), true, false,
                        Optional.empty())));
        inventory.profiles.put(IPAD, List.of(new InstalledProfile("fr.chariot.wifi", Optional.empty(),
                Optional.of("Wi-Fi du collège"), Optional.of("Département"), true, false, true)));
        inventory.users.put(IPAD, List.of(
                new SharedIpadUser("eleve1@college.fr", true, false, Optional.of(2_000_000_000L),
                        Optional.of(350_000_000L)),
                new SharedIpadUser("eleve2@college.fr", false, true, Optional.empty(), Optional.empty())));

        directory.enroll(OTHER_COLLEGE_IPAD.udid(), OTHER_RNE, true);
        inventory.put(OTHER_COLLEGE_IPAD, OTHER_RNE, Map.of(InventoryField.NAME, "secret"));

        directory.enroll(PERSONAL_IPAD.udid(), RNE, true);
        inventory.put(PERSONAL_IPAD, RNE, Map.of(InventoryField.NAME, "Mme Martin",
                InventoryField.ROLE, DeviceRole.TEACHER_PERSONAL, InventoryField.TEACHER_NAME, "Mme Martin",
                InventoryField.SHARED_IPAD, false, InventoryField.STALE, true));
    }

    private String html(PageResult result, ConsoleUser reader) {
        return render(page, assertInstanceOf(View.class, result), reader);
    }

    private String show(String subPath, ConsoleUser reader) {
        return html(page.handle(get(page, reader, subPath)), reader);
    }

    // ---- scoping ----

    @Test
    void anotherCollegesDeviceAnswersExactlyAsAnUnknownOne() {
        String other = OTHER_COLLEGE_IPAD.udid();
        for (String subPath : List.of(other, other + "/management", other + "/history", "UNKNOWN00",
                "UNKNOWN00/history", "not a udid", IPAD.udid() + "/nothing")) {
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, subPath)), subPath);
        }
        for (String action : List.of("/refresh", "/role", "/users/delete")) {
            assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, technician, other + action,
                    "role", "STUDENT_SHARED", "name", "x")), action);
            assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, readOnly, other + action)), action);
        }
        assertTrue(inventory.refreshed.isEmpty());
        assertTrue(inventory.roles.isEmpty());
        assertTrue(queue.queued.isEmpty());
        assertTrue(audit.events.isEmpty());
    }

    @Test
    void aDepartmentAdminSeesEveryCollege() {
        String shown = show(OTHER_COLLEGE_IPAD.udid(), user(Role.DEPARTMENT_ADMIN));
        assertTrue(shown.contains("secret"));
    }

    @Test
    void thePageOfNoDeviceIsTheGeneralInventory() {
        PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class,
                page.handle(get(page, technician, "")));
        assertEquals("inventory", redirect.path());
    }

    // ---- Inventaire ----

    @Test
    void theInventoryTabShowsEveryKnownFieldGroupedAndFormatted() {
        String shown = show(IPAD.udid(), technician);

        assertTrue(shown.contains("<h1>0310001A-2025-DMPXK2ABCDEF</h1>"), shown);
        assertTrue(shown.contains("Collège 0310001A (0310001A)"));
        assertTrue(shown.contains("iPad élève partagé"));
        assertTrue(shown.contains("Dernière mise à jour de l’inventaire"));
        assertTrue(shown.contains("01/09/2025 10:00"), "in the colleges' time");
        assertFalse(shown.contains("badge warn\">Inventaire ancien"), "a fresh inventory has no stale badge");
        assertTrue(shown.contains("href=\"/console/inventory\""));
        assertTrue(shown.contains("<nav class=\"tabs\""));
        assertTrue(shown.contains("href=\"/console/devices/" + IPAD.udid() + "\" aria-current=\"page\""));
        assertTrue(shown.contains("href=\"/console/devices/" + IPAD.udid() + "/management\""));

        for (String card : List.of("Général", "Matériel", "Batterie et stockage", "Réseau", "Sécurité / supervision",
                "iPad partagé (Shared iPad)")) {
            assertTrue(shown.contains("<h2>" + card + "</h2>"), card);
        }
        assertTrue(shown.contains("<dt>Batterie</dt>\n      <dd>87 %</dd>"), shown);
        assertTrue(shown.contains("<dd>64 Go</dd>"));
        assertTrue(shown.contains("<dd>12,3 Go</dd>"));
        assertTrue(shown.contains("<dt>Supervisé</dt>\n      <dd>Oui</dd>"));
        assertTrue(shown.contains("<dt>Mode perdu</dt>\n      <dd>Non</dd>"));
        assertTrue(shown.contains("<dd>a4:83:e7:11:22:33</dd>"));
        assertFalse(shown.contains("Autres informations"), "every field of the API has its card");

        int managed = shown.indexOf("Apps installées par le MDM");
        int other = shown.indexOf("<h2>Autres</h2>");
        assertTrue(managed > 0 && other > managed);
        assertTrue(shown.indexOf("Pages") > managed && shown.indexOf("Pages") < other);
        assertTrue(shown.indexOf("Jeu perso") > other);
        assertTrue(shown.contains("<td>2.3</td>"));
        assertTrue(shown.contains("Wi-Fi du collège"));

        assertTrue(shown.contains("Liste des 10 derniers utilisateurs"));
        assertTrue(shown.contains("350 Mo / 2 Go"));
        assertTrue(shown.contains("action=\"/console/devices/" + IPAD.udid() + "/users/delete\""));
        assertTrue(shown.contains("data-confirm=\"Supprimer l’utilisateur eleve1@college.fr de cet iPad ?\""));
        assertTrue(shown.contains("value=\"eleve2@college.fr\""));
        assertTrue(shown.contains("name=\"_csrf\""));
    }

    @Test
    void aPersonalIpadShowsItsTeacherItsStalenessAndNoUserList() {
        String shown = show(PERSONAL_IPAD.udid(), technician);
        assertTrue(shown.contains("iPad de Mme Martin"));
        assertTrue(shown.contains("<span class=\"badge warn\">Inventaire ancien</span>"));
        assertFalse(shown.contains("Liste des 10 derniers utilisateurs"));
    }

    @Test
    void aDeviceNotInventoriedYetShowsWhatTheProtocolKnows() {
        DeviceId fresh = new DeviceId("00008103-0000000000000002");
        directory.enroll(fresh.udid(), RNE, true);
        String shown = show(fresh.udid(), technician);
        assertTrue(shown.contains("<h1>" + fresh.udid() + "</h1>"));
        assertTrue(shown.contains("L’inventaire n’a encore rien reçu de cet appareil."));
        assertTrue(shown.contains("Jamais"));
        assertTrue(shown.contains("badge warn"));
        assertTrue(show(fresh.udid() + "/management", technician)
                .contains("attendez son premier inventaire pour lui donner un rôle"));
    }

    @Test
    void englishReadersGetEnglishLabelsAndUnits() {
        ConsoleUser reader = english(technician);
        String shown = show(IPAD.udid(), reader);
        assertTrue(shown.contains("Last inventory update"));
        assertTrue(shown.contains("<dd>64 GB</dd>"));
        assertTrue(shown.contains("<dd>12.3 GB</dd>"));
        assertTrue(shown.contains("2025-09-01 10:00"));
        assertTrue(shown.contains("Battery and storage"));
        assertTrue(shown.contains("<dt>Supervised</dt>\n      <dd>Yes</dd>"));
    }

    @Test
    void whatDevicesAndPeopleChoseIsEscaped() {
        String evil = "<img src=x onerror=alert(1)>";
        inventory.put(IPAD, RNE, Map.of(InventoryField.NAME, evil, InventoryField.SHARED_IPAD, true));
        inventory.users.put(IPAD, List.of(new SharedIpadUser("\"><script>alert(2)</script>", false, false,
                Optional.empty(), Optional.empty())));
        inventory.apps.put(IPAD, List.of(new InstalledApp("x", Optional.of("<b>app</b>"), Optional.empty(), true,
                false, Optional.empty())));
        page.addPanel(panel(DeviceTab.INVENTORY, 1, "<i>panel</i>"));

        String shown = show(IPAD.udid(), technician);
        assertFalse(shown.contains("<img"), shown);
        assertFalse(shown.contains("<script>"));
        assertFalse(shown.contains("<b>app"));
        assertFalse(shown.contains("<i>panel"));
        assertTrue(shown.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    // ---- Shared iPad users ----

    @Test
    void deletingAUserQueuesDeleteUserAsTheApiDoesAndIsAudited() {
        PageResult result = page.handle(post(page, technician, IPAD.udid() + "/users/delete",
                "name", "eleve1@college.fr"));

        PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class, result);
        assertEquals("devices/" + IPAD.udid(), redirect.path());
        assertEquals(Optional.of("Suppression de l’utilisateur eleve1@college.fr envoyée à l’iPad."),
                redirect.flash());
        assertEquals(1, queue.queued.size());
        PageFakes.Queued queued = queue.queued.get(0);
        assertEquals("console", queued.origin());
        assertEquals(List.of(IPAD), queued.devices());
        assertEquals("DeleteUser", queued.command().requestType());
        assertEquals(Map.of("UserName", "eleve1@college.fr", "ForceDeletion", false), queued.command().keys());
        AuditEvent event = audit.events.get(0);
        assertEquals("device.user.delete", event.action());
        assertEquals(Optional.of(RNE), event.site());
        assertEquals(List.of(IPAD.udid()), event.objects());
        assertEquals(technician.username(), event.username());
        assertEquals(technician.from(), event.from());
        assertTrue(event.details().contains("eleve1@college.fr"));
    }

    @Test
    void deletingAUserIsRefusedCleanlyWhereItCannotWork() {
        PageResult.Redirect notShared = assertInstanceOf(PageResult.Redirect.class, page.handle(post(page,
                technician, PERSONAL_IPAD.udid() + "/users/delete", "name", "eleve1@college.fr")));
        assertTrue(notShared.flash().orElseThrow().contains("n’est pas un iPad partagé"));

        PageResult.Redirect unknownUser = assertInstanceOf(PageResult.Redirect.class, page.handle(post(page,
                technician, IPAD.udid() + "/users/delete", "name", "intrus@college.fr")));
        assertTrue(unknownUser.flash().orElseThrow().contains("n’est pas sur cet iPad"));

        PageResult.Redirect noName = assertInstanceOf(PageResult.Redirect.class, page.handle(post(page,
                technician, IPAD.udid() + "/users/delete")));
        assertTrue(noName.flash().orElseThrow().contains("Indiquez"));

        directory.enroll(IPAD.udid(), RNE, false);
        PageResult.Redirect notEnrolled = assertInstanceOf(PageResult.Redirect.class, page.handle(post(page,
                technician, IPAD.udid() + "/users/delete", "name", "eleve1@college.fr")));
        assertTrue(notEnrolled.flash().orElseThrow().contains("n’est plus inscrit"));
        assertFalse(show(IPAD.udid(), technician).contains("/users/delete"),
                "no delete button for a device that cannot receive it");

        assertTrue(queue.queued.isEmpty());
        assertTrue(audit.events.isEmpty());
    }

    // ---- Gestion ----

    @Test
    void theManagementTabOffersRefreshAndTheRoleForm() {
        inventory.put(IPAD, RNE, Map.of(InventoryField.ROLE, DeviceRole.TEACHER_SHARED,
                InventoryField.TEACHER_NUMBER, 3L));
        String shown = show(IPAD.udid() + "/management", technician);
        assertTrue(shown.contains("iPad professeur partagé n° 3"));
        assertTrue(shown.contains("action=\"/console/devices/" + IPAD.udid() + "/refresh\""));
        assertTrue(shown.contains("Mettre à jour l’inventaire"));
        assertTrue(shown.contains("action=\"/console/devices/" + IPAD.udid() + "/role\""));
        assertTrue(shown.contains("<option value=\"TEACHER_SHARED\" selected>"), shown);
        assertTrue(shown.contains("name=\"teacherNumber\" type=\"number\" min=\"1\" max=\"999\" value=\"3\""));
        assertTrue(shown.contains("<label for=\"role-choice\">"));
        assertTrue(shown.contains("/management\" aria-current=\"page\""));
    }

    @Test
    void refreshAsksTheInventoryAndIsAudited() {
        PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class,
                page.handle(post(page, technician, IPAD.udid() + "/refresh")));

        assertEquals(List.of(List.of(IPAD)), inventory.refreshed);
        assertEquals("devices/" + IPAD.udid() + "/management", redirect.path());
        assertTrue(redirect.flash().orElseThrow().startsWith("Mise à jour de l’inventaire demandée"));
        assertEquals(1, audit.events.size());
        assertEquals("device.inventory.refresh", audit.events.get(0).action());
        assertEquals(List.of(IPAD.udid()), audit.events.get(0).objects());
    }

    @Test
    void aRefusedRefreshSaysWhyAndIsNotAudited() {
        inventory.refusing.put(IPAD, "appareil désinscrit");
        PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class,
                page.handle(post(page, technician, IPAD.udid() + "/refresh")));
        assertEquals(Optional.of("L’inventaire n’a pas été demandé : appareil désinscrit"), redirect.flash());
        assertTrue(audit.events.isEmpty());
    }

    @Test
    void assigningARoleCallsTheInventoryAndIsAudited() {
        PageResult.Redirect redirect = assertInstanceOf(PageResult.Redirect.class, page.handle(post(page,
                technician, IPAD.udid() + "/role", "role", "TEACHER_SHARED", "teacherNumber", "3",
                "teacherName", "ignored")));

        assertEquals(List.of(new PageFakes.RoleAssigned(IPAD, DeviceRole.TEACHER_SHARED, Optional.of(3),
                Optional.empty())), inventory.roles);
        assertEquals("devices/" + IPAD.udid() + "/management", redirect.path());
        assertEquals(Optional.of("Rôle enregistré : iPad professeur partagé."), redirect.flash());
        assertEquals("device.role", audit.events.get(0).action());
        assertEquals("Rôle : iPad professeur partagé n° 3", audit.events.get(0).details());

        page.handle(post(page, technician, PERSONAL_IPAD.udid() + "/role", "role", "TEACHER_PERSONAL",
                "teacherName", "M. Durand"));
        assertEquals(new PageFakes.RoleAssigned(PERSONAL_IPAD, DeviceRole.TEACHER_PERSONAL, Optional.empty(),
                Optional.of("M. Durand")), inventory.roles.get(1));
    }

    @Test
    void aBadRoleIsRefusedInFrenchNextToTheFormAndChangesNothing() {
        assertRefused(IPAD.udid() + "/role", "Choisissez un rôle.", "role", "CHEF");
        assertRefused(IPAD.udid() + "/role", "Un iPad professeur partagé a besoin de son numéro N, de 1 à 999.",
                "role", "TEACHER_SHARED", "teacherNumber", "trois");
        assertRefused(IPAD.udid() + "/role", "Un iPad professeur partagé a besoin de son numéro N, de 1 à 999.",
                "role", "TEACHER_SHARED", "teacherNumber", "0");
        assertRefused(IPAD.udid() + "/role", "Un iPad de professeur nommé a besoin du nom du professeur.",
                "role", "TEACHER_PERSONAL");
        assertRefused(IPAD.udid() + "/role", "Le nom du professeur dépasse 200 caractères.",
                "role", "TEACHER_PERSONAL", "teacherName", "x".repeat(201));
        assertTrue(inventory.roles.isEmpty());
        assertTrue(audit.events.isEmpty());
    }

    private void assertRefused(String subPath, String message, String... parameters) {
        String shown = html(page.handle(post(page, technician, subPath, parameters)), technician);
        assertTrue(shown.contains("<p class=\"error\" role=\"alert\">" + message + "</p>"), shown);
    }

    // ---- read-only ----

    @Test
    void aReadOnlyUserSeesNoFormAndEveryChangeIsForbidden() {
        page.addPanel(panel(DeviceTab.MANAGEMENT, 1, "Groupes"));
        for (String action : List.of("/refresh", "/role", "/users/delete")) {
            assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, IPAD.udid() + action,
                    "role", "STUDENT_SHARED", "name", "eleve1@college.fr")), action);
        }
        assertTrue(inventory.refreshed.isEmpty());
        assertTrue(inventory.roles.isEmpty());
        assertTrue(queue.queued.isEmpty());
        assertTrue(audit.events.isEmpty());

        for (String tab : List.of("", "/management", "/history")) {
            String shown = show(IPAD.udid() + tab, readOnly);
            assertFalse(shown.contains("<form"), tab + ": " + shown);
        }
        assertTrue(show(IPAD.udid() + "/management", readOnly).contains("<p>iPad élève partagé</p>"));
    }

    // ---- Historique ----

    @Test
    void theHistoryTabListsTheCommandsNewestFirstInFrench() {
        Instant t0 = Instant.parse("2025-09-01T08:00:00Z");
        history.commands.add(new CommandRecord("c1", IPAD, Optional.empty(), "DeviceInformation", "inventory",
                CommandStatus.ACKNOWLEDGED, t0, Optional.of(t0.plusSeconds(60)), Optional.of(t0.plusSeconds(61)), 0,
                List.of(), Map.of()));
        history.commands.add(new CommandRecord("c2", IPAD, Optional.empty(), "DeleteUser", "console",
                CommandStatus.ERROR, t0.plusSeconds(3600), Optional.of(t0.plusSeconds(3660)),
                Optional.of(t0.plusSeconds(3661)), 0,
                List.of(Map.of("ErrorCode", 12021L, "ErrorDomain", "MCMDMErrorDomain",
                        "LocalizedDescription", "L’utilisateur a des données à synchroniser")), Map.of()));
        history.commands.add(new CommandRecord("c3", IPAD, Optional.of("eleve1"), "ProfileList", "inventory",
                CommandStatus.PENDING, t0.plusSeconds(7200), Optional.empty(), Optional.empty(), 0, List.of(),
                Map.of()));
        history.commands.add(new CommandRecord("c4", OTHER_COLLEGE_IPAD, Optional.empty(), "EraseDevice", "api",
                CommandStatus.SENT, t0, Optional.empty(), Optional.empty(), 0, List.of(), Map.of()));

        String shown = show(IPAD.udid() + "/history", technician);

        assertEquals(100, history.askedLimit);
        int pending = shown.indexOf("<td>ProfileList");
        int failed = shown.indexOf("<td>DeleteUser");
        int done = shown.indexOf("<td>DeviceInformation");
        assertTrue(pending > 0 && pending < failed && failed < done, shown);
        assertTrue(shown.contains("<td>En attente</td>"));
        assertTrue(shown.contains("<span class=\"badge problem\">Échouée</span>"));
        assertTrue(shown.contains("<span class=\"badge ok\">Terminée</span>"));
        assertTrue(shown.contains("L’utilisateur a des données à synchroniser (MCMDMErrorDomain 12021)"));
        assertTrue(shown.contains("01/09/2025 11:01"), "sent at, in the colleges' time");
        assertTrue(shown.contains("<td>console</td>"));
        assertTrue(shown.contains("(eleve1)"));
        assertFalse(shown.contains("EraseDevice"));
    }

    // ---- panels ----

    @Test
    void panelsShowInTheirTabByOrderAndAFailingOneIsLeftOut() {
        page.addPanel(panel(DeviceTab.INVENTORY, 20, "Deuxième"));
        page.addPanel(panel(DeviceTab.INVENTORY, 10, "Premier"));
        page.addPanel(new DevicePanel() {
            @Override
            public DeviceTab tab() {
                return DeviceTab.INVENTORY;
            }

            @Override
            public int order() {
                return 15;
            }

            @Override
            public Optional<Section> section(ConsoleUser user, DeviceId device, String site) {
                throw new IllegalStateException("broken feature");
            }
        });
        DevicePanel groups = panel(DeviceTab.MANAGEMENT, 5, "Groupes");
        page.addPanel(groups);

        String inventoryTab = show(IPAD.udid(), technician);
        int first = inventoryTab.indexOf("<h2>Premier</h2>");
        int second = inventoryTab.indexOf("<h2>Deuxième</h2>");
        assertTrue(first > inventoryTab.indexOf("Profils installés") && second > first, inventoryTab);
        assertFalse(inventoryTab.contains("Groupes"));

        String management = show(IPAD.udid() + "/management", technician);
        assertTrue(management.contains("<h2>Groupes</h2>"));
        assertFalse(management.contains("Premier"));
        assertTrue(management.contains("<a href=\"/console/static-groups/12\">Groupe 5e B</a>"), management);
        assertTrue(management.contains("<span class=\"badge warn\">2 jours</span>"));
        assertTrue(management.contains("<form method=\"post\" action=\"/console/actions/restart\" "
                + "data-confirm=\"Redémarrer ?\">"));
        assertTrue(management.contains("<input type=\"hidden\" name=\"udid\" value=\"" + IPAD.udid() + "\">"));
        assertTrue(management.contains("<button type=\"submit\">Redémarrer</button>"));

        page.removePanel(groups);
        assertFalse(show(IPAD.udid() + "/management", technician).contains("<h2>Groupes</h2>"));
    }

    private static DevicePanel panel(DeviceTab tab, int order, String title) {
        return new DevicePanel() {
            @Override
            public DeviceTab tab() {
                return tab;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public Optional<Section> section(ConsoleUser user, DeviceId device, String site) {
                return Optional.of(new Section(title, List.of(
                        Section.Row.link("Groupe statique", "Groupe 5e B", "static-groups/12"),
                        new Section.Row("Dernier contact", "2 jours", Optional.empty(), Section.Level.WARNING)),
                        List.of(new Section.Button("Redémarrer", "actions/restart", Map.of("udid", device.udid()),
                                Optional.of("Redémarrer ?")))));
            }
        };
    }
}
