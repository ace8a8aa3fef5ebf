package fr.chariot.simulator.api;

/** What a simulated iPad is used for in a college, which decides supervision and Shared iPad mode. */
public enum Role {
    /** A student cart iPad: supervised (ADE) and in Shared iPad mode, students log in with Managed Apple Accounts. */
    STUDENT_SHARED(true, true),
    /** The teacher's iPad of a cart: supervised, single user, passed from teacher to teacher. */
    TEACHER_SHARED(true, false),
    /** A teacher's own iPad enrolled with the web profile: not supervised, single user, with a passcode. */
    TEACHER_PERSONAL(false, false);

    private final boolean supervised;
    private final boolean sharedIpad;

    Role(boolean supervised, boolean sharedIpad) {
        this.supervised = supervised;
        this.sharedIpad = sharedIpad;
    }

    /** @return whether an iPad with this role is supervised */
    public boolean supervised() {
        return supervised;
    }

    /** @return whether an iPad with this role runs in Shared iPad (multi-user) mode */
    public boolean sharedIpad() {
        return sharedIpad;
    }
}
