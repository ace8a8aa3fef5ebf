package fr.chariot.rest.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.LoginResult;
import fr.chariot.accounts.api.ApiToken;
import fr.chariot.accounts.api.Principal;
import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.apns.api.InvalidPushCertificateException;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushCertificates;
import fr.chariot.apns.api.PushOutcome;
import fr.chariot.apns.api.PushService;
import fr.chariot.apns.api.PushTarget;

/** In-memory stand-ins for the services the API uses, recording what they were asked to do. */
final class Fakes {

    private Fakes() {
    }

    /** Keeps what the API journals. */
    static final class FakeAudit implements AuditLog {
        final List<AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public AuditPage entries(AuditQuery query) {
            throw new UnsupportedOperationException("the API only writes the journal");
        }

        @Override
        public void exportCsv(AuditQuery query, java.io.OutputStream out) {
            throw new UnsupportedOperationException("the API only writes the journal");
        }
    }

    static final class FakeAccounts implements Accounts {
        final Map<String, String> passwords = new HashMap<>();
        final Map<String, Principal> users = new HashMap<>();
        final Map<String, Principal> tokens = new HashMap<>();
        final Map<String, String> checked = new HashMap<>();

        /** Adds a user whose bearer token is {@code "token-" + username}. */
        void add(Principal principal, String password) {
            passwords.put(principal.username(), password);
            users.put(principal.username(), principal);
            tokens.put("token-" + principal.username(), principal);
        }

        @Override
        public Optional<Principal> checkPassword(String username, char[] password) {
            checked.put(username, new String(password));
            String expected = passwords.get(username);
            return expected != null && Arrays.equals(expected.toCharArray(), password)
                    ? Optional.of(users.get(username)) : Optional.empty();
        }

        @Override
        public LoginResult login(String username, char[] password) {
            return checkPassword(username, password)
                    .<LoginResult>map(principal -> new LoginResult.Success(principal, false, "fr"))
                    .orElseGet(() -> new LoginResult.Refused(Optional.empty()));
        }

        @Override
        public ApiToken issueToken(Principal principal) {
            return new ApiToken("token-" + principal.username(), Instant.parse("2026-09-01T20:00:00Z"));
        }

        @Override
        public Optional<Principal> principalForToken(String token) {
            return Optional.ofNullable(tokens.get(token));
        }
    }

    static final class FakeSites implements SiteDirectory {
        final Map<String, Site> sites = new TreeMap<>();

        @Override
        public List<Site> list() {
            return List.copyOf(sites.values());
        }

        @Override
        public Optional<Site> find(String rne) {
            return Optional.ofNullable(sites.get(Site.normalizeRne(rne)));
        }

        @Override
        public Site create(Site site) {
            if (sites.putIfAbsent(site.rne(), site) != null) {
                throw new IllegalArgumentException("exists");
            }
            return site;
        }
    }

    static final class FakeDevices implements DeviceDirectory {
        final Map<DeviceId, DeviceRecord> devices = new TreeMap<>((a, b) -> a.udid().compareTo(b.udid()));

        void add(DeviceRecord device) {
            devices.put(device.udid(), device);
        }

        @Override
        public Optional<DeviceRecord> find(DeviceId udid) {
            return Optional.ofNullable(devices.get(udid));
        }

        @Override
        public List<DeviceRecord> list(String rne) {
            return devices.values().stream().filter(d -> d.rne().equals(rne)).toList();
        }
    }

    record Enqueued(String origin, Command command, List<DeviceId> devices) {
    }

    static final class FakeQueue implements CommandQueue {
        final List<Enqueued> enqueued = new ArrayList<>();

        @Override
        public List<String> enqueue(String origin, Command command, Collection<DeviceId> devices) {
            enqueued.add(new Enqueued(origin, command, List.copyOf(devices)));
            return devices.stream().map(d -> "uuid-" + enqueued.size() + "-" + d.udid()).toList();
        }
    }

    static final class FakeHistory implements CommandHistory {
        final Map<DeviceId, List<CommandRecord>> history = new HashMap<>();
        int lastLimit;

        @Override
        public List<CommandRecord> history(DeviceId device, int limit) {
            lastLimit = limit;
            return history.getOrDefault(device, List.of()).stream().limit(limit).toList();
        }

        @Override
        public Optional<CommandRecord> find(String commandUuid) {
            return history.values().stream().flatMap(List::stream)
                    .filter(c -> c.commandUuid().equals(commandUuid)).findFirst();
        }
    }

    /** Accepts any body starting with "PEM" (or a PKCS#12 "P12" with password "secret"). */
    static final class FakePush implements PushService, PushCertificates {
        PushCertificate installed;

        @Override
        public PushCertificate install(byte[] certificateAndKey, char[] password)
                throws InvalidPushCertificateException {
            String body = new String(certificateAndKey, StandardCharsets.US_ASCII);
            boolean pem = body.startsWith("PEM");
            boolean pkcs12 = body.startsWith("P12") && Arrays.equals("secret".toCharArray(), password);
            if (!pem && !pkcs12) {
                throw new InvalidPushCertificateException("Ce fichier n'est ni un PEM ni un PKCS#12 lisible.");
            }
            installed = new PushCertificate("com.apple.mgmt.External.1234", "CN=APSP:1234",
                    Instant.parse("2027-09-01T00:00:00Z"));
            return installed;
        }

        @Override
        public CompletionStage<List<PushOutcome>> push(Collection<PushTarget> targets) {
            throw new UnsupportedOperationException("the API never pushes itself");
        }

        @Override
        public Optional<PushCertificate> certificate() {
            return Optional.ofNullable(installed);
        }
    }
}
