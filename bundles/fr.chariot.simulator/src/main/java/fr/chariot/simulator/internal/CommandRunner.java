package fr.chariot.simulator.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;

import fr.chariot.simulator.api.SimulatorException;
import fr.chariot.simulator.internal.IpadState.App;
import fr.chariot.simulator.internal.IpadState.Channel;
import fr.chariot.simulator.internal.IpadState.OsUpdate;
import fr.chariot.simulator.internal.IpadState.Profile;
import fr.chariot.simulator.internal.IpadState.User;

/**
 * Runs one MDM command on an iPad's state and says what the iPad answers. Rules applied in the order an iPad
 * meets them: unknown command, channel, supervision, Shared iPad mode, access rights, NotNow while locked, an
 * injected failure, then the command itself.
 */
final class CommandRunner {

    static final String ACKNOWLEDGED = "Acknowledged";
    static final String ERROR = "Error";
    static final String NOT_NOW = "NotNow";
    static final String COMMAND_FORMAT_ERROR = "CommandFormatError";

    /** What the iPad answers to one command: a status and the response keys (ErrorChain included). */
    record Outcome(String status, Map<String, Object> keys) {
        static Outcome acknowledged() {
            return new Outcome(ACKNOWLEDGED, Map.of());
        }

        static Outcome acknowledged(Map<String, Object> keys) {
            return new Outcome(ACKNOWLEDGED, keys);
        }

        static Outcome error(List<Map<String, Object>> chain) {
            return new Outcome(ERROR, Map.of("ErrorChain", chain));
        }

        static Outcome formatError() {
            return new Outcome(COMMAND_FORMAT_ERROR, Map.of());
        }
    }

    /** Commands this simulator answers, with the AccessRights bit each needs (0 = none). */
    static final Map<String, Long> SUPPORTED = Map.ofEntries(
        Map.entry("DeviceInformation", 0L), Map.entry("SecurityInfo", 1024L),
        Map.entry("InstalledApplicationList", 256L), Map.entry("ManagedApplicationList", 4096L),
        Map.entry("ProfileList", 1L), Map.entry("InstallProfile", 2L), Map.entry("RemoveProfile", 2L),
        Map.entry("InstallApplication", 4096L), Map.entry("RemoveApplication", 4096L),
        Map.entry("UserList", 0L), Map.entry("DeleteUser", 0L), Map.entry("LogOutUser", 0L),
        Map.entry("Settings", 2048L), Map.entry("EnableLostMode", 0L), Map.entry("DisableLostMode", 0L),
        Map.entry("DeviceLocation", 0L), Map.entry("PlayLostModeSound", 0L), Map.entry("ClearPasscode", 4L),
        Map.entry("AvailableOSUpdates", 4096L), Map.entry("ScheduleOSUpdate", 4096L),
        Map.entry("OSUpdateStatus", 4096L), Map.entry("RestartDevice", 4L), Map.entry("DeviceLock", 4L));

    /** {@code supervised: true} in the command's schema. */
    static final Set<String> SUPERVISED_ONLY = Set.of("EnableLostMode", "DisableLostMode", "DeviceLocation",
        "PlayLostModeSound", "RestartDevice", "AvailableOSUpdates", "ScheduleOSUpdate", "OSUpdateStatus");

    /** {@code sharedipad.mode: required}. */
    static final Set<String> SHARED_IPAD_ONLY = Set.of("UserList", "DeleteUser", "LogOutUser");

    /** {@code sharedipad.mode: forbidden}. */
    static final Set<String> FORBIDDEN_ON_SHARED_IPAD = Set.of("ClearPasscode");

    /** {@code sharedipad.userchannel: true}. */
    static final Set<String> USER_CHANNEL = Set.of("DeviceInformation", "ProfileList", "InstallProfile",
        "RemoveProfile", "Settings");

    /** iOS never answers NotNow to these (protocol.md §4). */
    static final Set<String> NEVER_NOT_NOW = Set.of("DeviceInformation", "ProfileList", "DeviceLock", "EraseDevice",
        "ClearPasscode", "CertificateList", "ProvisioningProfileList", "InstalledApplicationList", "Restrictions");

    /** DeviceInformation queries that need the network-information right (32) rather than device information (16). */
    private static final Set<String> NETWORK_QUERIES = Set.of("WiFiMAC", "BluetoothMAC", "IsNetworkTethered",
        "PersonalHotspotEnabled", "DataRoamingEnabled");

    /** Shared iPad configuration queries: device channel of a Shared iPad only. */
    private static final Set<String> SHARED_IPAD_QUERIES = Set.of("MaximumResidentUsers", "EstimatedResidentUsers",
        "QuotaSize", "ResidentUsers", "UserSessionTimeout", "TemporarySessionTimeout", "TemporarySessionOnly",
        "ManagedAppleIDDefaultDomains", "OnlineAuthenticationGracePeriod", "SkipLanguageAndLocaleSetupForNewUsers");

