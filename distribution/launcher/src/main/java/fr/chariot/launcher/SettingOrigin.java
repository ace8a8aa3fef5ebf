package fr.chariot.launcher;

import java.nio.file.Path;

/**
 * Where a setting's value came from, so that an error message can send the operator to the right place.
 *
 * @param kind   which layer of settings supplied the value
 * @param source the file path, environment variable name or system property name within that layer
 */
public record SettingOrigin(Kind kind, String source) {

    /** The layers of settings, from weakest to strongest. */
    public enum Kind {
        DEFAULTS_FILE("defaults file"),
        OVERRIDE_FILE("override file"),
        ENVIRONMENT_VARIABLE("environment variable"),
        SYSTEM_PROPERTY("system property");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static SettingOrigin defaultsFile(Path file) {
        return new SettingOrigin(Kind.DEFAULTS_FILE, file.toString());
    }

    static SettingOrigin overrideFile(Path file) {
        return new SettingOrigin(Kind.OVERRIDE_FILE, file.toString());
    }

    static SettingOrigin environmentVariable(String name) {
        return new SettingOrigin(Kind.ENVIRONMENT_VARIABLE, name);
    }

    static SettingOrigin systemProperty(String name) {
        return new SettingOrigin(Kind.SYSTEM_PROPERTY, name);
    }

    /** @return e.g. {@code environment variable CHARIOT_HTTP_PORT} */
    @Override
    public String toString() {
        return kind.label + " " + source;
    }
}
