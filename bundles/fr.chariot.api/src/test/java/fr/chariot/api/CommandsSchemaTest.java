package fr.chariot.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command {@link Commands} builds conforms to Apple's YAML schema of that command. */
class CommandsSchemaTest {

    private static final byte[] TOKEN = {1, 2, 3, 4};

    static Stream<Arguments> everyFactory() {
        return Stream.of(
                Arguments.of("information.device", Commands.deviceInformation(Commands.DEVICE_INFORMATION_QUERIES)),
                Arguments.of("information.device", Commands.deviceInformation(List.of("UDID"))),
                Arguments.of("information.security", Commands.securityInfo()),
                Arguments.of("application.installed.list", Commands.installedApplicationList(true)),
                Arguments.of("application.installed.list", Commands.installedApplicationList(false)),
                Arguments.of("application.managed.list", Commands.managedApplicationList()),
                Arguments.of("profile.list", Commands.profileList()),
                Arguments.of("profile.install", Commands.installProfile(TOKEN)),
                Arguments.of("profile.remove", Commands.removeProfile("fr.chariot.wifi")),
                Arguments.of("application.install", Commands.installApplicationFromStore(361309726L, true, 1)),
                Arguments.of("application.install", Commands.installApplicationFromStore(361309726L, false, 5)),
                Arguments.of("application.install", Commands.installApplicationFromStore(361309726L, true, 0)),
                Arguments.of("application.remove", Commands.removeApplication("com.apple.Pages")),
                Arguments.of("user.list", Commands.userList()),
                Arguments.of("user.delete", Commands.deleteUser("eleve.dupont@college.fr", true)),
                Arguments.of("settings", Commands.settingsDeviceName("Chariot 3 - iPad 12")),
                Arguments.of("device.lostmode.enable",
                        Commands.enableLostMode(Optional.of("Rendez-moi"), Optional.of("0561000000"),
                                Optional.of("Collège Jean Jaurès"))),
                Arguments.of("device.lostmode.enable",
                        Commands.enableLostMode(Optional.empty(), Optional.of("0561000000"), Optional.empty())),
                Arguments.of("device.lostmode.disable", Commands.disableLostMode()),
                Arguments.of("device.lostmode.location", Commands.deviceLocation()),
                Arguments.of("device.lostmode.playsound", Commands.playLostModeSound()),
                Arguments.of("passcode.clear", Commands.clearPasscode(TOKEN)),
                Arguments.of("device.lock", Commands.deviceLock(Optional.of("Rangez la tablette"), Optional.empty())),
                Arguments.of("device.lock", Commands.deviceLock(Optional.empty(), Optional.empty())),
                Arguments.of("system.update.available", Commands.availableOSUpdates()),
                Arguments.of("system.update.schedule",
                        Commands.scheduleOSUpdate("iOSUpdate22A3354", true, "InstallASAP")),
                Arguments.of("system.update.schedule", Commands.scheduleOSUpdate("18.1", false, "Default")),
                Arguments.of("system.update.status", Commands.osUpdateStatus()),
                Arguments.of("device.restart", Commands.restartDevice()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyFactory")
    void conformsToAppleSchema(String yamlFile, Command command) {
        AppleSchema.command(yamlFile).assertValidRequest(command);
    }

    @Test
    void everyInventoryQueryIsADeviceInformationResponseKeyAvailableOnIOS() {
        AppleSchema schema = AppleSchema.command("information.device");
        List<String> problems = new ArrayList<>();
        for (String query : Commands.DEVICE_INFORMATION_QUERIES) {
            Optional<Map<String, Object>> response = AppleSchema.find(schema.responseKeys(), "QueryResponses", query);
            if (response.isEmpty()) {
                problems.add(query + " is not a QueryResponses key");
            } else if (response.get().get("supportedOS") instanceof Map<?, ?> os
                    && os.get("iOS") instanceof Map<?, ?> iOS && "n/a".equals(iOS.get("introduced"))) {
                problems.add(query + " does not exist on iOS");
            }
        }
        assertTrue(problems.isEmpty(), String.join("; ", problems));
    }

    @Test
    void inventoryIncludesTheSharedIPadKeys() {
        assertTrue(Commands.DEVICE_INFORMATION_QUERIES.containsAll(List.of("QuotaSize", "ResidentUsers",
                "EstimatedResidentUsers", "MaximumResidentUsers", "UserSessionTimeout", "TemporarySessionTimeout",
                "TemporarySessionOnly", "IsMultiUser")));
        assertEquals(Commands.DEVICE_INFORMATION_QUERIES.size(),
                Commands.DEVICE_INFORMATION_QUERIES.stream().distinct().count(), "duplicate query");
    }

    @Test
    void everyInstallActionOfTheSchemaIsAcceptedAndNothingElse() {
        Map<String, Object> installAction = AppleSchema.find(
                AppleSchema.command("system.update.schedule").payloadKeys(), "Updates", "UpdatesItem", "InstallAction")
                .orElseThrow();
        List<?> rangelist = (List<?>) installAction.get("rangelist");

        for (Object action : rangelist) {
            AppleSchema.command("system.update.schedule")
                    .assertValidRequest(Commands.scheduleOSUpdate("18.1", false, (String) action));
        }
        assertThrows(IllegalArgumentException.class, () -> Commands.scheduleOSUpdate("18.1", false, "Install"));
    }

    @Test
    void managementFlagsOutsideTheSchemaAreRefused() {
        for (int flags : new int[] {2, 3, 6, -1}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Commands.installApplicationFromStore(361309726L, true, flags), "flags " + flags);
        }
        assertThrows(IllegalArgumentException.class, () -> Commands.installApplicationFromStore(0, true, 1));
    }

    @Test
    void deviceLicenceIsPurchaseMethodOne() {
        Command command = Commands.installApplicationFromStore(361309726L, true, 1);

        assertEquals(Map.of("PurchaseMethod", 1L), command.keys().get("Options"));
        assertEquals(361309726L, command.keys().get("iTunesStoreID"));
        assertEquals(1L, command.keys().get("ManagementFlags"));
    }

    @Test
    void lostModeNeedsAMessageOrAPhoneNumber() {
        assertThrows(IllegalArgumentException.class,
                () -> Commands.enableLostMode(Optional.empty(), Optional.empty(), Optional.of("Collège")));
        assertThrows(IllegalArgumentException.class,
                () -> Commands.enableLostMode(Optional.of("  "), Optional.empty(), Optional.empty()));
    }

    @Test
    void settingsDeviceNameIsOneItem() {
        Command command = Commands.settingsDeviceName("iPad 7");

        assertEquals(List.of(Map.of("Item", "DeviceName", "DeviceName", "iPad 7")), command.keys().get("Settings"));
    }

    @Test
    void scheduleOSUpdateNamesTheKindOfIdentifier() {
        Map<?, ?> byKey = (Map<?, ?>) ((List<?>) Commands.scheduleOSUpdate("iOSUpdate22A3354", true, "Default")
                .keys().get("Updates")).get(0);
        Map<?, ?> byVersion = (Map<?, ?>) ((List<?>) Commands.scheduleOSUpdate("18.1", false, "Default")
                .keys().get("Updates")).get(0);

        assertEquals("iOSUpdate22A3354", byKey.get("ProductKey"));
        assertEquals("18.1", byVersion.get("ProductVersion"));
        assertFalse(byVersion.containsKey("ProductKey"));
    }

    @Test
    void dataIsCopied() {
        byte[] token = {7, 7, 7};
        Command command = Commands.clearPasscode(token);
        token[0] = 0;

        assertArrayEquals(new byte[] {7, 7, 7}, (byte[]) command.keys().get("UnlockToken"));
    }

    @Test
    void blankOrEmptyArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Commands.removeProfile(" "));
        assertThrows(IllegalArgumentException.class, () -> Commands.removeApplication(""));
        assertThrows(IllegalArgumentException.class, () -> Commands.deleteUser("", false));
        assertThrows(IllegalArgumentException.class, () -> Commands.settingsDeviceName("\t"));
        assertThrows(IllegalArgumentException.class, () -> Commands.installProfile(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Commands.deviceInformation(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Commands.deviceInformation(List.of("UDID", " ")));
        assertThrows(NullPointerException.class, () -> Commands.clearPasscode(null));
    }

    /** The checker itself: it must find what is wrong, or the tests above prove nothing. */
    @Nested
    class AppleSchemaChecks {

        @Test
        void requestWithAWrongTypeAnUndeclaredKeyOrAValueOutOfRangeIsReported() {
            AppleSchema schema = AppleSchema.command("application.install");
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("iTunesStoreID", "361309726");
            keys.put("Options", Map.of("PurchaseMethod", 2L));
            keys.put("ManagementFlags", 3);
            keys.put("Colour", "blue");

            List<String> problems = schema.requestProblems(new Command("InstallApplication", keys));

            assertEquals(4, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("iTunesStoreID:"), problems.toString());
            assertTrue(problems.get(1).startsWith("Options.PurchaseMethod:"), problems.toString());
            assertTrue(problems.get(2).startsWith("ManagementFlags:"), problems.toString());
            assertTrue(problems.get(3).startsWith("Colour:"), problems.toString());
        }

        @Test
        void missingRequiredKeyAndWrongRequestTypeAreReported() {
            AppleSchema schema = AppleSchema.command("passcode.clear");

            List<String> problems = schema.requestProblems(Command.of("ClearPasscodes"));

            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(1).startsWith("UnlockToken: required"), problems.toString());
        }

        @Test
        void unknownQueryNameAndSettingsItemOfNoShapeAreReported() {
            assertFalse(AppleSchema.command("information.device")
                    .requestProblems(Commands.deviceInformation(List.of("UDID", "FavouriteColour"))).isEmpty());
            Command badItem = new Command("Settings",
                    Map.of("Settings", List.of(Map.of("Item", "DeviceName", "DeviceName", 42L))));
            assertFalse(AppleSchema.command("settings").requestProblems(badItem).isEmpty());
        }

        /** A DeviceInformation result as the plist reader returns it: Long integers, Double reals, Instant dates. */
        private Map<String, Object> deviceInformationResult() {
            Map<String, Object> queryResponses = new LinkedHashMap<>();
            queryResponses.put("UDID", "00008030-001A2B3C4D5E6F70");
            queryResponses.put("DeviceName", "iPad 12");
            queryResponses.put("BatteryLevel", 0.87d);
            queryResponses.put("DeviceCapacity", 64.0d);
            queryResponses.put("IsSupervised", true);
            queryResponses.put("QuotaSize", 4096L);
            queryResponses.put("LastCloudBackupDate", Instant.parse("2024-09-01T18:00:00Z"));
            queryResponses.put("OrganizationInfo", Map.of("OrganizationName", "Collège Jean Jaurès"));
            queryResponses.put("PushToken", new byte[] {1, 2});
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("CommandUUID", "76eda240-5488-4989-8339-f2ae160113c4");
            result.put("QueryResponses", queryResponses);
            result.put("RequestType", "DeviceInformation");
            result.put("Status", "Acknowledged");
            result.put("UDID", "00008030-001A2B3C4D5E6F70");
            return result;
        }

        @Test
        void conformingResponseHasNoProblem() {
            List<String> problems = AppleSchema.command("information.device").responseProblems(deviceInformationResult());

            assertTrue(problems.isEmpty(), problems.toString());
        }

        @Test
        void responseWithWrongTypesOrMissingRequiredKeyIsReported() {
            Map<String, Object> result = deviceInformationResult();
            @SuppressWarnings("unchecked")
            Map<String, Object> queryResponses = (Map<String, Object>) result.get("QueryResponses");
            queryResponses.put("BatteryLevel", 1L);
            queryResponses.put("IsSupervised", "true");
            queryResponses.put("ShoeSize", 42L);

            List<String> problems = AppleSchema.command("information.device").responseProblems(result);

            assertEquals(List.of("QueryResponses.BatteryLevel", "QueryResponses.IsSupervised",
                    "QueryResponses.ShoeSize"), problems.stream().map(p -> p.substring(0, p.indexOf(':'))).toList(),
                    problems.toString());
            result.remove("QueryResponses");
            assertEquals(List.of("QueryResponses: required but absent"),
                    AppleSchema.command("information.device").responseProblems(result));
        }

        @Test
        void responseKeyedByAnyNameUsesTheWildcardDeclaration() {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("Status", "Managed");
            app.put("ManagementFlags", 1L);
            app.put("UnusedRedemptionCode", "");
            app.put("HasConfiguration", false);
            app.put("HasFeedback", false);
            app.put("IsValidated", true);
            app.put("ExternalVersionIdentifier", 869541234L);
            Map<String, Object> result = new LinkedHashMap<>(Map.of("Status", "Acknowledged",
                    "ManagedApplicationList", Map.of("com.apple.Pages", app)));
            AppleSchema schema = AppleSchema.command("application.managed.list");

            assertEquals(List.of(), schema.responseProblems(result));
            app.put("Status", "Sleeping");
            List<String> problems = schema.responseProblems(result);
            assertEquals(1, problems.size(), problems.toString());
            assertNotEquals(-1, problems.get(0).indexOf("rangelist"), problems.toString());
        }
    }
}
