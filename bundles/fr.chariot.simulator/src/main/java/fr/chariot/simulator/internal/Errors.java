package fr.chariot.simulator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ErrorChain entries as iPads send them. The codes are the simulator's choice in Apple's domains: servers must
 * treat them as diagnostics only (protocol.md §4), so tests should not branch on them either.
 */
final class Errors {

    static final String MDM = "MCMDMErrorDomain";
    static final String PROFILE = "MCProfileErrorDomain";
    static final String INSTALLATION = "MCInstallationErrorDomain";

    private Errors() {
    }

    /** One ErrorChain dictionary. */
    static Map<String, Object> error(long code, String domain, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ErrorCode", code);
        error.put("ErrorDomain", domain);
        error.put("LocalizedDescription", description);
        error.put("USEnglishDescription", description);
        return error;
    }

    @SafeVarargs
    static List<Map<String, Object>> chain(Map<String, Object>... errors) {
        return new ArrayList<>(List.of(errors));
    }

    static List<Map<String, Object>> unknownCommand(String requestType) {
        return chain(error(12021, MDM, "Unknown command \u201c" + requestType + "\u201d."));
    }

    static List<Map<String, Object>> notOnUserChannel(String requestType) {
        return chain(error(12021, MDM, "The command \u201c" + requestType + "\u201d is not supported on the user channel."));
    }

    static List<Map<String, Object>> notSupervised(String what) {
        return chain(error(12081, MDM, "The device must be supervised to perform \u201c" + what + "\u201d."));
    }

    static List<Map<String, Object>> notSharedIpad(String what) {
        return chain(error(12078, MDM, "\u201c" + what + "\u201d requires a Shared iPad."));
    }

    static List<Map<String, Object>> forbiddenOnSharedIpad(String what) {
        return chain(error(12077, MDM, "\u201c" + what + "\u201d is not supported on Shared iPad."));
    }

    static List<Map<String, Object>> accessRight(String requestType, long bit) {
        return chain(error(12012, MDM, "The MDM profile does not grant access right " + bit + " needed by \u201c"
            + requestType + "\u201d."));
    }

    static List<Map<String, Object>> lostModeRequired(String requestType) {
        return chain(error(12067, MDM, "\u201c" + requestType + "\u201d requires Lost Mode, which is not enabled."));
    }

    /** What {@code failNext} answers: plausible device-side failures per command family. */
    static List<Map<String, Object>> injected(String requestType) {
        return switch (requestType) {
            case "InstallProfile", "RemoveProfile" -> chain(
                error(4001, INSTALLATION, "Profile Installation Failed"),
                error(1009, PROFILE, "The profile could not be processed because the device is busy."));
            case "InstallApplication", "RemoveApplication" -> chain(
                error(12024, MDM, "The app could not be installed or removed."),
                error(4, "ASDErrorDomain", "Unable to contact the App Store."));
            default -> chain(
                error(12000, MDM, "The command \u201c" + requestType + "\u201d could not be completed."),
                error(5, "NSPOSIXErrorDomain", "Input/output error"));
        };
    }
}
