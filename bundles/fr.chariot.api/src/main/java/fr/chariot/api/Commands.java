package fr.chariot.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The MDM commands Chariot sends, built with the request keys and types of Apple's schema
 * ({@code mdm/commands/<file>.yaml}, {@code payloadkeys}); each factory names its file. Values follow
 * {@link Command}: integers as {@code Long}, data as a copy of the given {@code byte[]}.
 *
 * <p>Bad arguments (blank identifiers, empty data, values outside Apple's ranges) throw
 * {@link IllegalArgumentException}; {@code null} throws {@link NullPointerException}.
 */
public final class Commands {

    /**
     * Every {@code DeviceInformation} query of Chariot's inventory: identity, model, capacity, battery, network
     * addresses, supervision and lost-mode state, backup, organisation, the Shared iPad sizing keys and the user
     * channel's {@code PushToken}. Each is a {@code QueryResponses} key of {@code information.device.yaml}; a
     * device leaves out those it does not know or the enrollment may not read.
     */
    public static final List<String> DEVICE_INFORMATION_QUERIES = List.of(
            "UDID", "DeviceName", "OSVersion", "BuildVersion", "ModelName", "Model", "ProductName", "ModelNumber",
            "SerialNumber", "DeviceCapacity", "AvailableDeviceCapacity", "BatteryLevel", "WiFiMAC", "BluetoothMAC",
            "IsSupervised", "IsMultiUser", "IsDeviceLocatorServiceEnabled", "IsActivationLockEnabled",
            "IsMDMLostModeEnabled", "IsCloudBackupEnabled", "LastCloudBackupDate", "AwaitingConfiguration",
            "TimeZone", "OrganizationInfo", "MDMOptions", "iTunesStoreAccountIsActive", "SoftwareUpdateDeviceID",
            "QuotaSize", "ResidentUsers", "EstimatedResidentUsers", "MaximumResidentUsers", "UserSessionTimeout",
            "TemporarySessionTimeout", "TemporarySessionOnly", "PushToken");

    /** {@code ManagementFlags} of {@code application.install.yaml}: 1 remove with MDM profile, 4 no backup, 5 both. */
    private static final Set<Integer> MANAGEMENT_FLAGS = Set.of(1, 4, 5);

    /** {@code Updates[].InstallAction} rangelist of {@code system.update.schedule.yaml}. */
    private static final Set<String> INSTALL_ACTIONS = Set.of(
            "Default", "DownloadOnly", "InstallASAP", "NotifyOnly", "InstallLater", "InstallForceRestart");

    private Commands() {
    }

    /**
     * {@code DeviceInformation} ({@code information.device.yaml}).
     *
     * @param queries the query keys, e.g. {@link #DEVICE_INFORMATION_QUERIES}; at least one
     */
    public static Command deviceInformation(Collection<String> queries) {
        List<String> copy = List.copyOf(queries);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("DeviceInformation needs at least one query");
        }
        copy.forEach(query -> requireText(query, "query"));
        return new Command("DeviceInformation", Map.of("Queries", copy));
    }

    /** {@code SecurityInfo} ({@code information.security.yaml}). */
    public static Command securityInfo() {
        return Command.of("SecurityInfo");
    }

    /** {@code InstalledApplicationList} ({@code application.installed.list.yaml}). */
    public static Command installedApplicationList(boolean managedAppsOnly) {
        return new Command("InstalledApplicationList", Map.of("ManagedAppsOnly", managedAppsOnly));
    }

    /** {@code ManagedApplicationList} ({@code application.managed.list.yaml}), for every managed app. */
    public static Command managedApplicationList() {
        return Command.of("ManagedApplicationList");
    }

    /** {@code ProfileList} ({@code profile.list.yaml}), every installed profile. */
    public static Command profileList() {
        return Command.of("ProfileList");
    }

    /**
     * {@code InstallProfile} ({@code profile.install.yaml}).
     *
     * @param payload the whole {@code .mobileconfig}, possibly signed or encrypted; copied
     */
    public static Command installProfile(byte[] payload) {
        return new Command("InstallProfile", Map.of("Payload", requireData(payload, "profile payload")));
    }

    /**
     * {@code RemoveProfile} ({@code profile.remove.yaml}).
     *
     * @param identifier the profile's {@code PayloadIdentifier}
     */
    public static Command removeProfile(String identifier) {
        return new Command("RemoveProfile", Map.of("Identifier", requireText(identifier, "profile identifier")));
    }

    /**
     * {@code InstallApplication} of an App Store app ({@code application.install.yaml}).
     *
     * @param iTunesStoreId   the app's App Store identifier, positive
     * @param deviceLicence   {@code true}: a VPP licence assigned to the device ({@code Options.PurchaseMethod} 1,
     *                        the only choice on Shared iPad); {@code false}: free app or legacy redemption (0)
     * @param managementFlags 0 for none, or 1 (remove the app with the MDM profile), 4 (no backup), 5 (both)
     */
    public static Command installApplicationFromStore(long iTunesStoreId, boolean deviceLicence, int managementFlags) {
        if (iTunesStoreId <= 0) {
            throw new IllegalArgumentException("an iTunes Store ID is positive: " + iTunesStoreId);
        }
        if (managementFlags != 0 && !MANAGEMENT_FLAGS.contains(managementFlags)) {
            throw new IllegalArgumentException("ManagementFlags is 0, 1, 4 or 5, not " + managementFlags);
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("iTunesStoreID", iTunesStoreId);
        keys.put("Options", Map.of("PurchaseMethod", deviceLicence ? 1L : 0L));
        if (managementFlags != 0) {
            keys.put("ManagementFlags", (long) managementFlags);
        }
        return new Command("InstallApplication", keys);
    }

    /**
     * {@code RemoveApplication} ({@code application.remove.yaml}).
     *
     * @param bundleId the managed app's bundle identifier
     */
    public static Command removeApplication(String bundleId) {
        return new Command("RemoveApplication", Map.of("Identifier", requireText(bundleId, "bundle identifier")));
    }

    /** {@code UserList} ({@code user.list.yaml}), the users of a Shared iPad. */
    public static Command userList() {
        return Command.of("UserList");
    }

    /**
     * {@code DeleteUser} ({@code user.delete.yaml}) on a Shared iPad.
     *
     * @param userName      the user's {@code UserName} from {@code UserList}
     * @param forceDeletion delete even when the user has data not yet synced
     */
    public static Command deleteUser(String userName, boolean forceDeletion) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("UserName", requireText(userName, "user name"));
        keys.put("ForceDeletion", forceDeletion);
        return new Command("DeleteUser", keys);
    }

    /** {@code Settings} ({@code settings.yaml}) with one {@code DeviceName} item; supervised devices only. */
    public static Command settingsDeviceName(String name) {
        Map<String, Object> item = orderedMap("Item", "DeviceName", "DeviceName", requireText(name, "device name"));
        return new Command("Settings", Map.of("Settings", List.of(item)));
    }

    /**
     * {@code EnableLostMode} ({@code device.lostmode.enable.yaml}); supervised devices only.
     *
     * @throws IllegalArgumentException when neither a message nor a phone number is given
     */
    public static Command enableLostMode(Optional<String> message, Optional<String> phoneNumber,
                                         Optional<String> footnote) {
        if (message.isEmpty() && phoneNumber.isEmpty()) {
            throw new IllegalArgumentException("lost mode needs a message or a phone number");
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        message.ifPresent(text -> keys.put("Message", requireText(text, "lost mode message")));
        phoneNumber.ifPresent(phone -> keys.put("PhoneNumber", requireText(phone, "lost mode phone number")));
        footnote.ifPresent(text -> keys.put("Footnote", requireText(text, "lost mode footnote")));
        return new Command("EnableLostMode", keys);
    }

    /** {@code DisableLostMode} ({@code device.lostmode.disable.yaml}). */
    public static Command disableLostMode() {
        return Command.of("DisableLostMode");
    }

    /** {@code DeviceLocation} ({@code device.lostmode.location.yaml}); only answered in lost mode. */
    public static Command deviceLocation() {
        return Command.of("DeviceLocation");
    }

    /** {@code PlayLostModeSound} ({@code device.lostmode.playsound.yaml}); only in lost mode. */
    public static Command playLostModeSound() {
        return Command.of("PlayLostModeSound");
    }

    /**
     * {@code ClearPasscode} ({@code passcode.clear.yaml}).
     *
     * @param unlockToken the device's {@code UnlockToken} from its TokenUpdate; copied
     */
    public static Command clearPasscode(byte[] unlockToken) {
        return new Command("ClearPasscode", Map.of("UnlockToken", requireData(unlockToken, "unlock token")));
    }

    /** {@code DeviceLock} ({@code device.lock.yaml}), with an optional lock-screen message and phone number. */
    public static Command deviceLock(Optional<String> message, Optional<String> phoneNumber) {
        Map<String, Object> keys = new LinkedHashMap<>();
        message.ifPresent(text -> keys.put("Message", requireText(text, "lock message")));
        phoneNumber.ifPresent(phone -> keys.put("PhoneNumber", requireText(phone, "lock phone number")));
        return new Command("DeviceLock", keys);
    }

    /** {@code AvailableOSUpdates} ({@code system.update.available.yaml}). */
    public static Command availableOSUpdates() {
        return Command.of("AvailableOSUpdates");
    }

    /**
     * {@code ScheduleOSUpdate} ({@code system.update.schedule.yaml}) for one update.
     *
     * @param productKeyOrVersion the update's {@code ProductKey} (from {@code AvailableOSUpdates}) or an OS version
     * @param isProductKey        {@code true}: sent as {@code ProductKey}; {@code false}: as {@code ProductVersion}
     * @param installAction       one of {@code Default, DownloadOnly, InstallASAP, NotifyOnly, InstallLater,
     *                            InstallForceRestart} (iPadOS acts on the first three)
     */
    public static Command scheduleOSUpdate(String productKeyOrVersion, boolean isProductKey, String installAction) {
        requireText(productKeyOrVersion, isProductKey ? "product key" : "product version");
        if (!INSTALL_ACTIONS.contains(Objects.requireNonNull(installAction, "installAction"))) {
            throw new IllegalArgumentException("unknown InstallAction " + installAction + "; one of "
                    + INSTALL_ACTIONS);
        }
        Map<String, Object> update = orderedMap(isProductKey ? "ProductKey" : "ProductVersion", productKeyOrVersion,
                "InstallAction", installAction);
        return new Command("ScheduleOSUpdate", Map.of("Updates", List.of(update)));
    }

    /** {@code OSUpdateStatus} ({@code system.update.status.yaml}). */
    public static Command osUpdateStatus() {
        return Command.of("OSUpdateStatus");
    }

    /** {@code RestartDevice} ({@code device.restart.yaml}); supervised devices only. */
    public static Command restartDevice() {
        return Command.of("RestartDevice");
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is blank");
        }
        return value;
    }

    private static byte[] requireData(byte[] value, String what) {
        Objects.requireNonNull(value, what);
        if (value.length == 0) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        return value.clone();
    }

    /** An unmodifiable dictionary keeping the given key order, so the plist sent reads like Apple's examples. */
    private static Map<String, Object> orderedMap(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return Collections.unmodifiableMap(map);
    }
}
