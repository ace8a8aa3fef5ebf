package fr.chariot.webconsole.internal.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import fr.chariot.accounts.api.AccountAdmin;
import fr.chariot.accounts.api.AuditEntry;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.Role;
import fr.chariot.accounts.api.UserAccount;
import fr.chariot.api.ServerSettings;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/** In-memory stand-ins for the services the administration pages use. */
final class Fakes {

    static final Instant CREATED = Instant.parse("2024-01-01T08:00:00Z");

    private Fakes() {
    }

    static final class Sites implements SiteDirectory {
        final Map<String, Site> byRne = new TreeMap<>();

        Sites(Site... sites) {
            for (Site site : sites) {
                byRne.put(site.rne(), site);
            }
        }

        @Override
        public List<Site> list() {
            return List.copyOf(byRne.values());
        }

        @Override
        public Optional<Site> find(String rne) {
            return Optional.ofNullable(byRne.get(Site.normalizeRne(rne)));
        }

        @Override
        public Site create(Site site) {
            if (byRne.putIfAbsent(site.rne(), site) != null) {
                throw new IllegalArgumentException("exists");
            }
            return site;
        }
    }

    static final class Settings implements ServerSettings {
        @Override
        public URI publicBaseUrl() {
            return URI.create("https://mdm.example.fr");
        }

        @Override
        public String version() {
            return "test";
        }
    }

    /** Records events; serves the entries a test stored, filtered and paged as the real journal does. */
    static final class Audit implements AuditLog {
        final List<AuditEvent> recorded = new ArrayList<>();
        final List<AuditEntry> stored = new ArrayList<>();
        final List<AuditQuery> queries = new ArrayList<>();

        void store(Instant at, AuditEvent event) {
            stored.add(new AuditEntry(stored.size() + 1, at, event));
        }

        @Override
        public void record(AuditEvent event) {
            recorded.add(event);
        }

        private List<AuditEntry> matching(AuditQuery query) {
            queries.add(query);
            return stored.stream()
                    .filter(entry -> query.sites().isEmpty()
                            || entry.event().site().filter(query.sites().get()::contains).isPresent())
                    .sorted(Comparator.comparingLong(AuditEntry::id).reversed()).toList();
        }

        @Override
        public AuditPage entries(AuditQuery query) {
            List<AuditEntry> all = matching(query);
            int from = Math.min(all.size(), query.page() * query.size());
            return new AuditPage(all.size(), all.subList(from, Math.min(all.size(), from + query.size())));
        }

        @Override
        public void exportCsv(AuditQuery query, OutputStream out) throws IOException {
            StringBuilder csv = new StringBuilder("at;user;from;site;action;objects;details\n");
            for (AuditEntry entry : matching(query)) {
                csv.append(entry.at()).append(';').append(entry.event().username()).append(';')
                        .append(entry.event().action()).append('\n');
            }
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Accounts in memory, with the refusals of the real service that the pages must show. */
    static final class Accounts implements AccountAdmin {
        final Map<String, UserAccount> byName = new TreeMap<>();
        final List<String> calls = new ArrayList<>();
        /** The last password handed over, as the service saw it before the page cleared it. */
        String lastPassword = "";

        void add(String username, Role role, Set<String> sites, boolean mustChange, Optional<Instant> lockedUntil) {
            byName.put(username, new UserAccount(username, role, sites, mustChange, lockedUntil, "fr", CREATED));
        }

        @Override
        public List<UserAccount> list() {
            return List.copyOf(byName.values());
        }

        @Override
        public Optional<UserAccount> find(String username) {
            return Optional.ofNullable(byName.get(username.strip().toLowerCase(Locale.ROOT)));
        }

        private UserAccount existing(String username) {
            return find(username).orElseThrow(NoSuchElementException::new);
        }

        private static void checkPassword(char[] password) {
            if (password.length < 12) {
                throw new IllegalArgumentException("Le mot de passe doit compter au moins 12 caractères.");
            }
        }

        private static void checkSites(Role role, Set<String> sites) {
            if (role != Role.DEPARTMENT_ADMIN && sites.isEmpty()) {
                throw new IllegalArgumentException("Choisissez au moins un établissement.");
            }
        }

        private boolean lastAdmin(UserAccount account) {
            return account.role() == Role.DEPARTMENT_ADMIN
                    && byName.values().stream().filter(a -> a.role() == Role.DEPARTMENT_ADMIN).count() == 1;
        }

        @Override
        public UserAccount create(String username, Role role, Set<String> sites, char[] password) {
            calls.add("create " + username);
            if (!username.matches("[A-Za-z0-9._@-]{2,64}")) {
                throw new IllegalArgumentException("Nom d’utilisateur invalide.");
            }
            if (byName.containsKey(username.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Le compte « " + username + " » existe déjà.");
            }
            checkSites(role, sites);
            checkPassword(password);
            lastPassword = new String(password);
            UserAccount account = new UserAccount(username.toLowerCase(Locale.ROOT), role, sites, true,
                    Optional.empty(), "fr", CREATED);
            byName.put(account.username(), account);
            return account;
        }

        @Override
        public UserAccount update(String username, Role role, Set<String> sites) {
            calls.add("update " + username);
            UserAccount account = existing(username);
            if (role != Role.DEPARTMENT_ADMIN && lastAdmin(account)) {
                throw new IllegalArgumentException("Le dernier administrateur départemental doit le rester.");
            }
            checkSites(role, sites);
            UserAccount updated = new UserAccount(account.username(), role, sites, account.mustChangePassword(),
                    account.lockedUntil(), account.language(), account.createdAt());
            byName.put(updated.username(), updated);
            return updated;
        }

        @Override
        public void resetPassword(String username, char[] password) {
            calls.add("reset " + username);
            UserAccount account = existing(username);
            checkPassword(password);
            lastPassword = new String(password);
            byName.put(account.username(), new UserAccount(account.username(), account.role(), account.sites(),
                    true, Optional.empty(), account.language(), account.createdAt()));
        }

        @Override
        public void unlock(String username) {
            calls.add("unlock " + username);
            UserAccount account = existing(username);
            byName.put(account.username(), new UserAccount(account.username(), account.role(), account.sites(),
                    account.mustChangePassword(), Optional.empty(), account.language(), account.createdAt()));
        }

        @Override
        public void delete(String username) {
            calls.add("delete " + username);
            UserAccount account = existing(username);
            if (lastAdmin(account)) {
                throw new IllegalArgumentException(
                        "Le dernier administrateur départemental ne peut pas être supprimé.");
            }
            byName.remove(account.username());
        }

        @Override
        public void changeLanguage(String username, String language) {
            throw new UnsupportedOperationException("not a page of the administration");
        }

        @Override
        public void changePassword(String username, char[] current, char[] chosen) {
            throw new UnsupportedOperationException("not a page of the administration");
        }
    }
}
