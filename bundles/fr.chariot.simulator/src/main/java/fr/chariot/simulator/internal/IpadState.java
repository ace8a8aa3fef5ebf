package fr.chariot.simulator.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.dd.plist.NSDictionary;

import fr.chariot.simulator.api.ProfileInfo;
import fr.chariot.simulator.api.Role;

/**
 * Everything a simulated iPad knows about itself. Not thread-safe by itself: {@link Ipad} and
 * {@link CommandRunner} touch it only while holding its monitor.
 */
final class IpadState {

    static final long CAPACITY_BYTES = 64_000_000_000L;
    static final String PRODUCT_NAME = "iPad13,18";
    static final String MODEL = "MPQ03NF/A";
    static final String MODEL_NUMBER = "MPQ03";
    static final String MODEL_NAME = "iPad";
    static final String SOFTWARE_UPDATE_DEVICE_ID = "J272AP";
    static final int MAXIMUM_RESIDENT_USERS = 32;

    private static final String SERIAL_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String[] FIRST_NAMES = {"Camille", "Nathalie", "Julien", "Sophie", "Karim", "Claire", "Mehdi",
        "Isabelle", "Thomas", "Aurélie"};

    /** A push channel: the device channel, or one Shared iPad user's channel. */
    static final class Channel {
        final User user;
        final byte[] token = Pki.randomBytes(32);
        final String pushMagic = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        /** A push arrived and its session has not started yet: more pushes add nothing. */
        final AtomicBoolean wakePending = new AtomicBoolean();

        Channel(User user) {
            this.user = user;
        }

        boolean isUser() {
            return user != null;
        }
    }

    static final class User {
        final String shortName;
        final String longName;
        final Channel channel = new Channel(this);
        final List<Profile> profiles = new ArrayList<>();
        boolean loggedIn;
        boolean hasDataToSync;
        long dataUsedBytes;

        User(String shortName, String longName) {
            this.shortName = shortName;
            this.longName = longName;
        }
    }

    static final class App {
        final String identifier;
        final String name;
        String version;
        String shortVersion;
        final long bundleSize;
        long dynamicSize;
        final long externalVersionIdentifier;
        boolean managed;
        long managementFlags;
        /** Installing, then Managed once reported. */
        String managedStatus;
        boolean deviceBasedVpp;
        NSDictionary configuration;

        App(String identifier, String name, String shortVersion, long bundleSize, long dynamicSize, long externalVersion) {
            this.identifier = identifier;
            this.name = name;
            this.shortVersion = shortVersion;
            this.version = shortVersion;
            this.bundleSize = bundleSize;
            this.dynamicSize = dynamicSize;
            this.externalVersionIdentifier = externalVersion;
        }

        boolean installing() {
            return "Installing".equals(managedStatus);
        }
    }

    /** An installed profile with the fields ProfileList reports. */
    record Profile(String identifier, String uuid, long version, String displayName, String organization,
                   String description, boolean removalDisallowed, List<NSDictionary> payloads,
                   List<X509Certificate> signers, boolean managed) {

        ProfileInfo info() {
            return new ProfileInfo(identifier, uuid, displayName == null ? "" : displayName,
                payloads.stream().map(p -> Plists.string(p, "PayloadType")).toList(), !signers.isEmpty(), managed);
        }
    }

    /** A pending OS update started by ScheduleOSUpdate. */
    static final class OsUpdate {
        final String productKey;
        final String installAction;
        double downloadPercent;
        String status = "Downloading";

        OsUpdate(String productKey, String installAction) {
            this.productKey = productKey;
            this.installAction = installAction;
        }
    }

    final String udid;
    final String serialNumber;
    final Role role;
    final boolean supervised;
    final boolean sharedIpad;
    final String wifiMac;
    final String bluetoothMac;
    final String easDeviceIdentifier;
    final long systemBytes;
    final byte[] unlockToken = Pki.randomBytes(640);
    final Channel deviceChannel = new Channel(null);

    String deviceName;
    String osVersion = "18.1";
    String buildVersion = "22B83";
    double batteryLevel;
    boolean locked;
    boolean passcodePresent;
    boolean lostMode;
    String lostModeMessage;
    double latitude;
    double longitude;
    String timeZone = "Europe/Paris";
    NSDictionary organizationInfo;
    NSDictionary mdmOptions;
    boolean diagnosticSubmission;
    boolean appAnalytics;
    long restarts;
    long locks;
    /** A command was answered NotNow since the last unlock: the iPad comes back by itself when unlocked. */
    boolean notNowSinceUnlock;
    OsUpdate osUpdate;

