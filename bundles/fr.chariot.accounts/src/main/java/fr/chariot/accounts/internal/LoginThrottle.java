package fr.chariot.accounts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule against password guessing, the same for known and unknown names so that the answers tell nothing about
 * who exists: the first {@value #FREE_FAILURES} failures in a row cost nothing; after each further one no attempt is
 * checked for a delay that doubles ({@link #FIRST_DELAY} after the third, twice that after the fourth); the
 * {@value #MAX_FAILURES}th locks the name for {@link #LOCK_DURATION} and starts the count again.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 2;
    static final int MAX_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    private LoginThrottle() {
    }

    /**
     * Where a name stands.
     *
     * @param failures    failed attempts in a row since the last success or lock
     * @param lastFailure when the last of them happened
     * @param lockedUntil the end of the last lock (possibly past)
     */
    record State(int failures, Optional<Instant> lastFailure, Optional<Instant> lockedUntil) {

        static final State CLEAN = new State(0, Optional.empty(), Optional.empty());

        State {
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }

        /** The instant before which no attempt is checked, whatever the time now. */
        Optional<Instant> retryAfter() {
            if (failures <= FREE_FAILURES || lastFailure.isEmpty()) {
                return lockedUntil;
            }
            Instant slowed = lastFailure.get().plus(FIRST_DELAY.multipliedBy(1L << (failures - FREE_FAILURES - 1)));
            return Optional.of(lockedUntil.filter(slowed::isBefore).orElse(slowed));
        }

        /** The wait in force at {@code now}, if any: an attempt before it is refused unchecked and not counted. */
        Optional<Instant> waitAt(Instant now) {
            return retryAfter().filter(now::isBefore);
        }

        /** After one more failure at {@code now}. */
        State afterFailure(Instant now) {
            int count = failures + 1;
            if (count >= MAX_FAILURES) {
                return new State(0, Optional.of(now), Optional.of(now.plus(LOCK_DURATION)));
            }
            return new State(count, Optional.of(now), lockedUntil);
        }

        boolean locksAt(Instant now) {
            return lockedUntil.filter(now::isBefore).isPresent();
        }

        boolean isClean() {
            return failures == 0 && lockedUntil.isEmpty() && lastFailure.isEmpty();
        }
    }
}
