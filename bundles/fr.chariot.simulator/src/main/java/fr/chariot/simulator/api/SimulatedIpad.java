package fr.chariot.simulator.api;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.chariot.simulator.internal.Ipad;

/**
 * One simulated iPad (iPadOS 18.1, iPad13,18, 64 GB) that enrolls against a Chariot server and answers its
 * commands over real HTTP. Every request it makes carries an {@code Mdm-Signature} made with its SCEP identity.
 * Safe to drive from several threads: connect sessions of one iPad never interleave.
 */
public interface SimulatedIpad {

    /** The Shared iPad user-channel {@code UserID}: always this value, meaning "no authentication". */
    String SHARED_IPAD_USER_ID = "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF";

    /**
     * @param seed the same seed always gives the same UDID, serial number, name, MAC addresses and battery
     * @param role supervision and Shared iPad mode
     * @return a new, not yet enrolled iPad
     */
    static SimulatedIpad create(long seed, Role role) {
        return new Ipad(seed, role);
    }

    // --- identity ---------------------------------------------------------------------------------------------
    /** @return the UDID, modern form {@code 00008103-XXXXXXXXXXXXXXXX} */
    String udid();

    /** @return the serial number, {@code DMP} + 9 characters */
    String serialNumber();

    String deviceName();

    /**
     * The name a person gives the iPad in Settings (any text: device names are untrusted input); the server learns
     * it at the next inventory.
     */
    void setDeviceName(String name);

    Role role();

    boolean supervised();

    boolean sharedIpad();

    String osVersion();

    String buildVersion();

    /** @return {@code iPad13,18} */
    String productName();

    // --- enrollment -------------------------------------------------------------------------------------------
    /**
     * Adds a certificate the iPad trusts for HTTPS, as if its root were installed by hand. The root payload of
     * the enrollment profile is trusted automatically once the profile is read.
     */
    void trust(X509Certificate anchor);

    /** Chooses the digest of {@code Mdm-Signature} (default {@link SignatureDigest#SHA1}, like real iPads). */
    void setSignatureDigest(SignatureDigest digest);

    /**
     * Enrolls like a user installing the profile: downloads {@code {base}/mdm/enroll/{rne}}, checks its CMS
     * signature chains to the profile's root CA, gets an identity by SCEP, sends {@code Authenticate} then
     * {@code TokenUpdate}, and registers its push token with the simulated APNs.
     *
     * @param apns where the server's pushes arrive, or {@code null} for an iPad that is only driven by
     *             {@link #connect()}
     * @throws MdmHttpException    when the server answers a request with an unexpected HTTP status
     * @throws SimulatorException when the profile, the SCEP exchange or the network fails
     */
    void enroll(URI base, String rne, SimulatedApns apns);

    boolean enrolled();

    /** @return the push topic read from the enrollment profile */
    String topic();

    /** @return the identity certificate issued by SCEP */
    X509Certificate identityCertificate();

    /**
     * The {@code Mdm-Signature} this iPad would send with {@code body}: lets a test send requests of its own making
     * (another device's UDID, a replayed result, a hostile body) under this iPad's real identity.
     */
    String mdmSignature(byte[] body);

    /**
     * A TLS context that trusts the enrollment profile's root certificate and presents this iPad's identity as
     * client certificate, for requests of a test's making to a server that terminates TLS itself.
     */
    javax.net.ssl.SSLContext tlsContext();

    /** @return the device channel push token (32 bytes) */
    byte[] pushToken();

    String pushMagic();

    /** Sends {@code CheckOut}, forgets the enrollment, managed apps and profiles, and unregisters its tokens. */
    void checkOut();

    // --- sessions ---------------------------------------------------------------------------------------------
    /** Runs one device-channel connect session (Idle, then every command until an empty reply). */
    SessionSummary connect();

    /** Runs one connect session on the logged-in Shared iPad user's channel. */
    SessionSummary connectUser();

    /**
     * Shared iPad: a student logs in; the iPad sends a user-channel {@code TokenUpdate} for this user (the
     * first time and each time after another user was logged in) with the user's own token and PushMagic.
     *
     * @param shortName the Managed Apple Account, e.g. {@code eleve.dupont@college.fr}
     */
    void loginUser(String shortName, String longName);

    /** Shared iPad: the current user logs out (their data stays resident). */
    void logoutUser();

    Optional<String> loggedInUser();

    /** @return Managed Apple Accounts of users with data on this iPad */
    List<String> residentUsers();

    /** @return how many connect sessions (any channel) have ended, successfully or not */
    long sessionsCompleted();

    /**
     * Waits until at least {@code count} sessions have ended.
     *
     * @return whether the count was reached before the timeout
     */
    boolean awaitSessionsCompleted(long count, Duration timeout) throws InterruptedException;

    Optional<SessionSummary> lastSession();

    /** @return the failure of the last session started by a push or an unlock, if it failed */
    Optional<Throwable> lastSessionFailure();

    // --- simulated state --------------------------------------------------------------------------------------
    /** @return battery level 0..1; it drains a little at each connect session */
    double batteryLevel();

    void setBatteryLevel(double level);

    /**
     * Passcode-locked with data protected: commands that may answer NotNow do. Unlocking reconnects by itself
     * if a command was refused, as a real iPad does.
     */
    void setLocked(boolean locked);

    boolean locked();

    /** The next command of this type answers {@code Error} with a realistic {@code ErrorChain}. */
    void failNext(String requestType);

    boolean lostMode();

    /** Where {@code DeviceLocation} says the iPad is. */
    void setLocation(double latitude, double longitude);

    /** @return bytes still free */
    long availableCapacityBytes();

    /** @return every installed app's bundle id, store and managed apps alike */
    List<String> installedApplications();

    /** @return managed apps' bundle id to management status ({@code Installing}, {@code Managed}...) */
    Map<String, String> managedApplications();

    /** @return device-level profiles, the enrollment profile first */
    List<ProfileInfo> profiles();

    /** @return profiles in a Shared iPad user's space */
    List<ProfileInfo> userProfiles(String shortName);
}