    private static final Map<Long, String> STORE_IDS = Map.of(361309726L, "com.apple.Pages",
        361285480L, "com.apple.Keynote", 361304891L, "com.apple.Numbers", 377298193L, "com.apple.iMovie",
        408709785L, "com.apple.mobilegarageband", 1212699939L, "com.apple.clips");

    private static final String NEXT_VERSION = "18.1.1";
    private static final String NEXT_BUILD = "22B91";
    private static final String NEXT_PRODUCT_KEY = "iOSUpdate22B91";

    private final IpadState state;
    private final Identity identity;

    /** The iPad's SCEP identity, needed to open profiles encrypted to it. */
    interface Identity {
        java.security.PrivateKey key();

        long accessRights();
    }

    CommandRunner(IpadState state, Identity identity) {
        this.state = state;
        this.identity = identity;
    }

    /** Caller holds the state's monitor. */
    Outcome run(Channel channel, String requestType, NSDictionary command) {
        Long accessBit = SUPPORTED.get(requestType);
        if (accessBit == null) {
            return Outcome.error(Errors.unknownCommand(requestType));
        }
        if (channel.isUser() && !USER_CHANNEL.contains(requestType)) {
            return Outcome.error(Errors.notOnUserChannel(requestType));
        }
        if (SUPERVISED_ONLY.contains(requestType) && !state.supervised) {
            return Outcome.error(Errors.notSupervised(requestType));
        }
        if (SHARED_IPAD_ONLY.contains(requestType) && !state.sharedIpad) {
            return Outcome.error(Errors.notSharedIpad(requestType));
        }
        if (FORBIDDEN_ON_SHARED_IPAD.contains(requestType) && state.sharedIpad) {
            return Outcome.error(Errors.forbiddenOnSharedIpad(requestType));
        }
        if (accessBit != 0 && (identity.accessRights() & accessBit) == 0) {
            return Outcome.error(Errors.accessRight(requestType, accessBit));
        }
        if (state.locked && !NEVER_NOT_NOW.contains(requestType)) {
            state.notNowSinceUnlock = true;
            return new Outcome(NOT_NOW, Map.of());
        }
        Integer failures = state.failNext.get(requestType);
        if (failures != null) {
            if (failures <= 1) {
                state.failNext.remove(requestType);
            } else {
                state.failNext.put(requestType, failures - 1);
            }
            return Outcome.error(Errors.injected(requestType));
        }
        return switch (requestType) {
            case "DeviceInformation" -> deviceInformation(channel, command);
            case "SecurityInfo" -> securityInfo();
            case "InstalledApplicationList" -> installedApplicationList(command);
            case "ManagedApplicationList" -> managedApplicationList(command);
            case "ProfileList" -> profileList(channel, command);
            case "InstallProfile" -> installProfile(channel, command);
            case "RemoveProfile" -> removeProfile(channel, command);
            case "InstallApplication" -> installApplication(command);
            case "RemoveApplication" -> removeApplication(command);
            case "UserList" -> userList();
            case "DeleteUser" -> deleteUser(command);
            case "LogOutUser" -> logOutUser();
            case "Settings" -> settings(channel, command);
            case "EnableLostMode" -> enableLostMode(command);
            case "DisableLostMode" -> disableLostMode();
            case "DeviceLocation" -> deviceLocation();
            case "PlayLostModeSound" -> playLostModeSound();
            case "ClearPasscode" -> clearPasscode(command);
            case "AvailableOSUpdates" -> availableOsUpdates();
            case "ScheduleOSUpdate" -> scheduleOsUpdate(command);
            case "OSUpdateStatus" -> osUpdateStatus();
            case "RestartDevice" -> restartDevice();
            case "DeviceLock" -> deviceLock(command);
            default -> throw new IllegalStateException("supported but not dispatched: " + requestType);
        };
    }

    // --- queries ----------------------------------------------------------------------------------------------

    private Outcome deviceInformation(Channel channel, NSDictionary command) {
        if (Plists.array(command, "Queries") == null) {
            return Outcome.formatError();
        }
        Map<String, Object> all = deviceInformationValues(channel);
        Map<String, Object> answers = new LinkedHashMap<>();
        for (String query : Plists.strings(command, "Queries")) {
            long bit = NETWORK_QUERIES.contains(query) ? 32 : 16;
            boolean entitled = "UDID".equals(query) || (identity.accessRights() & bit) != 0;
            if (entitled && all.containsKey(query)) {
                answers.put(query, all.get(query));
            }
        }
        return Outcome.acknowledged(Map.of("QueryResponses", answers));
    }

