package fr.chariot.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.accounts.api.LoginResult;
import fr.chariot.accounts.api.Role;
import fr.chariot.accounts.api.UserAccount;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class AccountAdminServiceTest {

    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final String ADMIN_PASSWORD = "Premier-admin-2026";
    private static final String PASSWORD = "Cartable-ipad-42";

    private final CountingHasher hasher = new CountingHasher();
    private final MutableClock clock = new MutableClock(START);
    @TempDir
    Path folder;
    private TestDerby database;
    private AccountStore store;
    private AccountAdminService admin;
    private AccountsService accounts;

    @BeforeEach
    void createAdmin() throws Exception {
        database = new TestDerby(folder, "acct");
        store = new AccountStore(database.dataSource);
        store.create(new AccountStore.NewUser("admin", hasher.hash(ADMIN_PASSWORD.toCharArray()),
                Role.DEPARTMENT_ADMIN, false, Set.of()), START, () -> { });
        admin = new AccountAdminService(store, hasher, clock);
        accounts = new AccountsService(store, hasher, clock, Duration.ofHours(1), new SecureRandom());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aNewAccountIsStoredLowerCaseWithUpperCaseCollegesAndMustChangeItsPassword() {
        clock.advance(Duration.ofHours(1));

        UserAccount created = admin.create(" Marie.Curie@College ", Role.TECHNICIAN, Set.of("0310001a", " 0310002B"),
                PASSWORD.toCharArray());

        UserAccount expected = new UserAccount("marie.curie@college", Role.TECHNICIAN, Set.of("0310001A", "0310002B"),
                true, Optional.empty(), "fr", START.plus(Duration.ofHours(1)));
        assertEquals(expected, created);
        assertEquals(Optional.of(expected), admin.find("MARIE.CURIE@COLLEGE"));
        LoginResult.Success login = assertInstanceOf(LoginResult.Success.class,
                accounts.login("marie.curie@college", PASSWORD.toCharArray()));
        assertTrue(login.mustChangePassword());
    }

    @Test
    void aDepartmentAdminIsStoredWithoutColleges() {
        UserAccount created = admin.create("second", Role.DEPARTMENT_ADMIN, Set.of("0310001A", "nonsense"),
                PASSWORD.toCharArray());

        assertEquals(Set.of(), created.sites());
    }

    @Test
    void theListIsByNameWithEachOnesColleges() {
        admin.create("zoe", Role.READ_ONLY, Set.of("0310003C"), PASSWORD.toCharArray());
        admin.create("bob", Role.TECHNICIAN, Set.of("0310001A", "0310002B"), PASSWORD.toCharArray());

        List<UserAccount> list = admin.list();

        assertEquals(List.of("admin", "bob", "zoe"), list.stream().map(UserAccount::username).toList());
        assertEquals(Set.of("0310001A", "0310002B"), list.get(1).sites());
        assertEquals(Set.of("0310003C"), list.get(2).sites());
        assertEquals(Optional.empty(), admin.find("nobody"));
        assertEquals(Optional.empty(), admin.find(null));
    }

    @Test
    void aMalformedNameIsRefusedInFrench() {
        for (String name : new String[] {"", " ", "a", "jean dupont", "élodie", "x/y", "tech;drop", "a".repeat(65),
            null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> admin.create(name, Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray()));

            assertTrue(e.getMessage().startsWith("Le nom du compte doit compter de 2 à 64 caractères"), name);
        }
        assertEquals(1, admin.list().size());
        admin.create("a".repeat(64), Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        admin.create("j-d_2@ac.fr", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
    }

    @Test
    void creationRefusalsChangeNothing() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());

        assertRefused("Le compte « tech » existe déjà.",
                () -> admin.create("TECH", Role.READ_ONLY, Set.of("0310002B"), PASSWORD.toCharArray()));
        assertRefused("« 031001A » n'est pas un RNE : 7 chiffres suivis d'une lettre, par exemple 0310001A.",
                () -> admin.create("other", Role.TECHNICIAN, Set.of("0310001A", "031001A"), PASSWORD.toCharArray()));
        assertRefused("Un technicien ou un compte en lecture seule doit être rattaché à au moins un établissement.",
                () -> admin.create("other", Role.READ_ONLY, Set.of(), PASSWORD.toCharArray()));
        assertRefused("Choisissez un rôle.",
                () -> admin.create("other", null, Set.of("0310001A"), PASSWORD.toCharArray()));

        assertEquals(List.of("admin", "tech"), admin.list().stream().map(UserAccount::username).toList());
        assertEquals(Set.of("0310001A"), admin.find("tech").orElseThrow().sites());
    }

    @Test
    void thePasswordPolicy() {
        assertRefused("Le mot de passe doit compter au moins 12 caractères.",
                () -> admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), "Court-2026!".toCharArray()));
        assertRefused("Le mot de passe doit compter au plus 128 caractères.",
                () -> admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), "x".repeat(129).toCharArray()));
        assertRefused("Le mot de passe ne doit pas contenir le nom du compte.",
                () -> admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), "Mon-TeCh-2026-ok".toCharArray()));
        assertRefused("Choisissez un mot de passe.",
                () -> admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), null));
        assertEquals(Optional.empty(), admin.find("tech"));

        // twelve characters as a person counts them, whatever their UTF-16 length
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), "éléphant-àé1".toCharArray());
        admin.create("emoji", Role.TECHNICIAN, Set.of("0310001A"), "😀😀😀😀😀😀😀😀😀😀😀😀".toCharArray());
        assertRefused("Le mot de passe doit compter au moins 12 caractères.",
                () -> admin.resetPassword("emoji", "😀😀😀😀😀😀😀😀😀😀😀".toCharArray()));
    }

    @Test
    void anUpdateReplacesRoleAndColleges() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A", "0310002B"), PASSWORD.toCharArray());

        UserAccount updated = admin.update("Tech", Role.READ_ONLY, Set.of("0310003c"));

        assertEquals(Role.READ_ONLY, updated.role());
        assertEquals(Set.of("0310003C"), updated.sites());
        assertEquals(Optional.of(updated), admin.find("tech"));
        assertEquals(Set.of("0310003C"),
                accounts.checkPassword("tech", PASSWORD.toCharArray()).orElseThrow().sites());
    }

    @Test
    void theLastDepartmentAdminCanNeitherBeDemotedNorDeleted() {
        assertRefused("« admin » est le dernier administrateur départemental : il doit garder ce rôle.",
                () -> admin.update("admin", Role.TECHNICIAN, Set.of("0310001A")));
        assertRefused("« admin » est le dernier administrateur départemental : il ne peut pas être supprimé.",
                () -> admin.delete("admin"));
        assertEquals(Role.DEPARTMENT_ADMIN, admin.find("admin").orElseThrow().role());
        assertEquals(Set.of(), admin.find("admin").orElseThrow().sites());

        admin.create("second", Role.DEPARTMENT_ADMIN, Set.of(), PASSWORD.toCharArray());
        admin.update("admin", Role.TECHNICIAN, Set.of("0310001A"));
        assertRefused("« second » est le dernier administrateur départemental : il ne peut pas être supprimé.",
                () -> admin.delete("second"));
    }

    @Test
    void otherAccountsAreChangedAndDeletedFreely() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());

        admin.update("tech", Role.READ_ONLY, Set.of("0310001A"));
        admin.delete("tech");

        assertEquals(Optional.empty(), admin.find("tech"));
    }

    @Test
    void aNewPasswordEndsTheTokensObtainedWithTheOldOne() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        String before = accounts.issueToken(accounts.checkPassword("tech", PASSWORD.toCharArray()).orElseThrow())
                .token();
        admin.resetPassword("tech", "un autre mot de passe".toCharArray());
        assertEquals(Optional.empty(), accounts.principalForToken(before), "reset by an administrator");

        String again = accounts.issueToken(accounts.checkPassword("tech", "un autre mot de passe".toCharArray())
                .orElseThrow()).token();
        admin.changePassword("tech", "un autre mot de passe".toCharArray(), "le mien, enfin choisi".toCharArray());
        assertEquals(Optional.empty(), accounts.principalForToken(again), "changed by its owner");
    }

    @Test
    void deletingAnAccountRemovesItsTokensAndColleges() throws Exception {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        String token = accounts.issueToken(accounts.checkPassword("tech", PASSWORD.toCharArray()).orElseThrow())
                .token();

        admin.delete("tech");

        assertEquals(Optional.empty(), accounts.principalForToken(token));
        assertEquals(0, count("SELECT COUNT(*) FROM acct_tokens"));
        assertEquals(0, count("SELECT COUNT(*) FROM acct_user_sites"));
    }

    @Test
    void anUnknownNameIsNoSuchElement() {
        assertThrows(NoSuchElementException.class, () -> admin.update("ghost", Role.TECHNICIAN, Set.of("0310001A")));
        assertThrows(NoSuchElementException.class, () -> admin.resetPassword("ghost", PASSWORD.toCharArray()));
        assertThrows(NoSuchElementException.class, () -> admin.unlock("ghost"));
        assertThrows(NoSuchElementException.class, () -> admin.delete("ghost"));
        assertThrows(NoSuchElementException.class, () -> admin.changeLanguage("ghost", "en"));
        assertThrows(NoSuchElementException.class,
                () -> admin.changePassword("ghost", PASSWORD.toCharArray(), "Autre-mot-de-passe".toCharArray()));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> admin.delete("a b"));
        assertEquals("Aucun compte ne s'appelle « a b ».", e.getMessage());
    }

    @Test
    void aResetPasswordMustBeChangedAndUnlocksTheAccount() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        admin.changePassword("tech", PASSWORD.toCharArray(), "Choisi-par-moi-1".toCharArray());
        lockOut("tech");
        assertTrue(admin.find("tech").orElseThrow().lockedUntil().isPresent());

        admin.resetPassword("tech", "Donne-par-admin-2".toCharArray());

        UserAccount tech = admin.find("tech").orElseThrow();
        assertEquals(Optional.empty(), tech.lockedUntil());
        assertTrue(tech.mustChangePassword());
        assertInstanceOf(LoginResult.Success.class, accounts.login("tech", "Donne-par-admin-2".toCharArray()));
    }

    @Test
    void unlockLiftsALockAndTheSlowingDown() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        lockOut("tech");
        Instant lockEnd = clock.instant().plus(LoginThrottle.LOCK_DURATION);
        assertEquals(Optional.of(lockEnd), admin.find("tech").orElseThrow().lockedUntil());

        admin.unlock("tech");

        assertEquals(Optional.empty(), admin.find("tech").orElseThrow().lockedUntil());
        assertEquals(LoginThrottle.State.CLEAN, store.find("tech").orElseThrow().throttle());
        assertInstanceOf(LoginResult.Success.class, accounts.login("tech", PASSWORD.toCharArray()));
    }

    @Test
    void aLockIsShownOnlyWhileItLasts() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        lockOut("tech");

        clock.advance(LoginThrottle.LOCK_DURATION);

        assertEquals(Optional.empty(), admin.find("tech").orElseThrow().lockedUntil());
        assertEquals(Optional.empty(), admin.list().get(1).lockedUntil());
    }

    @Test
    void theLanguageIsFrOrEn() {
        assertEquals("fr", admin.find("admin").orElseThrow().language());

        admin.changeLanguage("admin", " EN ");

        assertEquals("en", admin.find("admin").orElseThrow().language());
        assertRefused("Langue inconnue : « de ». Choisissez fr ou en.", () -> admin.changeLanguage("admin", "de"));
        assertRefused("Langue inconnue : « null ». Choisissez fr ou en.", () -> admin.changeLanguage("admin", null));
        assertEquals("en", admin.find("admin").orElseThrow().language());
    }

    @Test
    void changingOnesPasswordChecksTheCurrentOneAndClearsTheObligation() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());

        admin.changePassword("tech", PASSWORD.toCharArray(), "Choisi-par-moi-1".toCharArray());

        assertFalse(admin.find("tech").orElseThrow().mustChangePassword());
        assertInstanceOf(LoginResult.Refused.class, accounts.login("tech", PASSWORD.toCharArray()));
        LoginResult.Success login = assertInstanceOf(LoginResult.Success.class,
                accounts.login("tech", "Choisi-par-moi-1".toCharArray()));
        assertFalse(login.mustChangePassword());
    }

    @Test
    void theNewPasswordFollowsThePolicyAndDiffersFromTheCurrentOne() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        String hash = store.find("tech").orElseThrow().passwordHash();

        assertRefused("Le nouveau mot de passe doit être différent de l'actuel.",
                () -> admin.changePassword("tech", PASSWORD.toCharArray(), PASSWORD.toCharArray()));
        assertRefused("Le mot de passe ne doit pas contenir le nom du compte.",
                () -> admin.changePassword("tech", PASSWORD.toCharArray(), "TECH-tech-tech-1".toCharArray()));
        assertRefused("Le mot de passe doit compter au moins 12 caractères.",
                () -> admin.changePassword("tech", PASSWORD.toCharArray(), "court".toCharArray()));

        assertEquals(hash, store.find("tech").orElseThrow().passwordHash());
        assertTrue(admin.find("tech").orElseThrow().mustChangePassword());
    }

    @Test
    void aWrongCurrentPasswordCountsAsAFailedLoginAndIsSlowedDownTheSameWay() {
        admin.create("tech", Role.TECHNICIAN, Set.of("0310001A"), PASSWORD.toCharArray());
        char[] chosen = "Choisi-par-moi-1".toCharArray();

        for (int i = 0; i < 3; i++) {
            assertRefused("Mot de passe actuel incorrect.",
                    () -> admin.changePassword("tech", "pas-le-bon-mdp".toCharArray(), chosen));
        }

        int verifications = hasher.verifications.get();
        assertRefused("Trop d'essais infructueux : réessayez dans 2 secondes.",
                () -> admin.changePassword("tech", PASSWORD.toCharArray(), chosen));
        assertEquals(verifications, hasher.verifications.get());
        assertEquals(new LoginResult.Refused(Optional.of(START.plus(LoginThrottle.FIRST_DELAY))),
                accounts.login("tech", PASSWORD.toCharArray()));
        clock.advance(LoginThrottle.FIRST_DELAY);
        admin.changePassword("tech", PASSWORD.toCharArray(), chosen);
        assertEquals(LoginThrottle.State.CLEAN, store.find("tech").orElseThrow().throttle());
        assertTrue(Arrays.equals("Choisi-par-moi-1".toCharArray(), chosen), "the caller's array is left alone");
    }

    /** Five failed logins, each once the previous wait is over; the clock is left at the fifth. */
    private void lockOut(String name) {
        Optional<Instant> retryAfter = Optional.empty();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            retryAfter.ifPresent(clock::set);
            retryAfter = assertInstanceOf(LoginResult.Refused.class, accounts.login(name, "guess".toCharArray()))
                    .retryAfter();
        }
    }

    private static void assertRefused(String message, Runnable change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, change::run);
        assertEquals(message, e.getMessage());
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
