package fr.chariot.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.persistence.internal.MutableClock;

class SessionStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-04T07:30:00Z"));
    private final SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTimeout() {
        Session session = store.create();

        clock.advance(Duration.ofMinutes(29));
        assertSame(session, ((SessionStore.Active) store.find(session.id())).session());
        clock.advance(Duration.ofMinutes(29));
        assertInstanceOf(SessionStore.Active.class, store.find(session.id()), "each request restarts the count");
        clock.advance(Duration.ofMinutes(30));

        assertEquals(new SessionStore.Expired(false), store.find(session.id()));
        assertEquals(new SessionStore.Unknown(), store.find(session.id()), "an expired session is forgotten");
    }

    @Test
    void aBusySessionStillEndsAfterItsMaximumLifetime() {
        Session session = store.create();
        session.logIn(new Principal("marie", Role.TECHNICIAN, Set.of("0310001A")), "fr", false);
        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertInstanceOf(SessionStore.Active.class, store.find(session.id()), "after " + (i + 1) * 20 + " min");
        }
        clock.advance(Duration.ofMinutes(20));

        assertEquals(new SessionStore.Expired(true), store.find(session.id()), "12 hours after it began");
    }

    @Test
    void rotationGivesANewIdAndTokenAndForgetsTheOldOnes() {
        Session before = store.create();
        before.language("en");

        Session after = store.rotate(before);

        assertNotEquals(before.id(), after.id());
        assertNotEquals(before.csrfToken(), after.csrfToken());
        assertEquals(Optional.of("en"), after.language());
        assertEquals(new SessionStore.Unknown(), store.find(before.id()));
        assertSame(after, ((SessionStore.Active) store.find(after.id())).session());
    }

    @Test
    void idsAndTokensAre256RandomBits() {
        Session one = store.create();
        Session two = store.create();

        assertTrue(one.id().matches("[A-Za-z0-9_-]{43}"), one.id());
        assertTrue(one.csrfToken().matches("[A-Za-z0-9_-]{43}"), one.csrfToken());
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.id(), one.csrfToken());
    }

    @Test
    void expiredSessionsAreSweptWhenNewOnesAreMade() {
        store.create();
        store.create();
        clock.advance(Duration.ofHours(1));

        store.create();

        assertEquals(1, store.size());
    }

    @Test
    void newLimitsApplyToOpenSessions() {
        Session session = store.create();
        store.limits(Duration.ofMinutes(5), Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(6));

        assertInstanceOf(SessionStore.Expired.class, store.find(session.id()));
        assertThrows(IllegalArgumentException.class, () -> store.limits(Duration.ZERO, Duration.ofHours(1)));
    }

    @Test
    void aFlashIsReadOnce() {
        Session session = store.create();
        session.flash("Groupe créé.");

        assertEquals(Optional.of("Groupe créé."), session.takeFlash());
        assertEquals(Optional.empty(), session.takeFlash());
    }

    @Test
    void aBurstOfAnonymousVisitsEvictsTheOldestAnonymousSessionsButNoLoggedInOne() {
        Session first = store.create();
        first.logIn(new fr.chariot.accounts.api.Principal("tech", fr.chariot.accounts.api.Role.TECHNICIAN,
                java.util.Set.of("0310001A")), "fr", false);
        clock.advance(Duration.ofSeconds(1));
        Session oldestAnonymous = store.create();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < SessionStore.MAX_ANONYMOUS; i++) {
            store.create();
        }

        assertTrue(store.size() <= SessionStore.MAX_ANONYMOUS + 1, "bounded: " + store.size());
        assertEquals(new SessionStore.Unknown(), store.find(oldestAnonymous.id()), "the least recently seen went");
        assertEquals(new SessionStore.Active(first), store.find(first.id()), "the logged-in session stays");
    }
}