    /** Every DeviceInformation value this iPad can answer on this channel. */
    Map<String, Object> deviceInformationValues(Channel channel) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("UDID", state.udid);
        values.put("DeviceName", state.deviceName);
        values.put("OSVersion", state.osVersion);
        values.put("BuildVersion", state.buildVersion);
        values.put("SupplementalBuildVersion", state.buildVersion);
        values.put("ModelName", IpadState.MODEL_NAME);
        values.put("Model", IpadState.MODEL);
        values.put("ModelNumber", IpadState.MODEL_NUMBER);
        values.put("ProductName", IpadState.PRODUCT_NAME);
        values.put("SerialNumber", state.serialNumber);
        values.put("DeviceCapacity", IpadState.gigabytes(IpadState.CAPACITY_BYTES));
        values.put("AvailableDeviceCapacity", IpadState.gigabytes(state.availableBytes()));
        values.put("BatteryLevel", Math.round(state.batteryLevel * 100) / 100.0);
        values.put("WiFiMAC", state.wifiMac);
        values.put("BluetoothMAC", state.bluetoothMac);
        values.put("IsSupervised", state.supervised);
        values.put("IsMultiUser", state.sharedIpad);
        values.put("IsDeviceLocatorServiceEnabled", false);
        values.put("IsActivationLockEnabled", false);
        values.put("IsDoNotDisturbInEffect", false);
        values.put("IsCloudBackupEnabled", false);
        values.put("IsMDMLostModeEnabled", state.lostMode);
        values.put("IsNetworkTethered", false);
        values.put("AwaitingConfiguration", false);
        values.put("iTunesStoreAccountIsActive", false);
        values.put("EASDeviceIdentifier", state.easDeviceIdentifier);
        values.put("TimeZone", state.timeZone);
        values.put("SoftwareUpdateDeviceID", IpadState.SOFTWARE_UPDATE_DEVICE_ID);
        values.put("SoftwareUpdateSettings", Map.of("RecommendationsCadence", 0L));
        values.put("DiagnosticSubmissionEnabled", state.diagnosticSubmission);
        values.put("AppAnalyticsEnabled", state.appAnalytics);
        if (state.organizationInfo != null) {
            values.put("OrganizationInfo", state.organizationInfo);
        }
        values.put("MDMOptions", state.mdmOptions != null ? state.mdmOptions
                                                          : Map.of("ActivationLockAllowedWhileSupervised", false));
        if (channel.isUser()) {
            values.put("PushToken", channel.token);
        } else if (state.sharedIpad) {
            values.put("MaximumResidentUsers", (long) IpadState.MAXIMUM_RESIDENT_USERS);
            values.put("EstimatedResidentUsers", state.estimatedResidentUsers());
            values.put("QuotaSize", state.quotaSizeMb != null ? state.quotaSizeMb : state.userQuotaBytes() / 1024 / 1024);
            values.put("ResidentUsers", (long) state.users.size());
            values.put("UserSessionTimeout", state.userSessionTimeout);
            values.put("TemporarySessionTimeout", state.temporarySessionTimeout);
            values.put("TemporarySessionOnly", state.temporarySessionOnly);
            values.put("ManagedAppleIDDefaultDomains", state.managedAppleIdDefaultDomains);
            values.put("OnlineAuthenticationGracePeriod", state.onlineAuthenticationGracePeriod);
            values.put("SkipLanguageAndLocaleSetupForNewUsers", state.skipLanguageAndLocaleSetup);
        }
        if (channel.isUser()) {
            SHARED_IPAD_QUERIES.forEach(values::remove);
        }
        return values;
    }

    private Outcome securityInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("HardwareEncryptionCaps", 3L);
        info.put("PasscodePresent", state.passcodePresent);
        info.put("PasscodeCompliant", true);
        info.put("PasscodeCompliantWithProfiles", true);
        if (state.sharedIpad) {
            info.put("AutoLockTime", 120L);
        } else {
            info.put("PasscodeLockGracePeriodEnforced", 0L);
        }
        info.put("ManagementStatus", Map.of("IsUserEnrollment", false));
        return Outcome.acknowledged(Map.of("SecurityInfo", info));
    }

    private Outcome installedApplicationList(NSDictionary command) {
        List<String> identifiers = Plists.strings(command, "Identifiers");
        boolean managedOnly = Boolean.TRUE.equals(Plists.bool(command, "ManagedAppsOnly"));
        List<String> items = Plists.strings(command, "Items");
        List<Map<String, Object>> list = new ArrayList<>();
        for (App app : state.apps.values()) {
            if ((!identifiers.isEmpty() && !identifiers.contains(app.identifier)) || (managedOnly && !app.managed)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Identifier", app.identifier);
            entry.put("Name", app.name);
            entry.put("Version", app.version);
            entry.put("ShortVersion", app.shortVersion);
            entry.put("BundleSize", app.bundleSize);
            entry.put("DynamicSize", app.dynamicSize);
            entry.put("Installing", app.installing());
            entry.put("IsValidated", true);
            entry.put("ExternalVersionIdentifier", app.externalVersionIdentifier);
            entry.put("DistributorIdentifier", "com.apple.AppStore");
            entry.put("AppStoreVendable", true);
            entry.put("DeviceBasedVPP", app.deviceBasedVpp);
            entry.put("BetaApp", false);
            entry.put("AdHocCodeSigned", false);
            entry.put("HasUpdateAvailable", false);
            entry.put("IsAppClip", false);
            if (!items.isEmpty()) {
                entry.keySet().removeIf(key -> !key.equals("Identifier") && !items.contains(key));
            }
            list.add(entry);
        }
        return Outcome.acknowledged(Map.of("InstalledApplicationList", list));
    }

    private Outcome managedApplicationList(NSDictionary command) {
        List<String> identifiers = Plists.strings(command, "Identifiers");
        Map<String, Object> list = new LinkedHashMap<>();
        for (App app : state.apps.values()) {
            if (!app.managed || (!identifiers.isEmpty() && !identifiers.contains(app.identifier))) {
                continue;
            }
            // the install finishes between two inventories: "Installing" was the InstallApplication answer
            if (app.installing()) {
                app.managedStatus = "Managed";
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Status", app.managedStatus);
            entry.put("ManagementFlags", app.managementFlags);
            entry.put("HasConfiguration", app.configuration != null);
            entry.put("HasFeedback", false);
            entry.put("IsValidated", true);
            entry.put("ExternalVersionIdentifier", app.externalVersionIdentifier);
            list.put(app.identifier, entry);
        }
        return Outcome.acknowledged(Map.of("ManagedApplicationList", list));
    }

    private Outcome profileList(Channel channel, NSDictionary command) {
        boolean managedOnly = Boolean.TRUE.equals(Plists.bool(command, "ManagedOnly"));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Profile profile : profiles(channel)) {
            if (managedOnly && !profile.managed()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("PayloadIdentifier", profile.identifier());
            entry.put("PayloadUUID", profile.uuid());
            entry.put("PayloadVersion", profile.version());
            entry.put("PayloadDisplayName", profile.displayName());
            entry.put("PayloadOrganization", profile.organization());
            entry.put("PayloadDescription", profile.description());
            entry.put("PayloadRemovalDisallowed", profile.removalDisallowed());
            entry.put("HasRemovalPasscode", false);
            entry.put("IsEncrypted", false);
            entry.put("IsManaged", profile.managed());
            List<byte[]> signers = new ArrayList<>();
            for (X509Certificate signer : profile.signers()) {
                try {
                    signers.add(signer.getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!signers.isEmpty()) {
                entry.put("SignerCertificates", signers);
            }
            List<Map<String, Object>> payloads = new ArrayList<>();
            for (NSDictionary payload : profile.payloads()) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("PayloadType", Plists.string(payload, "PayloadType"));
                Long version = Plists.integer(payload, "PayloadVersion");
                summary.put("PayloadVersion", version == null ? 1L : version);
                summary.put("PayloadIdentifier", Plists.string(payload, "PayloadIdentifier"));
                summary.put("PayloadUUID", Plists.string(payload, "PayloadUUID"));
                summary.put("PayloadDisplayName", Plists.string(payload, "PayloadDisplayName"));
                summary.put("PayloadDescription", Plists.string(payload, "PayloadDescription"));
                summary.put("PayloadOrganization", Plists.string(payload, "PayloadOrganization"));
                summary.values().removeIf(java.util.Objects::isNull);
                payloads.add(summary);
            }
            entry.put("PayloadContent", payloads);
            entry.values().removeIf(java.util.Objects::isNull);
            list.add(entry);
        }
        return Outcome.acknowledged(Map.of("ProfileList", list));
    }

    // --- profiles ---------------------------------------------------------------------------------------------

    private List<Profile> profiles(Channel channel) {
        return channel.isUser() ? channel.user.profiles : state.profiles;
    }

    private Outcome installProfile(Channel channel, NSDictionary command) {
        byte[] payload = Plists.data(command, "Payload");
        if (payload == null) {
            return Outcome.formatError();
        }
        Profile profile;
        try {
            profile = readProfile(payload, true);
        } catch (SimulatorException e) {
            return Outcome.error(Errors.chain(Errors.error(4001, Errors.INSTALLATION, "Profile Installation Failed"),
                Errors.error(1000, Errors.PROFILE, "The profile is malformed: " + e.getMessage())));
        }
        for (NSDictionary inner : profile.payloads()) {
            if ("com.apple.mdm".equals(Plists.string(inner, "PayloadType"))) {
                return Outcome.error(Errors.chain(Errors.error(4001, Errors.INSTALLATION, "Profile Installation Failed"),
                    Errors.error(12004, Errors.MDM, "An MDM payload cannot be installed by MDM.")));
            }
        }
        List<Profile> profiles = profiles(channel);
        Profile existing = find(profiles, profile.identifier());
        if (existing != null && !existing.managed()) {
            return Outcome.error(Errors.chain(Errors.error(4001, Errors.INSTALLATION, "Profile Installation Failed"),
                Errors.error(1003, Errors.PROFILE, "A profile with this identifier was not installed by MDM.")));
        }
        if (existing != null) {
            profiles.set(profiles.indexOf(existing), profile);
        } else {
            profiles.add(profile);
        }
        return Outcome.acknowledged();
    }

    /**
     * Reads a profile, signed or not, decrypting {@code EncryptedPayloadContent} with the identity key.
     *
     * @throws SimulatorException when the profile cannot be read or lacks its identifiers
     */
    Profile readProfile(byte[] bytes, boolean managed) {
        ProfileDocument document = ProfileDocument.read(bytes, "the profile");
        NSDictionary top = document.plist();
        if (!"Configuration".equals(Plists.string(top, "PayloadType"))) {
            throw new SimulatorException("PayloadType is not Configuration");
        }
        String identifier = Plists.string(top, "PayloadIdentifier");
        String uuid = Plists.string(top, "PayloadUUID");
        if (identifier == null || uuid == null) {
            throw new SimulatorException("PayloadIdentifier and PayloadUUID are required");
        }
        List<NSDictionary> payloads = Plists.dictionaries(top, "PayloadContent");
        byte[] encrypted = Plists.data(top, "EncryptedPayloadContent");
        if (encrypted != null) {
            payloads = decryptPayloads(encrypted);
        }
        Long version = Plists.integer(top, "PayloadVersion");
        return new Profile(identifier, uuid, version == null ? 1 : version, Plists.string(top, "PayloadDisplayName"),
            Plists.string(top, "PayloadOrganization"), Plists.string(top, "PayloadDescription"),
            Boolean.TRUE.equals(Plists.bool(top, "PayloadRemovalDisallowed")), payloads, document.signers(), managed);
    }

    private List<NSDictionary> decryptPayloads(byte[] encrypted) {
        try {
            CMSEnvelopedData enveloped = new CMSEnvelopedData(encrypted);
            RecipientInformation recipient = enveloped.getRecipientInfos().getRecipients().iterator().next();
            byte[] plain = recipient.getContent(new JceKeyTransEnvelopedRecipient(identity.key()).setProvider(Pki.BC));
            NSObject parsed = com.dd.plist.PropertyListParser.parse(plain);
            List<NSDictionary> payloads = new ArrayList<>();
            if (parsed instanceof com.dd.plist.NSArray array) {
                for (NSObject item : array.getArray()) {
                    if (item instanceof NSDictionary dictionary) {
                        payloads.add(dictionary);
                    }
                }
                return payloads;
            }
            throw new SimulatorException("EncryptedPayloadContent does not hold an array of payloads");
        } catch (CMSException e) {
            throw new SimulatorException("EncryptedPayloadContent cannot be decrypted with the identity key", e);
        } catch (SimulatorException e) {
            throw e;
        } catch (Exception e) {
            throw new SimulatorException("EncryptedPayloadContent is not a plist", e);
        }
    }

    private static Profile find(List<Profile> profiles, String identifier) {
        return profiles.stream().filter(p -> p.identifier().equals(identifier)).findFirst().orElse(null);
    }

    private Outcome removeProfile(Channel channel, NSDictionary command) {
        String identifier = Plists.string(command, "Identifier");
        if (identifier == null) {
            return Outcome.formatError();
        }
        List<Profile> profiles = profiles(channel);
        Profile profile = find(profiles, identifier);
        if (profile == null || !profile.managed()) {
            return Outcome.error(Errors.chain(Errors.error(1003, Errors.PROFILE,
                "The profile \u201c" + identifier + "\u201d is not installed by MDM.")));
        }
        profiles.remove(profile);
        return Outcome.acknowledged();
    }

    // --- apps -------------------------------------------------------------------------------------------------

    private Outcome installApplication(NSDictionary command) {
        String identifier = Plists.string(command, "Identifier");
        Long storeId = Plists.integer(command, "iTunesStoreID");
        if (identifier == null && storeId != null) {
            identifier = STORE_IDS.getOrDefault(storeId, "com.example.store" + storeId);
        }
        if (identifier == null) {
            if (Plists.string(command, "ManifestURL") != null) {
                return rejected(null, "NotSupported");
            }
            return Outcome.formatError();
        }
        NSDictionary options = Plists.dictionary(command, "Options");
        Long purchaseMethod = options == null ? null : Plists.integer(options, "PurchaseMethod");
        if (state.sharedIpad && (purchaseMethod == null || purchaseMethod != 1)) {
            return rejected(identifier, "PurchaseMethodNotSupportedInMultiUser");
        }
        App app = state.apps.get(identifier);
        boolean takeOver = "Managed".equals(Plists.string(command, "ChangeManagementState"));
        if (app != null && !app.managed && !takeOver) {
            return rejected(identifier, "AppAlreadyInstalled");
        }
        if (app != null && app.installing()) {
            return rejected(identifier, "AppAlreadyQueued");
        }
        if (app == null) {
            long size = 80_000_000L + (Math.abs(identifier.hashCode()) % 400) * 1_000_000L;
            app = new App(identifier, displayName(identifier), "1.0", size, size / 10,
                storeId != null ? storeId : Math.abs((long) identifier.hashCode()));
            state.apps.put(identifier, app);
        }
        app.managed = true;
        app.managedStatus = "Installing";
        app.deviceBasedVpp = purchaseMethod != null && purchaseMethod == 1;
        Long flags = Plists.integer(command, "ManagementFlags");
        app.managementFlags = flags == null ? 0 : flags;
        NSDictionary configuration = Plists.dictionary(command, "Configuration");
        if (configuration != null) {
            app.configuration = configuration;
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Identifier", identifier);
        keys.put("State", "Installing");
        return Outcome.acknowledged(keys);
    }

    private static Outcome rejected(String identifier, String reason) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Identifier", identifier);
        keys.put("RejectionReason", reason);
        keys.values().removeIf(java.util.Objects::isNull);
        return Outcome.acknowledged(keys);
    }

    private static String displayName(String identifier) {
        String last = identifier.substring(identifier.lastIndexOf('.') + 1);
        return last.isEmpty() ? identifier : Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }

    private Outcome removeApplication(NSDictionary command) {
        String identifier = Plists.string(command, "Identifier");
        if (identifier == null) {
            return Outcome.formatError();
        }
        App app = state.apps.get(identifier);
        if (app == null || !app.managed) {
            return Outcome.error(Errors.chain(Errors.error(12029, Errors.MDM,
                "The app \u201c" + identifier + "\u201d is not managed.")));
        }
        state.apps.remove(identifier);
        return Outcome.acknowledged();
    }

    // --- Shared iPad users ------------------------------------------------------------------------------------

    private Outcome userList() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (User user : state.users.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("UserName", user.shortName);
            entry.put("IsLoggedIn", user.loggedIn);
            entry.put("HasDataToSync", user.hasDataToSync);
            entry.put("DataQuota", state.userQuotaBytes());
            entry.put("DataUsed", user.dataUsedBytes);
            users.add(entry);
        }
        return Outcome.acknowledged(Map.of("Users", users));
    }

    private Outcome deleteUser(NSDictionary command) {
        boolean force = Boolean.TRUE.equals(Plists.bool(command, "ForceDeletion"));
        List<User> targets = new ArrayList<>();
        if (Boolean.TRUE.equals(Plists.bool(command, "DeleteAllUsers"))) {
            targets.addAll(state.users.values());
        } else {
            String name = Plists.string(command, "UserName");
            if (name == null) {
                return Outcome.formatError();
            }
            User user = state.users.get(name);
            if (user == null) {
                return Outcome.error(Errors.chain(Errors.error(12091, Errors.MDM,
                    "The user \u201c" + name + "\u201d does not exist on this device.")));
            }
            targets.add(user);
        }
        for (User user : targets) {
            if (user.loggedIn) {
                return Outcome.error(Errors.chain(Errors.error(12092, Errors.MDM,
                    "The user \u201c" + user.shortName + "\u201d is logged in and cannot be deleted.")));
            }
            if (user.hasDataToSync && !force) {
                return Outcome.error(Errors.chain(Errors.error(12093, Errors.MDM,
                    "The user \u201c" + user.shortName + "\u201d has data to sync.")));
            }
        }
        targets.forEach(user -> state.users.remove(user.shortName));
        return Outcome.acknowledged();
    }

    private Outcome logOutUser() {
        User user = state.loggedInUser();
        if (user != null) {
            user.loggedIn = false;
        }
        return Outcome.acknowledged();
    }

    // --- settings ---------------------------------------------------------------------------------------------

    private Outcome settings(Channel channel, NSDictionary command) {
        if (Plists.array(command, "Settings") == null) {
            return Outcome.formatError();
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (NSDictionary item : Plists.dictionaries(command, "Settings")) {
            results.add(setting(channel, item));
        }
        return Outcome.acknowledged(Map.of("Settings", results));
    }

    private Map<String, Object> setting(Channel channel, NSDictionary item) {
        String name = String.valueOf(Plists.string(item, "Item"));
        Map<String, Object> result = new LinkedHashMap<>();
        String identifier = Plists.string(item, "Identifier");
        if (identifier != null) {
            result.put("Identifier", identifier);
        }
        List<Map<String, Object>> error = settingError(channel, name, item);
        result.put("Status", error == null ? ACKNOWLEDGED : ERROR);
        if (error != null) {
            result.put("ErrorChain", error);
        }
        return result;
    }

    /** Applies one Settings item; returns its ErrorChain, or null when it succeeded. */
    private List<Map<String, Object>> settingError(Channel channel, String name, NSDictionary item) {
        boolean userChannelItem = name.equals("AccessibilitySettings");
        if (channel.isUser() != userChannelItem && !(userChannelItem && !state.sharedIpad)) {
            return Errors.chain(Errors.error(12021, Errors.MDM, "The setting \u201c" + name
                + "\u201d is not supported on this channel."));
        }
        Set<String> supervisedItems = Set.of("DeviceName", "TimeZone", "Wallpaper", "Bluetooth",
            "SoftwareUpdateSettings", "AccessibilitySettings");
        if (supervisedItems.contains(name) && !state.supervised) {
            return Errors.notSupervised(name);
        }
        Set<String> sharedItems = Set.of("SharedDeviceConfiguration", "MaximumResidentUsers", "DiagnosticSubmission",
            "AppAnalytics", "PasscodeLockGracePeriod");
        if (sharedItems.contains(name) && !state.sharedIpad) {
            return Errors.notSharedIpad(name);
        }
        switch (name) {
            case "DeviceName" -> {
                String deviceName = Plists.string(item, "DeviceName");
                if (deviceName == null || deviceName.isBlank()) {
                    return Errors.chain(Errors.error(12040, Errors.MDM, "The device name is missing."));
                }
                state.deviceName = deviceName;
            }
            case "TimeZone" -> {
                String zone = Plists.string(item, "TimeZone");
                if (zone == null || !java.time.ZoneId.getAvailableZoneIds().contains(zone)) {
                    return Errors.chain(Errors.error(12041, Errors.MDM, "Unknown time zone \u201c" + zone + "\u201d."));
                }
                state.timeZone = zone;
            }
            case "OrganizationInfo" -> state.organizationInfo = Plists.dictionary(item, "OrganizationInfo");
            case "MDMOptions" -> state.mdmOptions = Plists.dictionary(item, "MDMOptions");
            case "DiagnosticSubmission" -> state.diagnosticSubmission = Boolean.TRUE.equals(Plists.bool(item, "Enabled"));
            case "AppAnalytics" -> state.appAnalytics = Boolean.TRUE.equals(Plists.bool(item, "Enabled"));
            case "SharedDeviceConfiguration" -> sharedDeviceConfiguration(item);
            case "ApplicationConfiguration", "ApplicationAttributes" -> {
                String identifier = Plists.string(item, "Identifier");
                App app = identifier == null ? null : state.apps.get(identifier);
                if (app == null || !app.managed) {
                    return Errors.chain(Errors.error(12029, Errors.MDM,
                        "The app \u201c" + identifier + "\u201d is not managed."));
                }
                if (name.equals("ApplicationConfiguration")) {
                    app.configuration = Plists.dictionary(item, "Configuration");
                }
            }
            case "Wallpaper", "Bluetooth", "DataRoaming", "VoiceRoaming", "PersonalHotspot", "SoftwareUpdateSettings",
                 "AccessibilitySettings", "MaximumResidentUsers", "PasscodeLockGracePeriod" -> {
                // accepted; nothing the simulator reports back depends on them
            }
            default -> {
                return Errors.chain(Errors.error(12021, Errors.MDM, "Unknown setting \u201c" + name + "\u201d."));
            }
        }
        return null;
    }

    private void sharedDeviceConfiguration(NSDictionary item) {
        Long quota = Plists.integer(item, "QuotaSize");
        if (quota != null) {
            state.quotaSizeMb = quota;
        }
        Long residents = Plists.integer(item, "ResidentUsers");
        if (residents != null) {
            state.residentUsersSetting = residents;
        }
        Long sessionTimeout = Plists.integer(item, "UserSessionTimeout");
        if (sessionTimeout != null) {
            state.userSessionTimeout = sessionTimeout;
        }
        Long temporaryTimeout = Plists.integer(item, "TemporarySessionTimeout");
        if (temporaryTimeout != null) {
            state.temporarySessionTimeout = temporaryTimeout;
        }
        Boolean temporaryOnly = Plists.bool(item, "TemporarySessionOnly");
        if (temporaryOnly != null) {
            state.temporarySessionOnly = temporaryOnly;
        }
        if (Plists.array(item, "ManagedAppleIDDefaultDomains") != null) {
            state.managedAppleIdDefaultDomains = Plists.strings(item, "ManagedAppleIDDefaultDomains");
        }
        Long grace = Plists.integer(item, "OnlineAuthenticationGracePeriod");
        if (grace != null) {
            state.onlineAuthenticationGracePeriod = grace;
        }
        Boolean skip = Plists.bool(item, "SkipLanguageAndLocaleSetupForNewUsers");
        if (skip != null) {
            state.skipLanguageAndLocaleSetup = skip;
        }
    }

    // --- lost mode, lock, passcode, restart -------------------------------------------------------------------

    private Outcome enableLostMode(NSDictionary command) {
        String message = Plists.string(command, "Message");
        if (message == null && Plists.string(command, "PhoneNumber") == null) {
            return Outcome.formatError();
        }
        state.lostMode = true;
        state.lostModeMessage = message;
        logOutSharedIpadUser();
        return Outcome.acknowledged();
    }

    private Outcome disableLostMode() {
        state.lostMode = false;
        state.lostModeMessage = null;
        return Outcome.acknowledged();
    }

    private Outcome deviceLocation() {
        if (!state.lostMode) {
            return Outcome.error(Errors.lostModeRequired("DeviceLocation"));
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Latitude", state.latitude);
        keys.put("Longitude", state.longitude);
        keys.put("HorizontalAccuracy", 35.0);
        keys.put("VerticalAccuracy", 10.0);
        keys.put("Altitude", 42.0);
        keys.put("Speed", -1.0);
        keys.put("Course", -1.0);
        keys.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return Outcome.acknowledged(keys);
    }

    private Outcome playLostModeSound() {
        return state.lostMode ? Outcome.acknowledged() : Outcome.error(Errors.lostModeRequired("PlayLostModeSound"));
    }

    private Outcome clearPasscode(NSDictionary command) {
        byte[] unlockToken = Plists.data(command, "UnlockToken");
        if (unlockToken == null) {
            return Outcome.formatError();
        }
        if (!Arrays.equals(unlockToken, state.unlockToken)) {
            return Outcome.error(Errors.chain(Errors.error(12010, Errors.MDM, "The unlock token is not valid.")));
        }
        state.passcodePresent = false;
        return Outcome.acknowledged();
    }

    private Outcome restartDevice() {
        state.restarts++;
        logOutSharedIpadUser();
        return Outcome.acknowledged();
    }

    private Outcome deviceLock(NSDictionary command) {
        state.locks++;
        boolean withMessage = Plists.string(command, "Message") != null || Plists.string(command, "PhoneNumber") != null;
        logOutSharedIpadUser();
        if (!withMessage || state.sharedIpad) {
            return Outcome.acknowledged();
        }
        String result = state.lostMode ? "DeviceInLostMode" : state.passcodePresent ? "Success" : "NoPasscodeSet";
        return Outcome.acknowledged(Map.of("MessageResult", result));
    }

    private void logOutSharedIpadUser() {
        User user = state.loggedInUser();
        if (user != null) {
            user.loggedIn = false;
        }
    }

    // --- OS updates -------------------------------------------------------------------------------------------

    private boolean updateAvailable() {
        return !NEXT_VERSION.equals(state.osVersion);
    }

    private Outcome availableOsUpdates() {
        List<Map<String, Object>> updates = new ArrayList<>();
        if (updateAvailable()) {
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("ProductKey", NEXT_PRODUCT_KEY);
            update.put("HumanReadableName", "iPadOS " + NEXT_VERSION);
            update.put("ProductName", "iPadOS");
            update.put("Version", NEXT_VERSION);
            update.put("Build", NEXT_BUILD);
            update.put("DownloadSize", 512_345_678L);
            update.put("InstallSize", 2_345_678_901L);
            update.put("IsCritical", false);
            update.put("RestartRequired", true);
            update.put("AllowsInstallLater", true);
            update.put("IsSecurityResponse", false);
            updates.add(update);
        }
        return Outcome.acknowledged(Map.of("AvailableOSUpdates", updates));
    }

    private Outcome scheduleOsUpdate(NSDictionary command) {
        if (Plists.array(command, "Updates") == null) {
            return Outcome.formatError();
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (NSDictionary update : Plists.dictionaries(command, "Updates")) {
            String productKey = Plists.string(update, "ProductKey");
            String version = Plists.string(update, "ProductVersion");
            String action = String.valueOf(Plists.string(update, "InstallAction"));
            Map<String, Object> result = new LinkedHashMap<>();
            boolean known = updateAvailable() && (NEXT_PRODUCT_KEY.equals(productKey) || NEXT_VERSION.equals(version));
            result.put("ProductKey", productKey != null ? productKey : NEXT_PRODUCT_KEY);
            if (!known || !Set.of("Default", "DownloadOnly", "InstallASAP", "NotifyOnly", "InstallLater",
                "InstallForceRestart").contains(action)) {
                result.put("InstallAction", "Error");
                result.put("Status", "Idle");
                result.put("ErrorChain", Errors.chain(Errors.error(12200, Errors.MDM,
                    "The update \u201c" + (productKey != null ? productKey : version) + "\u201d is not available.")));
            } else {
                String effective = action.equals("Default") ? "InstallASAP" : action;
                state.osUpdate = new OsUpdate(NEXT_PRODUCT_KEY, effective);
                result.put("InstallAction", effective);
                result.put("Status", "Downloading");
            }
            results.add(result);
        }
        return Outcome.acknowledged(Map.of("UpdateResults", results));
    }

    /** Each status query moves a scheduled update on: download in two steps, install, then the new OS. */
    private Outcome osUpdateStatus() {
        List<Map<String, Object>> list = new ArrayList<>();
        OsUpdate update = state.osUpdate;
        if (update != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ProductKey", update.productKey);
            entry.put("IsDownloaded", update.downloadPercent >= 1.0);
            entry.put("DownloadPercentComplete", update.downloadPercent);
            entry.put("Status", update.status);
            list.add(entry);
            advance(update);
        }
        return Outcome.acknowledged(Map.of("OSUpdateStatus", list));
    }

    private void advance(OsUpdate update) {
        if (update.downloadPercent < 1.0) {
            update.downloadPercent = Math.min(1.0, update.downloadPercent + 0.5);
            if (update.downloadPercent >= 1.0) {
                boolean installNow = Set.of("InstallASAP", "InstallForceRestart").contains(update.installAction);
                update.status = installNow ? "Installing" : "Idle";
            }
        } else if ("Installing".equals(update.status)) {
            state.osVersion = NEXT_VERSION;
            state.buildVersion = NEXT_BUILD;
            state.osUpdate = null;
        }
    }
}
