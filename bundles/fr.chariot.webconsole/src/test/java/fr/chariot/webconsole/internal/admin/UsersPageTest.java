package fr.chariot.webconsole.internal.admin;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.get;
import static fr.chariot.webconsole.internal.render.TemplateChecks.post;
import static fr.chariot.webconsole.internal.render.TemplateChecks.render;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.accounts.api.UserAccount;
import fr.chariot.api.Site;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

class UsersPageTest {

    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");
    private static final String PASSWORD = "correct horse battery";

    private final Fakes.Sites sites = new Fakes.Sites(new Site("0310001A", "Collège Jean Jaurès"),
            new Site("0310002B", "Collège <b>Hugo</b>"));
    private final Fakes.Accounts accounts = new Fakes.Accounts();
    private final Fakes.Audit audit = new Fakes.Audit();
    private final UsersPage page = new UsersPage(accounts, sites, audit, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ConsoleUser admin = user(Role.DEPARTMENT_ADMIN);

    UsersPageTest() {
        accounts.add(admin.username(), Role.DEPARTMENT_ADMIN, Set.of(), false, Optional.empty());
        accounts.add("paul", Role.TECHNICIAN, Set.of("0310001A", "0310002B"), true,
                Optional.of(NOW.plusSeconds(600)));
        accounts.add("lea", Role.READ_ONLY, Set.of("0310001A"), false, Optional.of(NOW.minusSeconds(60)));
    }

    private View view(String subPath) {
        return assertInstanceOf(View.class, page.handle(get(page, admin, subPath)));
    }

    private View posted(String subPath, String... parameters) {
        return assertInstanceOf(View.class, page.handle(post(page, admin, subPath, parameters)));
    }

    private static AuditEvent event(ConsoleUser user, String action, String object, String details) {
        return new AuditEvent(user.username(), user.from(), Optional.empty(), action, List.of(object), details);
    }

    @Test
    void onlyDepartmentAdminsReachTheAccounts() {
        for (ConsoleUser other : List.of(user(Role.TECHNICIAN, "0310001A"), user(Role.READ_ONLY, "0310001A"))) {
            for (String subPath : List.of("", "new", "paul", "paul/delete")) {
                assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, other, subPath)), subPath);
                assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, other, subPath,
                        "username", "eve", "role", "DEPARTMENT_ADMIN", "password", PASSWORD,
                        "confirmation", PASSWORD)), subPath);
            }
        }
        assertTrue(accounts.calls.isEmpty());
        assertTrue(audit.recorded.isEmpty());
        assertTrue(page.menu().orElseThrow().adminOnly());
    }

    @Test
    void theListTellsRolesCollegesAndStatesInFrench() {
        String html = render(page, view(""), admin);

        assertTrue(html.contains("<td>Administrateur départemental</td>"), html);
        assertTrue(html.contains("<td>Technicien d’établissement</td>"), html);
        assertTrue(html.contains("<td>Lecture seule</td>"), html);
        assertTrue(html.contains("0310001A, 0310002B"), html);
        assertTrue(html.contains("Tous les établissements"), html);
        assertTrue(html.contains("href=\"/console/users/paul\""), html);
        // Paul is locked for ten more minutes and must change his password; Léa's lock is over.
        assertEquals(1, count(html, "badge problem\">Verrouillé<"), html);
        assertEquals(1, count(html, "badge warn\">Mot de passe à changer<"), html);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theNewAccountFormOffersEveryCollegeEscaped() {
        String html = render(page, view("new"), admin);

        assertTrue(html.contains("value=\"0310002B\""), html);
        assertTrue(html.contains("Collège &lt;b&gt;Hugo&lt;/b&gt; (0310002B)"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("<option value=\"TECHNICIAN\" selected>Technicien d’établissement</option>"), html);
        assertTrue(html.contains("devra choisir son propre mot de passe"), html);
        assertTrue(html.contains("name=\"confirmation\""), html);
    }

    @Test
    void anAdminCreatesAnAccountThatMustChangeItsPassword() {
        PageResult result = page.handle(post(page, admin, "new", "username", "Marie", "role", "TECHNICIAN",
                "site", "0310001A", "site", "0310002B", "password", PASSWORD, "confirmation", PASSWORD));

        assertEquals(new PageResult.Redirect("users/marie", Optional.of(
                "Compte « marie » créé. Il devra changer son mot de passe à sa première connexion.")), result);
        UserAccount marie = accounts.find("marie").orElseThrow();
        assertEquals(Role.TECHNICIAN, marie.role());
        assertEquals(Set.of("0310001A", "0310002B"), marie.sites());
        assertTrue(marie.mustChangePassword());
        assertEquals(PASSWORD, accounts.lastPassword);
        assertEquals(List.of(event(admin, "user.create", "marie",
                "Rôle : Technicien d’établissement ; établissements : 0310001A, 0310002B")), audit.recorded);
    }

    @Test
    void collegesTickedForADepartmentAdminAreNotKept() {
        page.handle(post(page, admin, "new", "username", "chef", "role", "DEPARTMENT_ADMIN", "site", "0310001A",
                "password", PASSWORD, "confirmation", PASSWORD));

        assertEquals(Set.of(), accounts.find("chef").orElseThrow().sites());
        assertEquals("Rôle : Administrateur départemental ; établissements : tous", audit.recorded.get(0).details());
    }

    @Test
    void aRefusedNewAccountShowsWhyKeepsWhatWasTypedAndChangesNothing() {
        assertNewAccountError("Les deux mots de passe saisis sont différents.", "username", "marie", "role",
                "TECHNICIAN", "site", "0310001A", "password", PASSWORD, "confirmation", PASSWORD + "!");
        assertNewAccountError("Saisissez le mot de passe.", "username", "marie", "role", "TECHNICIAN", "site",
                "0310001A");
        assertNewAccountError("Choisissez un rôle.", "username", "marie", "role", "ROOT", "site", "0310001A",
                "password", PASSWORD, "confirmation", PASSWORD);
        assertNewAccountError("Établissement inconnu : 0310009Z.", "username", "marie", "role", "TECHNICIAN",
                "site", "0310009Z", "password", PASSWORD, "confirmation", PASSWORD);
        assertNewAccountError("Le nom « new » est réservé.", "username", "new", "role", "TECHNICIAN", "site",
                "0310001A", "password", PASSWORD, "confirmation", PASSWORD);
        assertEquals(List.of(), accounts.calls, "refused before reaching the service");

        // The service's own refusals, in its words.
        assertNewAccountError("Le mot de passe doit compter au moins 12 caractères.", "username", "marie", "role",
                "TECHNICIAN", "site", "0310001A", "password", "court", "confirmation", "court");
        assertNewAccountError("Choisissez au moins un établissement.", "username", "marie", "role", "READ_ONLY",
                "password", PASSWORD, "confirmation", PASSWORD);
        assertNewAccountError("Le compte « paul » existe déjà.", "username", "paul", "role", "READ_ONLY", "site",
                "0310001A", "password", PASSWORD, "confirmation", PASSWORD);
        assertEquals(Optional.empty(), accounts.find("marie"));
        assertTrue(audit.recorded.isEmpty());
    }

    private void assertNewAccountError(String message, String... parameters) {
        View form = posted("new", parameters);
        String html = render(page, form, admin);
        assertTrue(html.contains("<p class=\"error\" role=\"alert\">" + message + "</p>"), message + " in " + html);
        assertTrue(html.contains("name=\"username\" value=\"" + parameters[1] + "\""), html);
        assertFalse(html.contains(PASSWORD), "a password is never sent back: " + html);
    }

    @Test
    void theFormKeepsTheTickedCollegesAndTheChosenRole() {
        String html = render(page, posted("new", "username", "marie", "role", "READ_ONLY", "site", "0310002B"),
                admin);
        assertTrue(html.contains("value=\"0310002B\" checked"), html);
        assertTrue(html.contains("value=\"0310001A\">"), html);
        assertTrue(html.contains("<option value=\"READ_ONLY\" selected>"), html);
    }

    @Test
    void anAccountPageOffersEveryChange() {
        String html = render(page, view("paul"), admin);

        assertTrue(html.contains("<option value=\"TECHNICIAN\" selected>"), html);
        assertTrue(html.contains("value=\"0310001A\" checked"), html);
        assertTrue(html.contains("action=\"/console/users/paul/password\""), html);
        assertTrue(html.contains("Verrouillé jusqu’au 01/03/2024 11:10"), "Paris time: " + html);
        assertTrue(html.contains("action=\"/console/users/paul/unlock\""), html);
        assertTrue(html.contains("action=\"/console/users/paul/delete\""), html);
        assertTrue(html.contains("data-confirm=\"Supprimer le compte « paul » et ses jetons d’API ?\""), html);

        String lea = render(page, view("lea"), admin);
        assertFalse(lea.contains("/unlock"), "a lock that is over needs no unlocking: " + lea);
        String own = render(page, view(admin.username()), admin);
        assertFalse(own.contains("/delete"), own);
    }

    @Test
    void unknownAccountsAreNotFound() {
        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, admin, "nobody")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, admin, "nobody/delete")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, admin, "paul/promote")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, admin, "paul/delete")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, admin, "paul/delete/x")));
        assertTrue(accounts.calls.isEmpty());
    }

    @Test
    void anAdminChangesRoleAndColleges() {
        PageResult result = page.handle(post(page, admin, "paul", "role", "READ_ONLY", "site", "0310002B"));

        assertEquals(new PageResult.Redirect("users/paul", Optional.of("Compte modifié.")), result);
        UserAccount paul = accounts.find("paul").orElseThrow();
        assertEquals(Role.READ_ONLY, paul.role());
        assertEquals(Set.of("0310002B"), paul.sites());
        assertEquals(List.of(event(admin, "user.update", "paul",
                "Rôle : Lecture seule ; établissements : 0310002B")), audit.recorded);
    }

    @Test
    void aRefusedChangeIsShownNextToItsForm() {
        View view = posted(admin.username(), "role", "TECHNICIAN", "site", "0310001A");

        String html = render(page, view, admin);
        assertTrue(html.contains("Le dernier administrateur départemental doit le rester."), html);
        assertEquals(Role.DEPARTMENT_ADMIN, accounts.find(admin.username()).orElseThrow().role());
        assertTrue(audit.recorded.isEmpty());
    }

    @Test
    void anAdminResetsAPasswordWhichMustThenBeChanged() {
        accounts.add("lea", Role.READ_ONLY, Set.of("0310001A"), false, Optional.empty());

        PageResult result = page.handle(post(page, admin, "lea/password", "password", PASSWORD,
                "confirmation", PASSWORD));

        assertEquals(new PageResult.Redirect("users/lea", Optional.of(
                "Mot de passe réinitialisé : l’utilisateur devra le changer à sa prochaine connexion.")), result);
        assertTrue(accounts.find("lea").orElseThrow().mustChangePassword());
        assertEquals(PASSWORD, accounts.lastPassword);
        assertEquals(List.of(event(admin, "user.password.reset", "lea",
                "Mot de passe réinitialisé, à changer à la prochaine connexion")), audit.recorded);
    }

    @Test
    void aRefusedResetIsShownAndChangesNothing() {
        String html = render(page, posted("lea/password", "password", PASSWORD, "confirmation", "other"), admin);
        assertTrue(html.contains("Les deux mots de passe saisis sont différents."), html);
        html = render(page, posted("lea/password", "password", "short", "confirmation", "short"), admin);
        assertTrue(html.contains("Le mot de passe doit compter au moins 12 caractères."), html);
        assertFalse(accounts.find("lea").orElseThrow().mustChangePassword());
        assertTrue(audit.recorded.isEmpty());
    }

    @Test
    void anAdminUnlocksAnAccount() {
        PageResult result = page.handle(post(page, admin, "paul/unlock"));

        assertEquals(new PageResult.Redirect("users/paul", Optional.of("Compte déverrouillé.")), result);
        assertEquals(Optional.empty(), accounts.find("paul").orElseThrow().lockedUntil());
        assertEquals(List.of(event(admin, "user.unlock", "paul", "Compte déverrouillé")), audit.recorded);
    }

    @Test
    void anAdminDeletesAnAccountButNotTheirOwn() {
        PageResult result = page.handle(post(page, admin, "paul/delete"));

        assertEquals(new PageResult.Redirect("users", Optional.of("Compte « paul » supprimé.")), result);
        assertEquals(Optional.empty(), accounts.find("paul"));
        assertEquals(List.of(event(admin, "user.delete", "paul",
                "Compte supprimé (Technicien d’établissement)")), audit.recorded);

        String html = render(page, posted(admin.username() + "/delete"), admin);
        assertTrue(html.contains("Vous ne pouvez pas supprimer votre propre compte."), html);
        assertTrue(accounts.find(admin.username()).isPresent());
        assertEquals(1, audit.recorded.size());
    }

    @Test
    void theServiceRefusingADeletionIsShown() {
        accounts.add("chef", Role.DEPARTMENT_ADMIN, Set.of(), false, Optional.empty());
        accounts.byName.remove(admin.username());

        String html = render(page, posted("chef/delete"), admin);

        assertTrue(html.contains("Le dernier administrateur départemental ne peut pas être supprimé."), html);
        assertTrue(accounts.find("chef").isPresent());
        assertTrue(audit.recorded.isEmpty());
    }

    @Test
    void everyViewRendersInEnglish() {
        ConsoleUser english = english(admin);
        assertTrue(render(page, assertInstanceOf(View.class, page.handle(get(page, english, ""))), english)
                .contains("<td>College technician</td>"));
        assertTrue(render(page, assertInstanceOf(View.class, page.handle(get(page, english, "new"))), english)
                .contains("Initial password"));
        assertTrue(render(page, assertInstanceOf(View.class, page.handle(get(page, english, "paul"))), english)
                .contains("Locked until 01/03/2024 11:10"));
    }
}
