package fr.chariot.actions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.chariot.actions.api.OutcomeStatus;

class OsUpdatesTest {

    @Test
    void versionsCompareNumberByNumber() {
        assertTrue(OsUpdates.compareVersions("17.10", "17.9") > 0);
        assertTrue(OsUpdates.compareVersions("17.4.1", "17.4") > 0);
        assertTrue(OsUpdates.compareVersions("18.0", "17.10.1") > 0);
        assertTrue(OsUpdates.compareVersions("9.3", "10.0") < 0);
        assertEquals(0, OsUpdates.compareVersions("17.4", "17.4.0"));
    }

    @Test
    void configurationDataIsNoOsUpdateAndARapidSecurityResponseShowsItsSuffix() {
        Map<String, Object> response = Map.of("AvailableOSUpdates", List.of(
                Map.of("ProductKey", "config", "Version", "99.0", "IsConfigDataUpdate", true),
                Map.of("ProductKey", "rsr", "Version", "16.4.1", "SupplementalOSVersionExtra", "(a)",
                        "IsSecurityResponse", true),
                Map.of("ProductKey", "noVersion")));

        OsUpdates.Choice choice = OsUpdates.choose(response, "Default");

        assertEquals("rsr", choice.offer().orElseThrow().productKey());
        assertEquals("16.4.1 (a)", choice.offer().orElseThrow().label());
    }

    @Test
    void anAnswerWithoutTheListMeansNothingToInstall() {
        OsUpdates.Choice choice = OsUpdates.choose(Map.of(), "Default");
        assertEquals(Optional.empty(), choice.offer());
        assertEquals(OutcomeStatus.DONE, choice.status());
    }

    @Test
    void aSchedulingErrorCarriesTheDevicesError() {
        Map<String, Object> response = Map.of("UpdateResults", List.of(Map.of("ProductKey", "k",
                "InstallAction", "Error", "Status", "Idle",
                "ErrorChain", List.of(Map.of("LocalizedDescription", "Gestion déclarative active")))));

        OsUpdates.Scheduled scheduled = OsUpdates.scheduled(response, "k", "17.5");

        assertEquals(OutcomeStatus.FAILED, scheduled.status());
        assertEquals("Mise à jour 17.5 refusée par l'appareil : Gestion déclarative active", scheduled.reason());
    }

    @Test
    void aPassingConditionLeavesTheUpdateScheduled() {
        OsUpdates.Scheduled scheduled = OsUpdates.scheduled(Map.of("UpdateResults", List.of(Map.of(
                "ProductKey", "k", "InstallAction", "Default", "Status", "DownloadInsufficientPower"))), "k", "17.5");

        assertEquals(OutcomeStatus.DONE, scheduled.status());
        assertEquals("Mise à jour 17.5 programmée (batterie insuffisante pour télécharger)", scheduled.reason());
    }

    @Test
    void anErrorIsDescribedByItsOwnWordsWhenItHasAny() {
        assertEquals("Erreur MCMDMErrorDomain 12021",
                ErrorChains.describe(List.of(Map.of("ErrorDomain", "MCMDMErrorDomain", "ErrorCode", 12021L))));
        assertEquals("Erreur sans détail", ErrorChains.describe(List.of()));
    }
}
