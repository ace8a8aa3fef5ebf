package fr.chariot.accounts.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AccountAdmin;
import fr.chariot.accounts.api.Role;
import fr.chariot.accounts.api.UserAccount;

/**
 * {@link AccountAdmin} over the {@code acct_*} tables. A wrong current password given to {@link #changePassword}
 * counts as a failed login and is slowed down the same way: otherwise a session left open would let anyone guess the
 * password at full speed.
 */
@Component(service = AccountAdmin.class)
public class AccountAdminService implements AccountAdmin {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 128;
    static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{2,64}");
    private static final Pattern RNE = Pattern.compile("[0-9]{7}[A-Z]");

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Clock clock;

    @Activate
    public AccountAdminService(@Reference(name = "dataSource", target = "(chariot.schema=acct)") DataSource dataSource) {
        this(new AccountStore(dataSource), PasswordHasher.standard(new SecureRandom()), Clock.systemUTC());
    }

    AccountAdminService(AccountStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public List<UserAccount> list() {
        Map<String, Set<String>> sites = store.allSites();
        Instant now = clock.instant();
        return store.list().stream()
                .map(user -> account(user, sites.getOrDefault(user.username(), Set.of()), now))
                .toList();
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return AccountsService.normalizeUsername(username).flatMap(store::find)
                .map(user -> account(user, store.sites(user.username()), clock.instant()));
    }

    @Override
    public UserAccount create(String username, Role role, Set<String> sites, char[] password) {
        String name = validUsername(username);
        Set<String> colleges = validSites(requireRole(role), sites);
        checkPolicy(name, password);
        if (store.find(name).isPresent()) {
            throw new IllegalArgumentException("Le compte « " + name + " » existe déjà.");
        }
        try {
            store.create(new AccountStore.NewUser(name, hasher.hash(password), role, true, colleges), clock.instant(),
                    () -> { });
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: nothing is written", e);
        }
        return found(name);
    }

    @Override
    public UserAccount update(String username, Role role, Set<String> sites) {
        String name = existingName(username);
        Set<String> colleges = validSites(requireRole(role), sites);
        switch (store.update(name, role, colleges)) {
            case NO_SUCH_USER -> throw noSuchUser(name);
            case LAST_ADMIN -> throw new IllegalArgumentException("« " + name + " » est le dernier administrateur "
                    + "départemental : il doit garder ce rôle.");
            case DONE -> { }
        }
        return found(name);
    }

    @Override
    public void resetPassword(String username, char[] password) {
        String name = existingName(username);
        if (store.find(name).isEmpty()) {
            throw noSuchUser(name);
        }
        checkPolicy(name, password);
        if (!store.setPassword(name, hasher.hash(password), true)) {
            throw noSuchUser(name);
        }
    }

    @Override
    public void unlock(String username) {
        String name = existingName(username);
        if (!store.clearThrottle(name)) {
            throw noSuchUser(name);
        }
    }

    @Override
    public void delete(String username) {
        String name = existingName(username);
        switch (store.delete(name)) {
            case NO_SUCH_USER -> throw noSuchUser(name);
            case LAST_ADMIN -> throw new IllegalArgumentException("« " + name + " » est le dernier administrateur "
                    + "départemental : il ne peut pas être supprimé.");
            case DONE -> { }
        }
    }

    @Override
    public void changeLanguage(String username, String language) {
        String name = existingName(username);
        String chosen = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(chosen)) {
            throw new IllegalArgumentException("Langue inconnue : « " + language + " ». Choisissez fr ou en.");
        }
        if (!store.setLanguage(name, chosen)) {
            throw noSuchUser(name);
        }
    }

