package fr.chariot.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class AccountsServiceTest {

    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final char[] PASSWORD = "Chariot-2026!".toCharArray();

    /** Cheap parameters: these tests are about the account rules; the default cost is tested in PasswordHasherTest. */
    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1, new SecureRandom());
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
    void fiveFailuresInARowLockTheAccountForFifteenMinutesEvenAgainstTheRightPassword() {
        for (int i = 0; i < AccountsService.MAX_FAILED_LOGINS; i++) {
            assertTrue(accounts.checkPassword("tech", "guess".toCharArray()).isEmpty());
        }

        assertEquals(Optional.empty(), accounts.checkPassword("tech", PASSWORD.clone()));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(Optional.empty(), accounts.checkPassword("tech", PASSWORD.clone()));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(accounts.checkPassword("tech", PASSWORD.clone()).isPresent());
    }

    @Test
    void fourFailuresDoNotLock() {
        for (int i = 0; i < AccountsService.MAX_FAILED_LOGINS - 1; i++) {
            accounts.checkPassword("tech", "guess".toCharArray());
        }

        assertTrue(accounts.checkPassword("tech", PASSWORD.clone()).isPresent());
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        for (int i = 0; i < AccountsService.MAX_FAILED_LOGINS - 1; i++) {
            accounts.checkPassword("tech", "guess".toCharArray());
        }
        assertTrue(accounts.checkPassword("tech", PASSWORD.clone()).isPresent());
        for (int i = 0; i < AccountsService.MAX_FAILED_LOGINS - 1; i++) {
            accounts.checkPassword("tech", "guess".toCharArray());
        }

        assertTrue(accounts.checkPassword("tech", PASSWORD.clone()).isPresent());
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
