package fr.chariot.launcher;

import java.util.List;

/**
 * Chariot's settings cannot be used as they are. Carries every problem found, one line each, so that a
 * single run tells the operator everything to fix rather than one mistake at a time.
 */
public final class SettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one self-explaining line per problem, naming the setting and where its value came from */
    public SettingsException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per problem, in the order they were found */
    public List<String> problems() {
        return problems;
    }
}
