package fr.chariot.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;

import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.internal.CommandRunner.Outcome;
import fr.chariot.simulator.internal.IpadState.Channel;
import fr.chariot.simulator.internal.IpadState.User;

class CommandRunnerTest {

    private static final KeyPair IDENTITY_KEYS = Pki.rsaKeyPair(2048);
    private static final String STUDENT = "eleve.dupont@college.fr";

    private static final Map<String, String> SCHEMA_FILES = Map.ofEntries(
        Map.entry("DeviceInformation", "information.device"), Map.entry("SecurityInfo", "information.security"),
        Map.entry("InstalledApplicationList", "application.installed.list"),
        Map.entry("ManagedApplicationList", "application.managed.list"), Map.entry("ProfileList", "profile.list"),
        Map.entry("InstallProfile", "profile.install"), Map.entry("RemoveProfile", "profile.remove"),
        Map.entry("InstallApplication", "application.install"), Map.entry("RemoveApplication", "application.remove"),
        Map.entry("UserList", "user.list"), Map.entry("DeleteUser", "user.delete"), Map.entry("LogOutUser", "user.logout"),
        Map.entry("Settings", "settings"), Map.entry("EnableLostMode", "device.lostmode.enable"),
        Map.entry("DisableLostMode", "device.lostmode.disable"), Map.entry("DeviceLocation", "device.lostmode.location"),
        Map.entry("PlayLostModeSound", "device.lostmode.playsound"), Map.entry("ClearPasscode", "passcode.clear"),
        Map.entry("AvailableOSUpdates", "system.update.available"), Map.entry("ScheduleOSUpdate", "system.update.schedule"),
        Map.entry("OSUpdateStatus", "system.update.status"), Map.entry("RestartDevice", "device.restart"),
        Map.entry("DeviceLock", "device.lock"));

    private static final Map<String, Long> ACCESS_RIGHT_BITS = Map.ofEntries(Map.entry("AllowInspection", 1L),
        Map.entry("AllowInstallationRemoval", 2L), Map.entry("AllowPasscodeRemovalAndLock", 4L),
        Map.entry("AllowDeviceErase", 8L), Map.entry("AllowQueryDeviceInformation", 16L),
        Map.entry("AllowQueryNetworkInformation", 32L), Map.entry("AllowQueryApplications", 256L),
        Map.entry("AllowQueryRestrictions", 512L), Map.entry("AllowQuerySecurity", 1024L),
        Map.entry("AllowSettings", 2048L), Map.entry("AllowAppInstallation", 4096L));

    private final TestCa ca = new TestCa();

    private static CommandRunner runner(IpadState state) {
        return new CommandRunner(state, new CommandRunner.Identity() {
            @Override
            public PrivateKey key() {
                return IDENTITY_KEYS.getPrivate();
            }

            @Override
            public long accessRights() {
                return 8191;
            }
        });
    }

    private static NSDictionary command(Map<String, ?> keys) {
        return (NSDictionary) Plists.toPlist(keys);
    }

    private static Channel logIn(IpadState state) {
        User user = state.users.computeIfAbsent(STUDENT, name -> new User(name, "Léa Dupont"));
        user.loggedIn = true;
        return user.channel;
    }

    /** Checks an answer against the command's responsekeys; Error answers against the ErrorChain shape. */
    private static List<String> schemaProblems(String requestType, Outcome outcome) {
        NSDictionary answer = (NSDictionary) Plists.toPlist(outcome.keys());
        if (!outcome.status().equals(CommandRunner.ACKNOWLEDGED)) {
            return errorChainProblems(answer);
        }
        Map<String, Object> schema = Schema.load("commands/" + SCHEMA_FILES.get(requestType) + ".yaml");
        List<Map<String, Object>> keys = Schema.keys(schema, "responsekeys");
        if (requestType.equals("Settings")) {
            // the YAML types the Settings result as one dictionary; iPads send an array of them (Apple's web reference)
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> item = (List<Map<String, Object>>) keys.get(0).get("subkeys");
            List<String> problems = new ArrayList<>();
            for (NSObject result : ((NSArray) answer.get("Settings")).getArray()) {
                problems.addAll(Schema.check((NSDictionary) result, item, "Settings[]"));
            }
            return problems;
        }
        return Schema.check(answer, keys, requestType);
    }