    @Override
    public void changePassword(String username, char[] current, char[] chosen) {
        String name = existingName(username);
        AccountStore.StoredUser user = store.find(name).orElseThrow(() -> noSuchUser(name));
        Instant now = clock.instant();
        Optional<Instant> wait = user.throttle().waitAt(now);
        if (wait.isPresent()) {
            throw new IllegalArgumentException(tooManyFailures(Duration.between(now, wait.get())));
        }
        checkPolicy(name, chosen);
        if (current != null && Arrays.equals(current, chosen)) {
            throw new IllegalArgumentException("Le nouveau mot de passe doit être différent de l'actuel.");
        }
        if (current == null || !hasher.verify(current, user.passwordHash())) {
            store.recordFailure(name, now);
            throw new IllegalArgumentException("Mot de passe actuel incorrect.");
        }
        store.setPassword(name, hasher.hash(chosen), false);
    }

    private UserAccount found(String name) {
        return find(name).orElseThrow(() -> noSuchUser(name));
    }

    private static UserAccount account(AccountStore.StoredUser user, Set<String> sites, Instant now) {
        return new UserAccount(user.username(), user.role(), sites, user.mustChangePassword(),
                user.throttle().lockedUntil().filter(now::isBefore), user.language(), user.createdAt());
    }

    /** A name to look up: one that could never have been created cannot exist. */
    private static String existingName(String username) {
        Optional<String> name = AccountsService.normalizeUsername(username).filter(n -> USERNAME.matcher(n).matches());
        return name.orElseThrow(() -> noSuchUser(username == null ? "" : username.strip()));
    }

    private static String validUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Le nom du compte doit compter de 2 à 64 caractères : lettres sans "
                    + "accent, chiffres, « . », « - », « _ » ou « @ ».");
        }
        return name;
    }

    private static Role requireRole(Role role) {
        if (role == null) {
            throw new IllegalArgumentException("Choisissez un rôle.");
        }
        return role;
    }

    /** Upper-case RNEs; none for a department admin, who sees every college anyway. */
    private static Set<String> validSites(Role role, Set<String> sites) {
        if (role == Role.DEPARTMENT_ADMIN) {
            return Set.of();
        }
        Set<String> valid = new TreeSet<>();
        for (String site : sites == null ? Set.<String>of() : sites) {
            String rne = site == null ? "" : site.strip().toUpperCase(Locale.ROOT);
            if (!RNE.matcher(rne).matches()) {
                throw new IllegalArgumentException("« " + (site == null ? "" : site.strip()) + " » n'est pas un "
                        + "RNE : 7 chiffres suivis d'une lettre, par exemple 0310001A.");
            }
            valid.add(rne);
        }
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("Un technicien ou un compte en lecture seule doit être rattaché à au "
                    + "moins un établissement.");
        }
        return valid;
    }

    /** At least 12 characters (counted as a person counts them: one per accented letter or emoji), not the name. */
    static void checkPolicy(String username, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("Choisissez un mot de passe.");
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "Le mot de passe doit compter au moins " + MIN_PASSWORD_LENGTH + " caractères.");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "Le mot de passe doit compter au plus " + MAX_PASSWORD_LENGTH + " caractères.");
        }
        if (containsIgnoringCase(password, username)) {
            throw new IllegalArgumentException("Le mot de passe ne doit pas contenir le nom du compte.");
        }
    }

    /** Searched in the array itself, so the password never becomes a String that lingers in memory. */
    private static boolean containsIgnoringCase(char[] password, String lowerCaseName) {
        for (int start = 0; start + lowerCaseName.length() <= password.length; start++) {
            int i = 0;
            while (i < lowerCaseName.length()
                    && Character.toLowerCase(password[start + i]) == lowerCaseName.charAt(i)) {
                i++;
            }
            if (i == lowerCaseName.length()) {
                return true;
            }
        }
        return false;
    }

    private static String tooManyFailures(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        long minutes = (seconds + 59) / 60;
        String delay = seconds < 60 ? seconds + (seconds == 1 ? " seconde" : " secondes")
                : minutes + (minutes == 1 ? " minute" : " minutes");
        return "Trop d'essais infructueux : réessayez dans " + delay + ".";
    }

    private static NoSuchElementException noSuchUser(String name) {
        return new NoSuchElementException("Aucun compte ne s'appelle « " + name + " ».");
    }
}
