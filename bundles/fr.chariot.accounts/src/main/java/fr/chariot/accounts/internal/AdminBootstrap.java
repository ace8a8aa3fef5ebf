package fr.chariot.accounts.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.Role;

/**
 * Creates the first account, {@code admin}, when there is none, so that a fresh server can be administered without
 * a guessable default password (architecture.md 8).
 *
 * <p>The password is the environment variable {@value #ENVIRONMENT_VARIABLE} when the operator sets one, else 20
 * random characters written once to {@value #PASSWORD_FILE} in the data folder, readable by the server's user only.
 * The file is never overwritten: if it is there while the database has no user, it holds a password no account has,
 * and the operator must decide (remove it, or set the variable).
 */
final class AdminBootstrap {

    static final String USERNAME = "admin";
    static final String ENVIRONMENT_VARIABLE = "CHARIOT_ADMIN_PASSWORD";
    static final String PASSWORD_FILE = "admin-password.txt";
    static final int GENERATED_LENGTH = 20;
    /** Letters and digits without the look-alikes 0/O, 1/l/I, so the password can be typed from a printout. */
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int ADVISED_MINIMUM_LENGTH = 12;

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final UnaryOperator<String> environment;
    private final Optional<Path> dataFolder;
    private final SecureRandom random;

    /**
     * @param environment reads an environment variable ({@code System::getenv} in production); null when unset
     * @param dataFolder  the framework property {@code chariot.data}, when set
     */
    AdminBootstrap(AccountStore store, PasswordHasher hasher, UnaryOperator<String> environment,
            Optional<Path> dataFolder, SecureRandom random) {
        this.store = store;
        this.hasher = hasher;
        this.environment = environment;
        this.dataFolder = dataFolder;
        this.random = random;
    }

    /**
     * Creates {@code admin} (department admin, must change its password) if no user exists.
     *
     * @return whether it was created
     * @throws IllegalStateException when a password file is needed but cannot be written, or is already there
     */
    boolean ensureAdmin(Instant now) {
        if (store.hasUsers()) {
            return false;
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            createWithEnvironmentPassword(fromEnvironment.toCharArray(), now);
        } else {
            createWithGeneratedPassword(now);
        }
        return true;
    }

    private void createWithEnvironmentPassword(char[] password, Instant now) {
        if (password.length < ADVISED_MINIMUM_LENGTH) {
            LOG.warn("{} is shorter than {} characters: the first admin's password is easy to guess until it is "
                    + "changed", ENVIRONMENT_VARIABLE, ADVISED_MINIMUM_LENGTH);
        }
        try {
            store.create(admin(password), now, () -> { });
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: nothing is written", e);
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.info("Created the first account '{}' with the password from the environment variable {}; it must be "
                + "changed at the first login", USERNAME, ENVIRONMENT_VARIABLE);
    }

    private void createWithGeneratedPassword(Instant now) {
        Path file = dataFolder.orElseThrow(() -> new IllegalStateException("The framework property chariot.data is "
                + "not set, so the first admin's password cannot be written; set it, or set "
                + ENVIRONMENT_VARIABLE + " before the first start")).resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists but the accounts database has no user: it holds a "
                    + "password no account has. Delete the file (or set " + ENVIRONMENT_VARIABLE
                    + ") and restart fr.chariot.accounts to create the first admin");
        }
        char[] password = generatePassword();
        try {
            // The file is written inside the creating transaction: a failed write creates no account whose
            // password nobody knows, and a failed insert removes the file below.
            store.create(admin(password), now, () -> writePrivately(file, password));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the first admin's password to " + file + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.info("Created the first account '{}'; its password is in {} (readable by the server's user only). "
                + "It must be changed at the first login; then delete the file", USERNAME, file);
    }

    private AccountStore.NewUser admin(char[] password) {
        return new AccountStore.NewUser(USERNAME, hasher.hash(password), Role.DEPARTMENT_ADMIN, true, Set.of());
    }

    private char[] generatePassword() {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }

    /** Created with rw------- from the start (never a moment readable by others), and never over an existing file. */
    private static void writePrivately(Path file, char[] password) throws IOException {
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            out.write(password);
            out.write('\n');
        } catch (IOException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove {} after a failed creation of the first admin: {}", file, e.getMessage());
        }
    }
}
