package fr.chariot.accounts.api;

/** What a user may do. */
public enum Role {
    /** Sees and manages every college, creates colleges and installs the push certificate. */
    DEPARTMENT_ADMIN,
    /** Sees and acts on the devices of the colleges linked to the account. */
    TECHNICIAN,
    /** Sees the colleges linked to the account; changes nothing. */
    READ_ONLY
}
