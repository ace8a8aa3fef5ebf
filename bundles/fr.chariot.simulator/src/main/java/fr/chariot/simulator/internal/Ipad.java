package fr.chariot.simulator.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.dd.plist.NSDictionary;

import fr.chariot.simulator.api.HandledCommand;
import fr.chariot.simulator.api.MdmHttpException;
import fr.chariot.simulator.api.ProfileInfo;
import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SessionSummary;
import fr.chariot.simulator.api.SignatureDigest;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedIpad;
import fr.chariot.simulator.api.SimulatorException;
import fr.chariot.simulator.internal.CommandRunner.Outcome;
import fr.chariot.simulator.internal.IpadState.App;
import fr.chariot.simulator.internal.IpadState.Channel;
import fr.chariot.simulator.internal.IpadState.User;

/** The simulated iPad: enrollment, check-in, connect sessions, wake-ups from pushes. */
public final class Ipad implements SimulatedIpad {

    static final String CHECKIN_CONTENT_TYPE = "application/x-apple-aspen-mdm-checkin";
    static final String CONNECT_CONTENT_TYPE = "application/x-apple-aspen-mdm";
    static final String PROFILE_CONTENT_TYPE = "application/x-apple-aspen-config";

    /** A server that keeps answering commands forever is a bug worth stopping on. */
    private static final int MAX_COMMANDS_PER_SESSION = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Ipad.class);

    /** Sessions started by pushes and unlocks; daemon threads so a forgotten iPad never keeps a JVM alive. */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chariot-ipad-session");
        thread.setDaemon(true);
        return thread;
    });

    private final IpadState state;
    private final Random random;
    private final MdmHttp http = new MdmHttp();
    private final CommandRunner runner;
    private final ReentrantLock sessionLock = new ReentrantLock();
    private final Object progress = new Object();
    private final AtomicInteger sessionsInFlight = new AtomicInteger();

    private volatile SignatureDigest digest = SignatureDigest.SHA1;
    private volatile EnrollmentProfile profile;
    private volatile KeyPair identityKeys;
    private volatile X509Certificate identityCertificate;
    private volatile SimulatedApns apns;
    private volatile boolean enrolled;
    private volatile SessionSummary lastSession;
    private volatile Throwable lastSessionFailure;
    private long sessionsCompleted;

    public Ipad(long seed, Role role) {
        this.state = new IpadState(seed, Objects.requireNonNull(role, "role"));
        this.random = new Random(seed);
        this.runner = new CommandRunner(state, new CommandRunner.Identity() {
            @Override
            public PrivateKey key() {
                return identityKeys.getPrivate();
            }

            @Override
            public long accessRights() {
                return profile.accessRights();
            }
        });
    }

    // --- identity ---------------------------------------------------------------------------------------------

    @Override
    public String udid() {
        return state.udid;
    }

    @Override
    public String serialNumber() {
        return state.serialNumber;
    }

    @Override
    public String deviceName() {
        synchronized (state) {
            return state.deviceName;
        }
    }

    @Override
    public void setDeviceName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an iPad always has a name");
        }
        synchronized (state) {
            state.deviceName = name;
        }
    }

    @Override
    public Role role() {
        return state.role;
    }

    @Override
    public boolean supervised() {
        return state.supervised;
    }

    @Override
    public boolean sharedIpad() {
        return state.sharedIpad;
    }

    @Override
    public String osVersion() {
        synchronized (state) {
            return state.osVersion;
        }
    }

    @Override
    public String buildVersion() {
        synchronized (state) {
            return state.buildVersion;
        }
    }

    @Override
    public String productName() {
        return IpadState.PRODUCT_NAME;
    }

    // --- enrollment -------------------------------------------------------------------------------------------

    @Override
    public void trust(X509Certificate anchor) {
        http.trust(Objects.requireNonNull(anchor, "anchor"));
    }

    @Override
    public void setSignatureDigest(SignatureDigest digest) {
        this.digest = Objects.requireNonNull(digest, "digest");
    }

    @Override
    public void enroll(URI base, String rne, SimulatedApns apns) {
        Objects.requireNonNull(base, "base");
        if (rne == null || rne.isBlank()) {
            throw new IllegalArgumentException("rne is required");
        }
        sessionLock.lock();
        try {
            if (enrolled) {
                throw new IllegalStateException(state.udid + " is already enrolled; check out first");
            }
            URI profileUri = URI.create(trimSlash(base) + "/mdm/enroll/" + URLEncoder.encode(rne, StandardCharsets.UTF_8));
            MdmHttp.Response response = http.send("GET", profileUri, null, null, null);
            response.requireStatus(200);
            if (!response.contentType().startsWith(PROFILE_CONTENT_TYPE)) {
                throw new SimulatorException("the enrollment profile came as '" + response.contentType() + "', not "
                    + PROFILE_CONTENT_TYPE + ": an iPad would not offer to install it");
            }
            EnrollmentProfile enrollment = readTrustedProfile(response.body());
            KeyPair keys = Pki.rsaKeyPair(enrollment.keySize());
            X509Certificate certificate = new ScepClient(http).enroll(enrollment.scepUrl(), enrollment.challenge(),
                enrollment.subject(), keys);
            this.profile = enrollment;
            this.identityKeys = keys;
            this.identityCertificate = certificate;
            if (!enrollment.signMessage()) {
                http.useClientCertificate(keys.getPrivate(), certificate);
            }
            checkIn(authenticate());
            checkIn(tokenUpdate(state.deviceChannel));
            synchronized (state) {
                state.profiles.removeIf(p -> !p.managed());
                state.profiles.add(0, runner.readProfile(response.body(), false));
            }
            enrolled = true;
            this.apns = apns;
            if (apns != null) {
                register(state.deviceChannel);
                if (!apns.topic().equals(enrollment.topic())) {
                    LOG.warn("{}: the profile's topic {} is not the simulated APNs topic {}: pushes will be refused",
                        state.udid, enrollment.topic(), apns.topic());
                }
            }
            LOG.debug("{} enrolled at {}", state.udid, base);
        } finally {
            sessionLock.unlock();
        }
    }

    private EnrollmentProfile readTrustedProfile(byte[] body) {
        EnrollmentProfile enrollment = EnrollmentProfile.parse(body);
        ProfileDocument document = enrollment.document();
        if (document.signed()) {
            if (!document.signatureValid()) {
                throw new SimulatorException("the enrollment profile's CMS signature does not verify");
            }
            if (enrollment.rootCertificate() != null && !document.signerChainsTo(enrollment.rootCertificate())) {
                throw new SimulatorException("the enrollment profile's signer "
                    + document.signers().get(0).getSubjectX500Principal() + " does not chain to its root payload "
                    + enrollment.rootCertificate().getSubjectX500Principal());
            }
        } else {
            LOG.warn("{}: the enrollment profile is not signed (an iPad shows it as Not Verified)", state.udid);
        }
        if (state.sharedIpad && !enrollment.serverCapabilities().contains(EnrollmentProfile.PER_USER_CONNECTIONS)) {
            throw new SimulatorException("a Shared iPad refuses an MDM payload without ServerCapabilities "
                + EnrollmentProfile.PER_USER_CONNECTIONS);
        }
        if (enrollment.rootCertificate() != null) {
            http.trust(enrollment.rootCertificate());
        }
        return enrollment;
    }

    private static String trimSlash(URI base) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private void register(Channel channel) {
        SimulatedApns current = apns;
        if (current != null) {
            current.register(channel.token, profile.topic(), channel.pushMagic, () -> wake(channel));
        }
    }

    @Override
    public boolean enrolled() {
        return enrolled;
    }

    @Override
    public String topic() {
        return requireEnrolled().topic();
    }

    @Override
    public X509Certificate identityCertificate() {
        requireEnrolled();
        return identityCertificate;
    }

    @Override
    public javax.net.ssl.SSLContext tlsContext() {
        requireEnrolled();
        MdmHttp tls = new MdmHttp();
        if (profile.rootCertificate() != null) {
            tls.trust(profile.rootCertificate());
        }
        tls.useClientCertificate(identityKeys.getPrivate(), identityCertificate);
        return tls.sslContext();
    }

    @Override
    public String mdmSignature(byte[] body) {
        requireEnrolled();
        return MdmSigner.sign(body, identityKeys.getPrivate(), identityCertificate, digest);
    }

    @Override
    public byte[] pushToken() {
        return state.deviceChannel.token.clone();
    }

    @Override
    public String pushMagic() {
        return state.deviceChannel.pushMagic;
    }

    /** The channel's token and magic, for tests that push or check TokenUpdates. */
    byte[] userPushToken(String shortName) {
        synchronized (state) {
            User user = state.users.get(shortName);
            if (user == null) {
                throw new IllegalArgumentException("no user " + shortName);
            }
            return user.channel.token.clone();
        }
    }

    @Override
    public void checkOut() {
        sessionLock.lock();
        try {
            EnrollmentProfile enrollment = requireEnrolled();
            NSDictionary message = message("CheckOut", enrollment);
            message.put("UDID", state.udid);
            try {
                checkIn(message);
            } finally {
                forgetEnrollment();
            }
        } finally {
            sessionLock.unlock();
        }
    }

    /** Removing the MDM profile takes what it managed with it, whatever the server answered to CheckOut. */
    private void forgetEnrollment() {
        SimulatedApns current = apns;
        synchronized (state) {
            if (current != null) {
                current.unregister(state.deviceChannel.token);
                state.users.values().forEach(user -> current.unregister(user.channel.token));
            }
            state.apps.values().removeIf(app -> app.managed);
            state.profiles.clear();
            state.users.values().forEach(user -> user.profiles.clear());
        }
        enrolled = false;
        apns = null;
    }

    // --- check-in ---------------------------------------------------------------------------------------------

    private NSDictionary message(String messageType, EnrollmentProfile enrollment) {
        NSDictionary message = new NSDictionary();
        message.put("MessageType", messageType);
        message.put("Topic", enrollment.topic());
        return message;
    }

    private NSDictionary authenticate() {
        NSDictionary message = message("Authenticate", profile);
        synchronized (state) {
            message.put("UDID", state.udid);
            message.put("SerialNumber", state.serialNumber);
            message.put("ProductName", IpadState.PRODUCT_NAME);
            message.put("OSVersion", state.osVersion);
            message.put("BuildVersion", state.buildVersion);
            message.put("DeviceName", state.deviceName);
            message.put("Model", IpadState.MODEL);
            message.put("ModelName", IpadState.MODEL_NAME);
        }
        return message;
    }

    private NSDictionary tokenUpdate(Channel channel) {
        NSDictionary message = message("TokenUpdate", profile);
        message.put("UDID", state.udid);
        message.put("Token", channel.token);
        message.put("PushMagic", channel.pushMagic);
        if (channel.isUser()) {
            addUser(message, channel.user);
        } else if (!state.sharedIpad) {
            message.put("UnlockToken", state.unlockToken);
        }
        message.put("AwaitingConfiguration", false);
        return message;
    }

    private static void addUser(NSDictionary message, User user) {
        message.put("UserID", SHARED_IPAD_USER_ID);
        message.put("UserShortName", user.shortName);
        message.put("UserLongName", user.longName);
    }

    private void checkIn(NSDictionary message) {
        byte[] body = Plists.xml(message);
        http.send("PUT", profile.checkInUrl(), CHECKIN_CONTENT_TYPE, body, signature(body)).requireStatus(200);
    }

    private String signature(byte[] body) {
        return profile.signMessage()
            ? MdmSigner.sign(body, identityKeys.getPrivate(), identityCertificate, digest) : null;
    }

    // --- Shared iPad users ------------------------------------------------------------------------------------

    @Override
    public void loginUser(String shortName, String longName) {
        if (shortName == null || shortName.isBlank() || longName == null || longName.isBlank()) {
            throw new IllegalArgumentException("a user needs a short name (Managed Apple Account) and a long name");
        }
        if (!state.sharedIpad) {
            throw new IllegalStateException(state.udid + " is not a Shared iPad");
        }
        requireEnrolled();
        User user;
        synchronized (state) {
            User current = state.loggedInUser();
            if (current != null) {
                current.loggedIn = false;
            }
            user = state.users.computeIfAbsent(shortName, name -> new User(name, longName));
            user.loggedIn = true;
            user.hasDataToSync = true;
            user.dataUsedBytes += 40_000_000L + random.nextInt(60) * 1_000_000L;
        }
        try {
            checkIn(tokenUpdate(user.channel));
            register(user.channel);
        } catch (MdmHttpException e) {
            // 410 on a user-channel TokenUpdate means "this user is not managed": the session goes on unmanaged
            if (e.status() != 410) {
                throw e;
            }
            LOG.debug("{}: the server does not manage user {}", state.udid, shortName);
        }
    }

    @Override
    public void logoutUser() {
        synchronized (state) {
            User user = state.loggedInUser();
            if (user != null) {
                user.loggedIn = false;
            }
        }
    }

    @Override
    public Optional<String> loggedInUser() {
        synchronized (state) {
            User user = state.loggedInUser();
            return Optional.ofNullable(user).map(u -> u.shortName);
        }
    }

    @Override
    public List<String> residentUsers() {
        synchronized (state) {
            return List.copyOf(state.users.keySet());
        }
    }

    // --- sessions ---------------------------------------------------------------------------------------------

    @Override
    public SessionSummary connect() {
        return runSession(state.deviceChannel);
    }

    @Override
    public SessionSummary connectUser() {
        Channel channel;
        synchronized (state) {
            User user = state.loggedInUser();
            if (user == null) {
                throw new IllegalStateException(state.udid + " has no logged-in user");
            }
            channel = user.channel;
        }
        return runSession(channel);
    }

    private SessionSummary runSession(Channel channel) {
        sessionLock.lock();
        try {
            EnrollmentProfile enrollment = requireEnrolled();
            synchronized (state) {
                state.drainBattery(random);
            }
            List<HandledCommand> handled = new ArrayList<>();
            NSDictionary message = connectMessage(channel);
            message.put("Status", "Idle");
            while (true) {
                byte[] body = Plists.xml(message);
                MdmHttp.Response response = http.send("PUT", enrollment.serverUrl(), CONNECT_CONTENT_TYPE, body,
                    signature(body));
                response.requireStatus(200);
                if (response.body().length == 0) {
                    break;
                }
                if (handled.size() >= MAX_COMMANDS_PER_SESSION) {
                    throw new SimulatorException("the server sent more than " + MAX_COMMANDS_PER_SESSION
                        + " commands in one session to " + state.udid);
                }
                NSDictionary reply = Plists.parseDictionary(response.body(), "the connect reply");
                String commandUuid = Plists.string(reply, "CommandUUID");
                if (commandUuid == null) {
                    throw new SimulatorException("the server sent a command without CommandUUID: "
                        + new String(response.body(), StandardCharsets.UTF_8));
                }
                NSDictionary command = Plists.dictionary(reply, "Command");
                String requestType = command == null ? null : Plists.string(command, "RequestType");
                Outcome outcome;
                if (requestType == null) {
                    outcome = Outcome.formatError();
                } else {
                    synchronized (state) {
                        outcome = runner.run(channel, requestType, command);
                    }
                }
                handled.add(new HandledCommand(commandUuid, requestType == null ? "" : requestType, outcome.status()));
                NSDictionary result = connectMessage(channel);
                result.put("CommandUUID", commandUuid);
                result.put("Status", outcome.status());
                outcome.keys().forEach((key, value) -> result.put(key, Plists.toPlist(value)));
                message = result;
            }
            SessionSummary summary = new SessionSummary(state.udid,
                channel.isUser() ? Optional.of(channel.user.shortName) : Optional.empty(), handled);
            lastSession = summary;
            return summary;
        } finally {
            sessionLock.unlock();
            synchronized (progress) {
                sessionsCompleted++;
                progress.notifyAll();
            }
        }
    }

    private NSDictionary connectMessage(Channel channel) {
        NSDictionary message = new NSDictionary();
        message.put("UDID", state.udid);
        if (channel.isUser()) {
            addUser(message, channel.user);
        }
        return message;
    }

    /** A push (or an unlock) asks this channel to connect; pushes arriving before the session starts merge. */
    void wake(Channel channel) {
        if (!channel.wakePending.compareAndSet(false, true)) {
            return;
        }
        sessionsInFlight.incrementAndGet();
        try {
            BACKGROUND.execute(() -> {
                try {
                    channel.wakePending.set(false);
                    boolean userAway;
                    synchronized (state) {
                        userAway = channel.isUser() && !channel.user.loggedIn;
                    }
                    if (!userAway && enrolled) {
                        runSession(channel);
                        lastSessionFailure = null;
                    }
                } catch (RuntimeException e) {
                    lastSessionFailure = e;
                    LOG.warn("{}: connect session after a push failed: {}", state.udid, e.getMessage());
                } finally {
                    inFlightDone();
                }
            });
        } catch (RuntimeException e) {
            channel.wakePending.set(false);
            inFlightDone();
            throw e;
        }
    }

    private void inFlightDone() {
        sessionsInFlight.decrementAndGet();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    @Override
    public long sessionsCompleted() {
        synchronized (progress) {
            return sessionsCompleted;
        }
    }

    @Override
    public boolean awaitSessionsCompleted(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (sessionsCompleted < count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, remaining / 1_000_000));
            }
            return true;
        }
    }

    /** Waits until no session started by a push or an unlock is scheduled or running. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        synchronized (progress) {
            while (sessionsInFlight.get() > 0) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, remaining / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public Optional<SessionSummary> lastSession() {
        return Optional.ofNullable(lastSession);
    }

    @Override
    public Optional<Throwable> lastSessionFailure() {
        return Optional.ofNullable(lastSessionFailure);
    }

    // --- simulated state --------------------------------------------------------------------------------------

    @Override
    public double batteryLevel() {
        synchronized (state) {
            return state.batteryLevel;
        }
    }

    @Override
    public void setBatteryLevel(double level) {
        if (level < 0 || level > 1) {
            throw new IllegalArgumentException("battery level is between 0 and 1: " + level);
        }
        synchronized (state) {
            state.batteryLevel = level;
        }
    }

    @Override
    public void setLocked(boolean locked) {
        boolean comeBack;
        synchronized (state) {
            comeBack = !locked && state.locked && state.notNowSinceUnlock;
            state.locked = locked;
            if (!locked) {
                state.notNowSinceUnlock = false;
            }
        }
        if (comeBack && enrolled) {
            wake(state.deviceChannel);
        }
    }

    @Override
    public boolean locked() {
        synchronized (state) {
            return state.locked;
        }
    }

    @Override
    public void failNext(String requestType) {
        Objects.requireNonNull(requestType, "requestType");
        synchronized (state) {
            state.failNext.merge(requestType, 1, Integer::sum);
        }
    }

    @Override
    public boolean lostMode() {
        synchronized (state) {
            return state.lostMode;
        }
    }

    @Override
    public void setLocation(double latitude, double longitude) {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("not a location: " + latitude + ", " + longitude);
        }
        synchronized (state) {
            state.latitude = latitude;
            state.longitude = longitude;
        }
    }

    @Override
    public long availableCapacityBytes() {
        synchronized (state) {
            return state.availableBytes();
        }
    }

    @Override
    public List<String> installedApplications() {
        synchronized (state) {
            return List.copyOf(state.apps.keySet());
        }
    }

    @Override
    public Map<String, String> managedApplications() {
        synchronized (state) {
            Map<String, String> managed = new LinkedHashMap<>();
            for (App app : state.apps.values()) {
                if (app.managed) {
                    managed.put(app.identifier, app.managedStatus);
                }
            }
            return managed;
        }
    }

    @Override
    public List<ProfileInfo> profiles() {
        synchronized (state) {
            return state.profiles.stream().map(IpadState.Profile::info).toList();
        }
    }

    @Override
    public List<ProfileInfo> userProfiles(String shortName) {
        synchronized (state) {
            User user = state.users.get(shortName);
            return user == null ? List.of() : user.profiles.stream().map(IpadState.Profile::info).toList();
        }
    }

    private EnrollmentProfile requireEnrolled() {
        EnrollmentProfile enrollment = profile;
        if (!enrolled || enrollment == null) {
            throw new IllegalStateException(state.udid + " is not enrolled");
        }
        return enrollment;
    }

    /** For tests: runs a command directly on the state, as a session would. */
    Outcome run(boolean userChannel, String requestType, NSDictionary command) {
        synchronized (state) {
            Channel channel = userChannel ? Objects.requireNonNull(state.loggedInUser(), "no logged-in user").channel
                                          : state.deviceChannel;
            return runner.run(channel, requestType, command);
        }
    }

    @Override
    public String toString() {
        return "SimulatedIpad[" + state.udid + ", " + state.serialNumber + ", " + state.role + "]";
    }
}