    private static List<String> errorChainProblems(NSDictionary answer) {
        List<String> problems = new ArrayList<>();
        List<NSDictionary> chain = Plists.dictionaries(answer, "ErrorChain");
        if (!answer.isEmpty() && chain.isEmpty()) {
            problems.add("Error without ErrorChain: " + answer.toXMLPropertyList());
        }
        for (NSDictionary error : chain) {
            if (Plists.integer(error, "ErrorCode") == null || Plists.string(error, "ErrorDomain") == null
                || Plists.string(error, "LocalizedDescription") == null) {
                problems.add("malformed ErrorChain entry " + error.toXMLPropertyList());
            }
        }
        return problems;
    }

    private record Step(String requestType, Map<String, ?> keys, String expectedStatus) {
    }

    private Outcome runChecked(CommandRunner runner, Channel channel, Step step) {
        Outcome outcome = runner.run(channel, step.requestType(), command(step.keys()));
        assertEquals(step.expectedStatus(), outcome.status(), () -> step.requestType() + " answered " + outcome);
        List<String> problems = schemaProblems(step.requestType(), outcome);
        assertTrue(problems.isEmpty(), () -> step.requestType() + ": " + problems);
        return outcome;
    }

    @Test
    void tablesMatchTheSchema() {
        for (String requestType : CommandRunner.SUPPORTED.keySet()) {
            Map<String, Object> schema = Schema.load("commands/" + SCHEMA_FILES.get(requestType) + ".yaml");
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) schema.get("payload");
            assertEquals(requestType, payload.get("requesttype"));
            Map<String, Object> iOS = Schema.iOS(schema);
            @SuppressWarnings("unchecked")
            Map<String, Object> shared = (Map<String, Object>) iOS.get("sharedipad");
            assertEquals(Boolean.TRUE.equals(iOS.get("supervised")), CommandRunner.SUPERVISED_ONLY.contains(requestType),
                requestType + " supervised");
            assertEquals("required".equals(shared.get("mode")), CommandRunner.SHARED_IPAD_ONLY.contains(requestType),
                requestType + " Shared iPad only");
            assertEquals("forbidden".equals(shared.get("mode")),
                CommandRunner.FORBIDDEN_ON_SHARED_IPAD.contains(requestType), requestType + " forbidden on Shared iPad");
            assertEquals(Boolean.TRUE.equals(shared.get("userchannel")), CommandRunner.USER_CHANNEL.contains(requestType),
                requestType + " user channel");
            assertEquals(ACCESS_RIGHT_BITS.getOrDefault(String.valueOf(iOS.get("accessrights")), 0L),
                CommandRunner.SUPPORTED.get(requestType), requestType + " access right");
        }
    }

    @Test
    void everyAnswerOfASharedIpadMatchesTheSchema() throws Exception {
        IpadState state = new IpadState(7, Role.STUDENT_SHARED);
        CommandRunner runner = runner(state);
        Channel device = state.deviceChannel;
        Channel user = logIn(state);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queryKeys = (List<Map<String, Object>>) ((List<Map<String, Object>>)
            Schema.keys(Schema.load("commands/information.device.yaml"), "payloadkeys").get(0).get("subkeys"))
            .get(0).get("subkeys");
        List<String> everyQuery = queryKeys.stream().map(k -> (String) k.get("key")).toList();
        Outcome information = runChecked(runner, device, new Step("DeviceInformation", Map.of("Queries", everyQuery),
            "Acknowledged"));
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = (Map<String, Object>) information.keys().get("QueryResponses");
        assertEquals(state.udid, answers.get("UDID"));
        assertEquals(Boolean.TRUE, answers.get("IsMultiUser"));
        assertFalse(answers.containsKey("PushToken"), "PushToken is a user-channel query");
        Outcome onlyTwo = runChecked(runner, device, new Step("DeviceInformation",
            Map.of("Queries", List.of("BatteryLevel", "NoSuchQuery")), "Acknowledged"));
        assertEquals(List.of("BatteryLevel"), new ArrayList<>(((Map<?, ?>) onlyTwo.keys().get("QueryResponses")).keySet()));
        Outcome userInformation = runChecked(runner, user, new Step("DeviceInformation",
            Map.of("Queries", everyQuery), "Acknowledged"));
        assertTrue(((Map<?, ?>) userInformation.keys().get("QueryResponses")).containsKey("PushToken"));
        assertFalse(((Map<?, ?>) userInformation.keys().get("QueryResponses")).containsKey("QuotaSize"));

        runChecked(runner, device, new Step("SecurityInfo", Map.of(), "Acknowledged"));
        long freeBefore = state.availableBytes();
        Outcome install = runChecked(runner, device, new Step("InstallApplication", Map.of("Identifier",
            "fr.index-education.pronote", "Options", Map.of("PurchaseMethod", 1L), "ManagementFlags", 1L,
            "Configuration", Map.of("server", "https://pronote.example.fr")), "Acknowledged"));
        assertEquals("Installing", install.keys().get("State"));
        assertTrue(state.availableBytes() < freeBefore, "storage fills as apps install");
        Outcome installed = runChecked(runner, device, new Step("InstalledApplicationList", Map.of(), "Acknowledged"));
        assertTrue(installed.keys().toString().contains("Installing=true"));
        Outcome managed = runChecked(runner, device, new Step("ManagedApplicationList", Map.of(), "Acknowledged"));
        assertEquals("Managed", ((Map<?, ?>) ((Map<?, ?>) managed.keys().get("ManagedApplicationList"))
            .get("fr.index-education.pronote")).get("Status"));
        runChecked(runner, device, new Step("InstalledApplicationList", Map.of("ManagedAppsOnly", true,
            "Items", List.of("Name", "BundleSize")), "Acknowledged"));

        byte[] signedProfile = ca.signAttached(Plists.xml(command(Map.of("PayloadType", "Configuration",
            "PayloadVersion", 1L, "PayloadIdentifier", "fr.chariot.wifi", "PayloadUUID", "A1B2",
            "PayloadDisplayName", "Wi-Fi du collège", "PayloadContent", List.of(Map.of("PayloadType",
                "com.apple.wifi.managed", "PayloadVersion", 1L, "PayloadIdentifier", "fr.chariot.wifi.1",
                "PayloadUUID", "C3D4", "SSID_STR", "COLLEGE"))))));
        runChecked(runner, device, new Step("InstallProfile", Map.of("Payload", signedProfile), "Acknowledged"));
        Outcome profiles = runChecked(runner, device, new Step("ProfileList", Map.of(), "Acknowledged"));
        assertTrue(profiles.keys().toString().contains("fr.chariot.wifi"));
        runChecked(runner, user, new Step("InstallProfile", Map.of("Payload", signedProfile), "Acknowledged"));
        runChecked(runner, user, new Step("ProfileList", Map.of("ManagedOnly", true), "Acknowledged"));
        runChecked(runner, device, new Step("RemoveProfile", Map.of("Identifier", "fr.chariot.wifi"), "Acknowledged"));
        runChecked(runner, device, new Step("RemoveProfile", Map.of("Identifier", "fr.chariot.wifi"), "Error"));
        runChecked(runner, device, new Step("InstallProfile", Map.of("Payload", "not a profile".getBytes()), "Error"));

        Outcome settings = runChecked(runner, device, new Step("Settings", Map.of("Settings", List.of(
            Map.of("Item", "DeviceName", "DeviceName", "Chariot-07"),
            Map.of("Item", "OrganizationInfo", "OrganizationInfo", Map.of("OrganizationName", "Collège Jean Moulin")),
            Map.of("Item", "SharedDeviceConfiguration", "QuotaSize", 4096L, "ResidentUsers", 6L),
            Map.of("Item", "TimeZone", "TimeZone", "Europe/Paris"),
            Map.of("Item", "ApplicationConfiguration", "Identifier", "fr.index-education.pronote",
                "Configuration", Map.of("k", "v")),
            Map.of("Item", "NoSuchSetting"))), "Acknowledged"));
        assertEquals("Chariot-07", state.deviceName);
        assertEquals(4096L, state.quotaSizeMb);
        assertTrue(settings.keys().toString().contains("Status=Error"), "the unknown item fails alone");

        runChecked(runner, device, new Step("UserList", Map.of(), "Acknowledged"));
        runChecked(runner, device, new Step("DeleteUser", Map.of("UserName", STUDENT), "Error"));
        runChecked(runner, device, new Step("LogOutUser", Map.of(), "Acknowledged"));
        runChecked(runner, device, new Step("DeleteUser", Map.of("UserName", STUDENT, "ForceDeletion", true),
            "Acknowledged"));
        assertTrue(state.users.isEmpty());

        runChecked(runner, device, new Step("DeviceLocation", Map.of(), "Error"));
        runChecked(runner, device, new Step("EnableLostMode", Map.of("Message", "Rendez-moi au CDI"), "Acknowledged"));
        Outcome location = runChecked(runner, device, new Step("DeviceLocation", Map.of(), "Acknowledged"));
        assertEquals(state.latitude, location.keys().get("Latitude"));
        runChecked(runner, device, new Step("PlayLostModeSound", Map.of(), "Acknowledged"));
        runChecked(runner, device, new Step("DisableLostMode", Map.of(), "Acknowledged"));
        runChecked(runner, device, new Step("PlayLostModeSound", Map.of(), "Error"));

        runChecked(runner, device, new Step("AvailableOSUpdates", Map.of(), "Acknowledged"));
        runChecked(runner, device, new Step("ScheduleOSUpdate", Map.of("Updates", List.of(
            Map.of("ProductKey", "iOSUpdate22B91", "InstallAction", "Default"),
            Map.of("ProductKey", "iOSUpdateNope", "InstallAction", "InstallASAP"))), "Acknowledged"));
        for (int i = 0; i < 4; i++) {
            runChecked(runner, device, new Step("OSUpdateStatus", Map.of(), "Acknowledged"));
        }
        assertEquals("18.1.1", state.osVersion, "the scheduled update installs after its download");
        runChecked(runner, device, new Step("RestartDevice", Map.of(), "Acknowledged"));
        runChecked(runner, device, new Step("DeviceLock", Map.of("Message", "ignored on Shared iPad"), "Acknowledged"));
        runChecked(runner, device, new Step("RemoveApplication", Map.of("Identifier", "fr.index-education.pronote"),
            "Acknowledged"));
        runChecked(runner, device, new Step("RemoveApplication", Map.of("Identifier", "com.apple.Pages"), "Error"));
        runChecked(runner, device, new Step("ClearPasscode", Map.of("UnlockToken", new byte[] {1}), "Error"));
    }

    @Test
    void aPersonalIpadAnswersItsOwnCommandsWithinTheSchema() {
        IpadState state = new IpadState(8, Role.TEACHER_PERSONAL);
        CommandRunner runner = runner(state);
        Channel device = state.deviceChannel;
        Outcome lock = runChecked(runner, device, new Step("DeviceLock", Map.of("Message", "Appelez la vie scolaire",
            "PhoneNumber", "0102030405"), "Acknowledged"));
        assertEquals("Success", lock.keys().get("MessageResult"));
        runChecked(runner, device, new Step("ClearPasscode", Map.of("UnlockToken", new byte[] {9}), "Error"));
        runChecked(runner, device, new Step("ClearPasscode", Map.of("UnlockToken", state.unlockToken), "Acknowledged"));
        assertFalse(state.passcodePresent);
        runChecked(runner, device, new Step("UserList", Map.of(), "Error"));
        runChecked(runner, device, new Step("SecurityInfo", Map.of(), "Acknowledged"));
        String name = state.deviceName;
        Outcome settings = runChecked(runner, device, new Step("Settings",
            Map.of("Settings", List.of(Map.of("Item", "DeviceName", "DeviceName", "Renamed"))), "Acknowledged"));
        assertEquals(name, state.deviceName, "DeviceName needs supervision");
        assertTrue(settings.keys().toString().contains("Status=Error"));
    }

    @Test
    void sharedIpadsInstallOnlyDeviceLicensedApps() {
        IpadState state = new IpadState(9, Role.STUDENT_SHARED);
        Outcome outcome = runChecked(runner(state), state.deviceChannel, new Step("InstallApplication",
            Map.of("iTunesStoreID", 361309726L), "Acknowledged"));
        assertEquals("PurchaseMethodNotSupportedInMultiUser", outcome.keys().get("RejectionReason"));
        assertFalse(state.apps.get("com.apple.Pages").managed);
    }

    @Test
    void whileLockedOnlyTheNeverNotNowCommandsRun() {
        IpadState state = new IpadState(10, Role.STUDENT_SHARED);
        CommandRunner runner = runner(state);
        state.locked = true;
        for (String requestType : CommandRunner.SUPPORTED.keySet()) {
            if (CommandRunner.FORBIDDEN_ON_SHARED_IPAD.contains(requestType)) {
                continue;
            }
            Outcome outcome = runner.run(state.deviceChannel, requestType, command(Map.of("Queries", List.of("UDID"))));
            if (CommandRunner.NEVER_NOT_NOW.contains(requestType)) {
                assertNotEquals("NotNow", outcome.status(), requestType);
            } else {
                assertEquals("NotNow", outcome.status(), requestType);
            }
        }
        assertTrue(state.notNowSinceUnlock);
        state.locked = false;
        assertEquals("Acknowledged", runner.run(state.deviceChannel, "SecurityInfo", new NSDictionary()).status());
    }

    @Test
    void supervisedOnlyCommandsFailOnAnUnsupervisedIpad() {
        IpadState unsupervised = new IpadState(11, Role.TEACHER_PERSONAL);
        IpadState supervised = new IpadState(11, Role.TEACHER_SHARED);
        for (String requestType : CommandRunner.SUPERVISED_ONLY) {
            supervised.lostMode = true;
            NSDictionary command = command(Map.of("Message", "m", "Updates", List.of()));
            Outcome refused = runner(unsupervised).run(unsupervised.deviceChannel, requestType, command);
            assertEquals("Error", refused.status(), requestType);
            assertTrue(refused.keys().toString().contains("supervised"), requestType);
            assertEquals("Acknowledged", runner(supervised).run(supervised.deviceChannel, requestType, command).status(),
                requestType);
        }
    }

    @Test
    void failNextAnswersOneRealisticErrorThenWorksAgain() {
        IpadState state = new IpadState(12, Role.TEACHER_SHARED);
        CommandRunner runner = runner(state);
        state.failNext.put("SecurityInfo", 1);
        Outcome failed = runner.run(state.deviceChannel, "SecurityInfo", new NSDictionary());
        assertEquals("Error", failed.status());
        assertTrue(schemaProblems("SecurityInfo", failed).isEmpty());
        assertEquals(2, Plists.dictionaries((NSDictionary) Plists.toPlist(failed.keys()), "ErrorChain").size());
        assertEquals("Acknowledged", runner.run(state.deviceChannel, "SecurityInfo", new NSDictionary()).status());
    }

    @Test
    void unknownCommandsAndUserChannelMisuseAreErrors() {
        IpadState state = new IpadState(13, Role.STUDENT_SHARED);
        CommandRunner runner = runner(state);
        Outcome unknown = runner.run(state.deviceChannel, "EraseDevice", new NSDictionary());
        assertEquals("Error", unknown.status());
        NSDictionary error = Plists.dictionaries((NSDictionary) Plists.toPlist(unknown.keys()), "ErrorChain").get(0);
        assertEquals(12021L, Plists.integer(error, "ErrorCode"));
        assertEquals("MCMDMErrorDomain", Plists.string(error, "ErrorDomain"));
        Channel user = logIn(state);
        assertEquals("Error", runner.run(user, "InstallApplication", command(Map.of("Identifier", "x"))).status());
        assertEquals("Error", runner.run(state.deviceChannel, "ClearPasscode",
            command(Map.of("UnlockToken", new byte[] {1}))).status());
        assertEquals("CommandFormatError", runner.run(state.deviceChannel, "DeviceInformation", new NSDictionary()).status());
        Map<String, Object> noKeys = new LinkedHashMap<>();
        assertEquals("CommandFormatError", runner.run(state.deviceChannel, "EnableLostMode", command(noKeys)).status());
    }
}
