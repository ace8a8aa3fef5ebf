package fr.chariot.launcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expands {@code ${key}} references between settings, recursively, then applies the {@link SettingRules}. A
 * setting is normalised before others see it, so {@code ${chariot.data}} expands to the absolute data folder.
 * Each problem is reported once, on the setting where it lies; settings referring to a broken one fail quietly.
 */
final class Interpolator {

    private final Map<String, SourcedValue> written;
    private final Map<String, String> givens;
    private final SettingRules rules;
    private final List<String> problems;
    private final Map<String, String> resolved = new TreeMap<>();
    private final Set<String> broken = new HashSet<>();

    private Interpolator(Map<String, SourcedValue> written, Map<String, String> givens, SettingRules rules,
            List<String> problems) {
        this.written = written;
        this.givens = givens;
        this.rules = rules;
        this.problems = problems;
    }

    /**
     * @param givens   values that may be referred to but are not settings, such as {@code chariot.home}
     * @param problems receives one line per problem
     * @return the settings that could be resolved, sorted by key
     */
    static Map<String, String> resolveAll(Map<String, SourcedValue> written, Map<String, String> givens,
            SettingRules rules, List<String> problems) {
        Interpolator interpolator = new Interpolator(written, givens, rules, problems);
        for (String key : written.keySet()) {
            try {
                interpolator.resolve(key, new ArrayList<>());
            } catch (AlreadyReported reported) {
                // The problem is in the list; carry on so that every problem is found in one run.
            }
        }
        return interpolator.resolved;
    }

    private String resolve(String key, List<String> chain) throws AlreadyReported {
        String done = resolved.get(key);
        if (done != null) {
            return done;
        }
        if (broken.contains(key)) {
            throw new AlreadyReported();
        }
        if (chain.contains(key)) {
            List<String> loop = new ArrayList<>(chain.subList(chain.indexOf(key), chain.size()));
            loop.add(key);
            broken.addAll(loop);
            throw report(key, "refers back to itself: " + String.join(" -> ", loop));
        }
        chain.add(key);
        try {
            String template = written.get(key).value();
            String expanded = expand(key, template, chain);
            String value = finish(key, template, expanded);
            resolved.put(key, value);
            return value;
        } catch (AlreadyReported reported) {
            broken.add(key);
            throw reported;
        } finally {
            chain.remove(chain.size() - 1);
        }
    }

    private String expand(String key, String template, List<String> chain) throws AlreadyReported {
        StringBuilder expanded = new StringBuilder();
        int from = 0;
        int start;
        while ((start = template.indexOf("${", from)) >= 0) {
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw report(key, "has an unclosed ${ in \"" + template + "\"");
            }
            expanded.append(template, from, start).append(lookUp(key, template.substring(start + 2, end), chain));
            from = end + 1;
        }
        return expanded.append(template.substring(from)).toString();
    }

    private String lookUp(String key, String reference, List<String> chain) throws AlreadyReported {
        String given = givens.get(reference);
        if (given != null) {
            return given;
        }
        if (!written.containsKey(reference)) {
            throw report(key, "refers to ${" + reference + "}, which is not a Chariot setting");
        }
        return resolve(reference, chain);
    }

    private String finish(String key, String template, String expanded) throws AlreadyReported {
        try {
            return rules.apply(key, expanded);
        } catch (IllegalArgumentException unusable) {
            String expansion = expanded.equals(template) ? "" : ", expanded from \"" + template + "\"";
            throw report(key, unusable.getMessage() + ", but is \"" + expanded + "\"" + expansion);
        }
    }

    private AlreadyReported report(String key, String reason) {
        problems.add(key + " " + reason + " (set by " + written.get(key).origin() + ")");
        broken.add(key);
        return new AlreadyReported();
    }

    /** Unwinds the reference chain once a problem is in the list. */
    private static final class AlreadyReported extends Exception {

        private static final long serialVersionUID = 1L;

        AlreadyReported() {
            super(null, null, false, false);
        }
    }
}