    // Shared iPad configuration (Settings SharedDeviceConfiguration)
    Long quotaSizeMb;
    Long residentUsersSetting;
    long userSessionTimeout;
    long temporarySessionTimeout;
    boolean temporarySessionOnly;
    List<String> managedAppleIdDefaultDomains = List.of();
    long onlineAuthenticationGracePeriod;
    boolean skipLanguageAndLocaleSetup;

    final Map<String, App> apps = new LinkedHashMap<>();
    final List<Profile> profiles = new ArrayList<>();
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, Integer> failNext = new LinkedHashMap<>();

    IpadState(long seed, Role role) {
        Random random = new Random(seed);
        this.role = role;
        this.supervised = role.supervised();
        this.sharedIpad = role.sharedIpad();
        this.udid = String.format("00008103-%016X", random.nextLong());
        StringBuilder serial = new StringBuilder("DMP");
        for (int i = 0; i < 9; i++) {
            serial.append(SERIAL_ALPHABET.charAt(random.nextInt(SERIAL_ALPHABET.length())));
        }
        this.serialNumber = serial.toString();
        String tail = serialNumber.substring(serialNumber.length() - 4);
        this.deviceName = switch (role) {
            case STUDENT_SHARED -> "iPad élève " + tail;
            case TEACHER_SHARED -> "iPad enseignant " + tail;
            case TEACHER_PERSONAL -> "iPad de " + FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        };
        byte[] mac = new byte[3];
        random.nextBytes(mac);
        this.wifiMac = String.format("3c:22:fb:%02x:%02x:%02x", mac[0], mac[1], mac[2]);
        this.bluetoothMac = String.format("3c:22:fb:%02x:%02x:%02x", mac[0], mac[1], (mac[2] + 1) & 0xFF);
        this.easDeviceIdentifier = String.format("%016X%016X", random.nextLong(), random.nextLong()).substring(0, 32);
        this.batteryLevel = (60 + random.nextInt(41)) / 100.0;
        this.latitude = 48.80 + random.nextInt(1000) / 10_000.0;
        this.longitude = 2.30 + random.nextInt(1000) / 10_000.0;
        this.systemBytes = 13_500_000_000L + random.nextInt(1_000) * 1_000_000L;
        this.passcodePresent = role == Role.TEACHER_PERSONAL;
        this.userSessionTimeout = 0;
        preinstall("com.apple.Pages", "Pages", "14.2", 561_000_000L, 361309726L);
        preinstall("com.apple.Keynote", "Keynote", "14.2", 683_000_000L, 361285480L);
        preinstall("com.apple.Numbers", "Numbers", "14.2", 512_000_000L, 361304891L);
        preinstall("com.apple.iMovie", "iMovie", "3.5.2", 722_000_000L, 377298193L);
        preinstall("com.apple.mobilegarageband", "GarageBand", "2.3.15", 1_740_000_000L, 408709785L);
        preinstall("com.apple.clips", "Clips", "3.1.6", 395_000_000L, 1212699939L);
    }

    private void preinstall(String identifier, String name, String version, long size, long externalVersion) {
        apps.put(identifier, new App(identifier, name, version, size, size / 20, externalVersion));
    }

    long usedBytes() {
        long used = systemBytes;
        for (App app : apps.values()) {
            used += app.bundleSize + app.dynamicSize;
        }
        for (User user : users.values()) {
            used += user.dataUsedBytes;
        }
        return used;
    }

    long availableBytes() {
        return Math.max(0, CAPACITY_BYTES - usedBytes());
    }

    /** Base-10 gigabytes with two decimals, as iOS reports capacities. */
    static double gigabytes(long bytes) {
        return Math.round(bytes / 10_000_000.0) / 100.0;
    }

    User loggedInUser() {
        return users.values().stream().filter(u -> u.loggedIn).findFirst().orElse(null);
    }

    long userQuotaBytes() {
        long quotaMb = quotaSizeMb != null ? quotaSizeMb : availableBytes() / 1_000_000 / Math.max(1, residentCapacity());
        return quotaMb * 1024 * 1024;
    }

    private long residentCapacity() {
        return residentUsersSetting != null ? residentUsersSetting : 8;
    }

    long estimatedResidentUsers() {
        if (quotaSizeMb == null || quotaSizeMb == 0) {
            return residentCapacity();
        }
        return Math.min(MAXIMUM_RESIDENT_USERS, availableBytes() / (quotaSizeMb * 1024 * 1024));
    }

    void drainBattery(Random random) {
        batteryLevel = Math.max(0.05, Math.round((batteryLevel - 0.002 - random.nextInt(6) / 1000.0) * 1000) / 1000.0);
    }
}
