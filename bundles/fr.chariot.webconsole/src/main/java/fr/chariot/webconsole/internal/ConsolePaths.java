package fr.chariot.webconsole.internal;

import java.util.Optional;
import java.util.Set;

/** The console's own addresses, and the check that keeps a login's return address inside the console. */
final class ConsolePaths {

    static final String ROOT = "/console/";
    static final String LOGIN = "login";
    static final String LOGOUT = "logout";
    static final String PASSWORD = "password";
    static final String ACCOUNT = "account";
    static final String LANGUAGE = "language";
    static final String STATIC = "static";
    /** Paths no contributed page may take. */
    static final Set<String> RESERVED = Set.of("", LOGIN, LOGOUT, PASSWORD, ACCOUNT, LANGUAGE, STATIC);

    private ConsolePaths() {
    }

    /**
     * A return address taken from a request (the language switch's): only one of the console's own pages, so that
     * a crafted link cannot send a user to another site (open redirect).
     */
    static Optional<String> inConsole(String target) {
        if (target == null || !target.startsWith(ROOT) || target.contains("//") || target.contains("\\")
                || target.contains("/..") || target.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /** Where to go after the login: a console page, but not the login or logout again. */
    static Optional<String> afterLogin(String target) {
        return inConsole(target).filter(t -> {
            String first = t.substring(ROOT.length()).split("[/?#]", 2)[0];
            return !first.equals(LOGIN) && !first.equals(LOGOUT);
        });
    }
}
