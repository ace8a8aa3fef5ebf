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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.accounts.api.ApiToken;
import fr.chariot.accounts.api.LoginResult;
import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class AccountsServiceTest {

    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final char[] PASSWORD = "Chariot-2026!".toCharArray();

    /** Cheap parameters: these tests are about the account rules; the default cost is tested in PasswordHasherTest. */
    private static final LoginResult REFUSED = new LoginResult.Refused(Optional.empty());

    private final CountingHasher hasher = new CountingHasher();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T08:00:00Z"));
    @TempDir
    Path folder;
    private TestDerby database;
    private AccountStore store;
    private AccountsService accounts;

    @BeforeEach
    void createAccounts() throws Exception {
        database = new TestDerby(folder, "acct");
        store = new AccountStore(database.dataSource);
        store.create(new AccountStore.NewUser("tech", hasher.hash(PASSWORD), Role.TECHNICIAN, false,
                Set.of("0310001A", "0310002B")), clock.instant(), () -> { });
        accounts = new AccountsService(store, hasher, clock, LIFETIME, new SecureRandom());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void theRightPasswordGivesTheUserWithRoleAndColleges() {
        Principal tech = accounts.checkPassword("tech", PASSWORD.clone()).orElseThrow();

        assertEquals("tech", tech.username());
        assertEquals(Role.TECHNICIAN, tech.role());
        assertEquals(Set.of("0310001A", "0310002B"), tech.sites());
        assertTrue(tech.canSee("0310001A"));
        assertFalse(tech.canSee("0310003C"));
    }

    @Test
    void namesAreMatchedWithoutRegardToCaseOrSpaces() {
        assertTrue(accounts.checkPassword(" Tech ", PASSWORD.clone()).isPresent());
    }

    @Test
    void aWrongPasswordOrAnUnknownUserGivesNothing() {
        assertEquals(Optional.empty(), accounts.checkPassword("tech", "wrong".toCharArray()));
        assertEquals(Optional.empty(), accounts.checkPassword("nobody", PASSWORD.clone()));
        assertEquals(Optional.empty(), accounts.checkPassword("", PASSWORD.clone()));
        assertEquals(Optional.empty(), accounts.checkPassword(null, PASSWORD.clone()));
    }

    @Test
    void aLoginGivesTheUserWhetherTheyMustChangeTheirPasswordAndTheirLanguage() throws Exception {
        store.create(new AccountStore.NewUser("anglais", hasher.hash(PASSWORD), Role.READ_ONLY, true,
                Set.of("0310001A")), clock.instant(), () -> { });
        store.setLanguage("anglais", "en");

        LoginResult.Success tech = (LoginResult.Success) accounts.login("tech", PASSWORD.clone());
        LoginResult.Success anglais = (LoginResult.Success) accounts.login("Anglais", PASSWORD.clone());

        assertEquals(new LoginResult.Success(new Principal("tech", Role.TECHNICIAN, Set.of("0310001A", "0310002B")),
                false, "fr"), tech);
        assertEquals(new LoginResult.Success(new Principal("anglais", Role.READ_ONLY, Set.of("0310001A")), true,
                "en"), anglais);
    }

    @Test
    void fromTheThirdFailureInARowNoAttemptIsCheckedForADelayThatDoubles() {
        Instant start = clock.instant();

        assertEquals(REFUSED, accounts.login("tech", "guess-1".toCharArray()));
        assertEquals(REFUSED, accounts.login("tech", "guess-2".toCharArray()));
        assertEquals(refusedUntil(start.plusSeconds(2)), accounts.login("tech", "guess-3".toCharArray()));

        // Inside the wait even the right password is refused, unchecked and not counted.
        int verifications = hasher.verifications.get();
        clock.advance(Duration.ofMillis(1999));
        assertEquals(refusedUntil(start.plusSeconds(2)), accounts.login("tech", PASSWORD.clone()));
        assertEquals(verifications, hasher.verifications.get());

        clock.set(start.plusSeconds(2));
        assertEquals(refusedUntil(start.plusSeconds(6)), accounts.login("tech", "guess-4".toCharArray()));
        clock.set(start.plusSeconds(6));
        assertInstanceOf(LoginResult.Success.class, accounts.login("tech", PASSWORD.clone()));
    }

    @Test
    void theFifthFailureInARowLocksTheAccountForFifteenMinutesEvenAgainstTheRightPassword() {
        failFiveTimes("tech");
        Instant locked = clock.instant();

        assertEquals(Optional.of(locked.plus(LoginThrottle.LOCK_DURATION)),
                store.find("tech").orElseThrow().throttle().lockedUntil());
        assertEquals(refusedUntil(locked.plus(LoginThrottle.LOCK_DURATION)), accounts.login("tech", PASSWORD.clone()));
        assertEquals(Optional.empty(), accounts.checkPassword("tech", PASSWORD.clone()));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(Optional.empty(), accounts.checkPassword("tech", PASSWORD.clone()));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(accounts.checkPassword("tech", PASSWORD.clone()).isPresent());
    }

    @Test
    void afterALockTheCountStartsAgain() {
        failFiveTimes("tech");
        clock.advance(LoginThrottle.LOCK_DURATION);

        assertEquals(REFUSED, accounts.login("tech", "guess".toCharArray()));
        assertEquals(REFUSED, accounts.login("tech", "guess".toCharArray()));
        assertEquals(refusedUntil(clock.instant().plusSeconds(2)), accounts.login("tech", "guess".toCharArray()));
    }

    @Test
    void checkPasswordIsThrottledLikeTheLogin() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), accounts.checkPassword("tech", "guess".toCharArray()));
        }

        assertEquals(Optional.empty(), accounts.checkPassword("tech", PASSWORD.clone()));
        clock.advance(LoginThrottle.FIRST_DELAY);
        assertTrue(accounts.checkPassword("tech", PASSWORD.clone()).isPresent());
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        accounts.login("tech", "guess".toCharArray());
        accounts.login("tech", "guess".toCharArray());
        assertInstanceOf(LoginResult.Success.class, accounts.login("tech", PASSWORD.clone()));

        assertEquals(REFUSED, accounts.login("tech", "guess".toCharArray()));
        assertEquals(REFUSED, accounts.login("tech", "guess".toCharArray()));
        assertEquals(LoginThrottle.State.CLEAN.afterFailure(clock.instant()).afterFailure(clock.instant()),
                store.find("tech").orElseThrow().throttle());
    }

    @Test
    void anUnknownNameGetsTheSameAnswersAsAKnownOneWithWrongPasswords() {
        List<LoginResult> known = new ArrayList<>();
        List<LoginResult> unknown = new ArrayList<>();
        Instant start = clock.instant();
        for (int step = 0; step < 8; step++) {
            known.add(accounts.login("tech", "guess".toCharArray()));
            unknown.add(accounts.login("ghost", "guess".toCharArray()));
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(known, unknown);
        // failures at 0 s and 1 s are free; the third (2 s) slows 2 s, so the try at 3 s is refused; the fourth
        // (4 s) slows 4 s
        assertEquals(List.of(REFUSED, REFUSED, refusedUntil(start.plusSeconds(4)), refusedUntil(start.plusSeconds(4)),
                refusedUntil(start.plusSeconds(8)), refusedUntil(start.plusSeconds(8)),
                refusedUntil(start.plusSeconds(8)), refusedUntil(start.plusSeconds(8))), known);
    }

    @Test
    void anUnknownNameCostsOneVerificationWhenItIsCheckedAndNoneWhileItWaits() {
        int before = hasher.verifications.get();
        for (int i = 0; i < 3; i++) {
            accounts.login("ghost", "guess".toCharArray());
        }
        assertEquals(3, hasher.verifications.get() - before);

        accounts.login("ghost", "guess".toCharArray());
        assertEquals(3, hasher.verifications.get() - before);
    }

    @Test
    void unknownNamesAreForgottenLeastRecentlyTriedFirst() {
        UnknownNames names = new UnknownNames(2);
        Instant now = clock.instant();
        names.recordFailure("a", now);
        names.recordFailure("b", now);
        names.state("a");
        names.recordFailure("c", now);

        assertEquals(2, names.size());
        assertEquals(1, names.state("a").failures());
        assertEquals(LoginThrottle.State.CLEAN, names.state("b"));
    }

    /** Each failure when the previous one's wait is over; the clock is left at the fifth. */
    private void failFiveTimes(String name) {
        Optional<Instant> retryAfter = Optional.empty();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            retryAfter.ifPresent(clock::set);
            LoginResult result = accounts.login(name, "guess".toCharArray());
            retryAfter = assertInstanceOf(LoginResult.Refused.class, result).retryAfter();
        }
    }

    private static LoginResult refusedUntil(Instant instant) {
        return new LoginResult.Refused(Optional.of(instant));
    }

    @Test
    void aTokenGivesItsUserUntilItExpires() {
        Principal tech = accounts.checkPassword("tech", PASSWORD.clone()).orElseThrow();

        ApiToken token = accounts.issueToken(tech);

        assertEquals(clock.instant().plus(LIFETIME), token.expires());
        assertEquals(Optional.of(tech), accounts.principalForToken(token.token()));
        clock.advance(LIFETIME.minusSeconds(1));
        assertEquals(Optional.of(tech), accounts.principalForToken(token.token()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), accounts.principalForToken(token.token()));
    }

    @Test
    void aTokenIs32RandomBytesInBase64Url() {
        Principal tech = accounts.checkPassword("tech", PASSWORD.clone()).orElseThrow();

        String token = accounts.issueToken(tech).token();

        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertFalse(token.contains("="));
        assertFalse(token.equals(accounts.issueToken(tech).token()));
    }

    @Test
    void unknownOrMalformedTokensGiveNothing() {
        assertEquals(Optional.empty(), accounts.principalForToken("dGhpcyBpcyBub3QgYSB0b2tlbiBvZiBvdXJz"));
        assertEquals(Optional.empty(), accounts.principalForToken(""));
        assertEquals(Optional.empty(), accounts.principalForToken(null));
        assertEquals(Optional.empty(), accounts.principalForToken("x".repeat(10_000)));
    }

    @Test
    void onlyTheSha256OfATokenIsStored() throws Exception {
        Principal tech = accounts.checkPassword("tech", PASSWORD.clone()).orElseThrow();
        String token = accounts.issueToken(tech).token();

        List<String> stored = new ArrayList<>();
        try (Connection c = database.dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT token_hash, username FROM acct_tokens")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
                assertEquals("tech", rs.getString(2));
            }
        }
        assertEquals(List.of(AccountsService.sha256(token)), stored);
        // The SHA-256 of "abc", so the digest is the standard one and not some other encoding of the token.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                AccountsService.sha256("abc"));
    }

    @Test
    void expiredTokensAreRemovedWhenANewOneIsIssued() throws Exception {
        Principal tech = accounts.checkPassword("tech", PASSWORD.clone()).orElseThrow();
        accounts.issueToken(tech);
        clock.advance(LIFETIME);

        accounts.issueToken(tech);

        try (Connection c = database.dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM acct_tokens")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void aDepartmentAdminSeesEveryCollege() {
        Principal admin = new Principal("admin", Role.DEPARTMENT_ADMIN, Set.of());

        assertTrue(admin.canSee("0310001A"));
        assertTrue(admin.canAct());
        assertFalse(new Principal("viewer", Role.READ_ONLY, Set.of("0310001A")).canAct());
    }

    @Test
    void aTokenLifetimeMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new AccountsService(store, hasher, clock, Duration.ZERO, new SecureRandom()));
    }
}
