package fr.chariot.webconsole.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import fr.chariot.accounts.api.AccountAdmin;
import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.ApiToken;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.LoginResult;
import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.accounts.api.UserAccount;

/** Accounts, account administration and audit log in memory, as the console uses them. */
final class FakeAccounts implements Accounts, AccountAdmin, AuditLog {

    private record Account(Principal principal, String password, boolean mustChange, String language) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    final List<AuditEvent> audit = new ArrayList<>();
    /** When set, every login is refused with this retry instant. */
    volatile Optional<Instant> throttledUntil = Optional.empty();

    FakeAccounts add(String username, String password, Role role, boolean mustChange, String language,
            String... sites) {
        accounts.put(username, new Account(new Principal(username, role, Set.of(sites)), password, mustChange,
                language));
        return this;
    }

    @Override
    public LoginResult login(String username, char[] password) {
        if (throttledUntil.isPresent()) {
            return new LoginResult.Refused(throttledUntil);
        }
        Account account = accounts.get(username);
        if (account == null || !account.password().equals(new String(password))) {
            return new LoginResult.Refused(Optional.empty());
        }
        return new LoginResult.Success(account.principal(), account.mustChange(), account.language());
    }

    @Override
    public void changePassword(String username, char[] current, char[] chosen) {
        Account account = find(username).map(a -> accounts.get(username)).orElseThrow();
        if (!account.password().equals(new String(current))) {
            throw new IllegalArgumentException("Le mot de passe actuel est incorrect.");
        }
        if (chosen.length < 12) {
            throw new IllegalArgumentException("Le mot de passe doit compter au moins 12 caractères.");
        }
        accounts.put(username, new Account(account.principal(), new String(chosen), false, account.language()));
    }

    @Override
    public void changeLanguage(String username, String language) {
        Account account = accounts.get(username);
        accounts.put(username, new Account(account.principal(), account.password(), account.mustChange(), language));
    }

    String language(String username) {
        return accounts.get(username).language();
    }

    boolean mustChange(String username) {
        return accounts.get(username).mustChange();
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username)).map(a -> new UserAccount(username, a.principal().role(),
                a.principal().sites(), a.mustChange(), Optional.empty(), a.language(), Instant.EPOCH));
    }

    @Override
    public synchronized void record(AuditEvent event) {
        audit.add(event);
    }

    synchronized List<String> auditActions() {
        return audit.stream().map(AuditEvent::action).toList();
    }

    // What the console's shell never calls.

    @Override
    public Optional<Principal> checkPassword(String username, char[] password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ApiToken issueToken(Principal principal) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Principal> principalForToken(String token) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<UserAccount> list() {
        throw new UnsupportedOperationException();
    }

    @Override
    public UserAccount create(String username, Role role, Set<String> sites, char[] password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public UserAccount update(String username, Role role, Set<String> sites) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resetPassword(String username, char[] password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unlock(String username) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String username) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AuditPage entries(AuditQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void exportCsv(AuditQuery query, java.io.OutputStream out) {
        throw new UnsupportedOperationException();
    }
}
