package fr.chariot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ErrorChainsTest {

    private static final Map<String, Object> PROFILE = Map.of("ErrorDomain", "MCProfileErrorDomain", "ErrorCode",
            1001L, "LocalizedDescription", "Le profil est introuvable.", "USEnglishDescription", "Profile not found.");

    @Test
    void anErrorIsItsOwnWordsThenWhereItComesFrom() {
        assertEquals("Le profil est introuvable. (MCProfileErrorDomain 1001)", ErrorChains.describe(PROFILE));
        assertEquals("Profile not found.", ErrorChains.describe(Map.of("USEnglishDescription", " Profile not found. ")),
                "the US English text when the device gave no localized one");
        assertEquals("MCMDMErrorDomain 12021", ErrorChains.describe(Map.of("ErrorDomain", "MCMDMErrorDomain",
                "ErrorCode", 12021L)));
        assertEquals(Optional.of("12021"), ErrorChains.origin(Map.of("ErrorCode", 12021L)));
        assertEquals("", ErrorChains.describe(Map.of("LocalizedDescription", "  ")));
    }

    @Test
    void aChainIsEveryErrorTopLevelFirst() {
        assertEquals("Le profil est introuvable. (MCProfileErrorDomain 1001) ; MCInstallationErrorDomain 4001",
                ErrorChains.describeAll(List.of(PROFILE, Map.of(), Map.of("ErrorDomain",
                        "MCInstallationErrorDomain", "ErrorCode", 4001L))));
        assertEquals("", ErrorChains.describeAll(List.of()));
    }
}
