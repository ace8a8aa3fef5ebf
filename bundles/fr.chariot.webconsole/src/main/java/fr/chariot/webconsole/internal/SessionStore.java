package fr.chariot.webconsole.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory: a restart logs everyone out, which a school's small server can afford and which
 * keeps session secrets out of the database. A session ends after {@code idle} without a request or {@code max}
 * after it began, whichever comes first.
 */
final class SessionStore {

    /** 256 random bits, for ids and CSRF tokens alike. */
    private static final int SECRET_BYTES = 32;
    /** Expired sessions are swept at most this often, when a new one is made (no background thread to stop). */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /**
     * Every visit to the login page makes an anonymous session (it holds the form's CSRF token). Beyond this many,
     * a burst of visits (a script hammering the page) evicts the least recently seen anonymous ones, so that memory
     * stays bounded and no logged-in session is ever lost to it.
     */
    static final int MAX_ANONYMOUS = 10_000;

    /** What a session id from a cookie gives. */
    sealed interface Lookup permits Active, Expired, Unknown {
    }

    record Active(Session session) implements Lookup {
    }

    /** @param loggedIn whether someone had logged in with it (then they are told their session expired) */
    record Expired(boolean loggedIn) implements Lookup {
    }

    /** Never issued, already ended, or forgotten by a restart. */
    record Unknown() implements Lookup {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Duration idle;
    private volatile Duration max;
    private volatile Instant lastSweep;

    SessionStore(Clock clock, Duration idle, Duration max) {
        this.clock = Objects.requireNonNull(clock, "clock");
        limits(idle, max);
        this.lastSweep = clock.instant();
    }

    /** New limits apply to the sessions already open too. */
    void limits(Duration idleTimeout, Duration maxLifetime) {
        if (idleTimeout.isZero() || idleTimeout.isNegative() || maxLifetime.isZero() || maxLifetime.isNegative()) {
            throw new IllegalArgumentException("session limits must be positive: " + idleTimeout + ", " + maxLifetime);
        }
        this.idle = idleTimeout;
        this.max = maxLifetime;
    }

    /** A new anonymous session. */
    Session create() {
        Instant now = clock.instant();
        sweep(now);
        evictAnonymousBeyondTheLimit();
        Session session = new Session(secret(), secret(), now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The session of an id, which a request keeps alive; an expired one is removed. */
    Lookup find(String id) {
        Session session = sessions.get(id);
        if (session == null) {
            return new Unknown();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id, session);
            return new Expired(session.loggedIn());
        }
        session.touch(now);
        return new Active(session);
    }

    /**
     * Replaces a session by a new one with a new id and CSRF token, keeping the language chosen: done at login so
     * that an id planted in the browser beforehand (session fixation) is worth nothing once the user logged in.
     */
    Session rotate(Session old) {
        sessions.remove(old.id());
        Session fresh = create();
        old.language().ifPresent(fresh::language);
        return fresh;
    }

    void remove(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idle)) || !now.isBefore(session.created().plus(max));
    }

    private void sweep(Instant now) {
        if (now.isBefore(lastSweep.plus(SWEEP_INTERVAL))) {
            return;
        }
        lastSweep = now;
        sessions.values().removeIf(session -> expired(session, now));
    }

    private void evictAnonymousBeyondTheLimit() {
        if (sessions.size() < MAX_ANONYMOUS) {
            return;
        }
        List<Session> anonymous = sessions.values().stream().filter(session -> !session.loggedIn()).toList();
        if (anonymous.size() < MAX_ANONYMOUS) {
            return;
        }
        // a tenth at once, so that the scan is paid once per thousand new sessions, not at each
        anonymous.stream().sorted(Comparator.comparing(Session::lastSeen)).limit(MAX_ANONYMOUS / 10)
                .forEach(session -> sessions.remove(session.id(), session));
    }

    private String secret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
