package fr.chariot.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.ApiToken;
import fr.chariot.accounts.api.LoginResult;
import fr.chariot.accounts.api.Principal;

/**
 * {@link Accounts} over the {@code acct_*} tables. Immediate, so that the first admin is created when the bundle
 * starts rather than at the first login attempt.
 */
@Component(service = Accounts.class, configurationPid = AccountsConfig.PID, immediate = true)
@Designate(ocd = AccountsConfig.class)
public class AccountsService implements Accounts {

    static final String DATA_FOLDER_PROPERTY = "chariot.data";
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_USERNAME_LENGTH = 64;
    /** A base64url token of 32 bytes has 43 characters; anything much longer is not ours and not worth hashing. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(AccountsService.class);

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final SecureRandom random;
    /** Verified against when the user is unknown, so that an unknown name costs the same time as a wrong password. */
    private final String decoyHash;
    private final UnknownNames unknownNames = new UnknownNames(UnknownNames.DEFAULT_CAPACITY);

    @Activate
    public AccountsService(BundleContext context, AccountsConfig config,
            @Reference(name = "dataSource", target = "(chariot.schema=acct)") DataSource dataSource) {
        this(new AccountStore(dataSource), PasswordHasher.standard(new SecureRandom()), Clock.systemUTC(),
                Duration.ofMinutes(config.tokenLifetimeMinutes()), new SecureRandom());
        Optional<Path> dataFolder = Optional.ofNullable(context.getProperty(DATA_FOLDER_PROPERTY)).map(Path::of);
        new AdminBootstrap(store, hasher, System::getenv, dataFolder, random).ensureAdmin(clock.instant());
    }

    AccountsService(AccountStore store, PasswordHasher hasher, Clock clock, Duration tokenLifetime,
            SecureRandom random) {
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetimeMinutes must be positive, not " + tokenLifetime);
        }
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        this.random = random;
        this.decoyHash = hasher.hash("decoy".toCharArray());
    }

    /** The same throttle as {@link #login}: a refusal, for whatever reason, is an empty answer. */
    @Override
    public Optional<Principal> checkPassword(String username, char[] password) {
        return login(username, password) instanceof LoginResult.Success success ? Optional.of(success.principal())
                : Optional.empty();
    }

    @Override
    public LoginResult login(String username, char[] password) {
        Objects.requireNonNull(password, "password");
        Optional<String> name = normalizeUsername(username);
        Instant now = clock.instant();
        Optional<AccountStore.StoredUser> found = name.flatMap(store::find);
        if (found.isEmpty()) {
            return unknown(name, password, now);
        }
        AccountStore.StoredUser user = found.get();
        Optional<Instant> wait = user.throttle().waitAt(now);
        if (wait.isPresent()) {
            return new LoginResult.Refused(wait);
        }
        if (!hasher.verify(password, user.passwordHash())) {
            LoginThrottle.State after = store.recordFailure(user.username(), now);
            if (after.failures() == 0) {
                LOG.warn("Account '{}' locked for {} minutes after {} failed logins in a row", user.username(),
                        LoginThrottle.LOCK_DURATION.toMinutes(), LoginThrottle.MAX_FAILURES);
            }
            return new LoginResult.Refused(after.waitAt(now));
        }
        if (!user.throttle().isClean()) {
            store.recordSuccess(user.username());
        }
        return new LoginResult.Success(principal(user), user.mustChangePassword(), user.language());
    }

    /**
     * Answers as for an existing name whose password is wrong: slowed down the same way, and at the cost of one
     * Argon2 verification whenever an existing name's password would be checked.
     */
    private LoginResult unknown(Optional<String> name, char[] password, Instant now) {
        Optional<Instant> wait = name.map(unknownNames::state).flatMap(state -> state.waitAt(now));
        if (wait.isPresent()) {
            return new LoginResult.Refused(wait);
        }
        hasher.verify(password, decoyHash);
        return new LoginResult.Refused(name.map(n -> unknownNames.recordFailure(n, now))
                .flatMap(state -> state.waitAt(now)));
    }

    @Override
    public ApiToken issueToken(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(tokenLifetime);
        // Housekeeping where tokens are made: the table never holds more than a lifetime's worth of tokens.
        store.deleteExpiredTokens(now);
        store.storeToken(sha256(token), principal.username(), now, expires);
        return new ApiToken(token, expires);
    }

    @Override
    public Optional<Principal> principalForToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return store.tokenOwner(sha256(token), clock.instant()).flatMap(store::find).map(this::principal);
    }

    private Principal principal(AccountStore.StoredUser user) {
        return new Principal(user.username(), user.role(), store.sites(user.username()));
    }

    /** Names are compared without regard to case or surrounding spaces, as people type them. */
    static Optional<String> normalizeUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        return name.isEmpty() || name.length() > MAX_USERNAME_LENGTH ? Optional.empty() : Optional.of(name);
    }

    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
