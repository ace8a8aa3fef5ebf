package fr.chariot.groups.internal.criteria;

import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.Set;

import fr.chariot.groups.api.InventoryView;

/**
 * One compiled criterion. The value a person wrote is parsed once, at compile time; testing a device only reads its
 * value. A negative operator is its positive one negated, so a device without the value meets "is not" and never
 * meets "is".
 */
abstract class Condition {

    private final boolean negated;

    Condition(boolean negated) {
        this.negated = negated;
    }

    /** @param now the instant of the recompute, the same for every device and criterion of one pass */
    final boolean test(InventoryView device, Instant now) {
        return holds(device, now) != negated;
    }

    abstract boolean holds(InventoryView device, Instant now);

    /** Comparisons of a number or a version: the sign of {@code device value - criterion value} decides. */
    enum Comparison {
        EQUAL, LESS, MORE, LESS_OR_EQUAL, MORE_OR_EQUAL;

        boolean accepts(int sign) {
            return switch (this) {
                case EQUAL -> sign == 0;
                case LESS -> sign < 0;
                case MORE -> sign > 0;
                case LESS_OR_EQUAL -> sign <= 0;
                case MORE_OR_EQUAL -> sign >= 0;
            };
        }
    }

    static final class NumberCondition extends Condition {
        private final String field;
        private final Comparison comparison;
        private final double value;

        NumberCondition(String field, Comparison comparison, double value, boolean negated) {
            super(negated);
            this.field = field;
            this.comparison = comparison;
            this.value = value;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            Optional<Object> reported = device.value(field);
            return reported.isPresent() && reported.get() instanceof Number number
                    && comparison.accepts(Double.compare(number.doubleValue(), value));
        }
    }

    static final class VersionCondition extends Condition {
        private final String field;
        private final Comparison comparison;
        private final String value;

        VersionCondition(String field, Comparison comparison, String value, boolean negated) {
            super(negated);
            this.field = field;
            this.comparison = comparison;
            this.value = value;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            Optional<Object> reported = device.value(field);
            return reported.isPresent() && reported.get() instanceof CharSequence version
                    && comparison.accepts(Versions.compare(version, value));
        }
    }

    /** Text, role and boolean equality all come down to comparing the reported value's text, ignoring case. */
    static final class EqualsCondition extends Condition {
        private final String field;
        private final String value;

        EqualsCondition(String field, String value, boolean negated) {
            super(negated);
            this.field = field;
            this.value = value;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            Optional<Object> reported = device.value(field);
            if (reported.isEmpty()) {
                return false;
            }
            Object v = reported.get();
            if (v instanceof String text) {
                return text.equalsIgnoreCase(value);
            }
            if (v instanceof Enum<?> constant) {
                return constant.name().equalsIgnoreCase(value);
            }
            return v.toString().equalsIgnoreCase(value);
        }
    }

    static final class LikeCondition extends Condition {
        private final String field;
        private final Wildcards pattern;

        LikeCondition(String field, Wildcards pattern, boolean negated) {
            super(negated);
            this.field = field;
            this.pattern = pattern;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            Optional<Object> reported = device.value(field);
            return reported.isPresent() && reported.get() instanceof CharSequence text && pattern.matches(text);
        }
    }

    /** Before / after a fixed instant (the day boundary, resolved at compile time in the college's time zone). */
    static final class DateCondition extends Condition {
        private final String field;
        private final Instant limit;
        private final boolean before;

        DateCondition(String field, Instant limit, boolean before) {
            super(false);
            this.field = field;
            this.limit = limit;
            this.before = before;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            Instant date = instant(device, field);
            return date != null && (before ? date.isBefore(limit) : !date.isBefore(limit));
        }
    }

    /** "More / less than N days ago": the limit moves with the recompute's {@code now}. */
    static final class AgeCondition extends Condition {
        private final String field;
        private final long seconds;
        private final boolean older;

        AgeCondition(String field, long days, boolean older) {
            super(false);
            this.field = field;
            this.seconds = days * 86_400L;
            this.older = older;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            Instant date = instant(device, field);
            if (date == null) {
                return false;
            }
            Instant limit = now.minusSeconds(seconds);
            return older ? date.isBefore(limit) : !date.isBefore(limit);
        }
    }

    static final class AppCondition extends Condition {
        private final String bundleId;

        AppCondition(String bundleId, boolean negated) {
            super(negated);
            this.bundleId = bundleId;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            return device.appIds().contains(bundleId);
        }
    }

    /** Reads the other group's live member set, so evaluating groups in dependency order sees fresh memberships. */
    static final class MemberOfCondition extends Condition {
        private final Set<String> members;

        MemberOfCondition(Set<String> members, boolean negated) {
            super(negated);
            this.members = members;
        }

        @Override
        boolean holds(InventoryView device, Instant now) {
            return members.contains(device.udid());
        }
    }

    private static Instant instant(InventoryView device, String field) {
        Optional<Object> reported = device.value(field);
        if (reported.isEmpty()) {
            return null;
        }
        Object v = reported.get();
        if (v instanceof Instant instant) {
            return instant;
        }
        if (v instanceof TemporalAccessor temporal) {
            try {
                return Instant.from(temporal);
            } catch (java.time.DateTimeException notAnInstant) {
                return null;
            }
        }
        return null;
    }
}
