package fr.chariot.groups.api;

/**
 * No group with that id in that college: either it does not exist or it belongs to another college, which a caller
 * must not be able to tell apart (the REST API answers 404).
 */
public class GroupNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GroupNotFoundException(String site, long id) {
        super("Le groupe n°" + id + " n'existe pas dans le collège " + site + ".");
    }
}
