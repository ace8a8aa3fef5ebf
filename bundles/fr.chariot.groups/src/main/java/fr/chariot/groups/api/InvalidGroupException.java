package fr.chariot.groups.api;

import java.util.List;

/**
 * A group or its criteria were refused; nothing was changed. {@link #getMessage()} joins the problems, each a French
 * sentence a technician can act on (the REST API answers 400 with it).
 */
public class InvalidGroupException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidGroupException(List<String> problems) {
        super(String.join(" ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid group has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidGroupException(String problem) {
        this(List.of(problem));
    }

    /** @return each problem found, in the order of the criteria */
    public List<String> problems() {
        return problems;
    }
}
