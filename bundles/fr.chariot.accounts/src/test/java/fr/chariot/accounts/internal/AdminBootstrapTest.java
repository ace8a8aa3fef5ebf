package fr.chariot.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class AdminBootstrapTest {

    private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");

    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1, new SecureRandom());
    @TempDir
    Path folder;
    private Path dataFolder;
    private Path passwordFile;
    private TestDerby database;
    private AccountStore store;

    @BeforeEach
    void openDatabase() throws Exception {
        database = new TestDerby(folder, "acct");
        store = new AccountStore(database.dataSource);
        dataFolder = folder.resolve("data");
        passwordFile = dataFolder.resolve(AdminBootstrap.PASSWORD_FILE);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void withTheEnvironmentVariableTheAdminGetsThatPasswordAndNoFileIsWritten() {
        AdminBootstrap bootstrap = bootstrap(Map.of("CHARIOT_ADMIN_PASSWORD", "Set-by-the-operator-42"));

        assertTrue(bootstrap.ensureAdmin(NOW));

        Principal admin = login("admin", "Set-by-the-operator-42").orElseThrow();
        assertEquals(Role.DEPARTMENT_ADMIN, admin.role());
        assertTrue(store.find("admin").orElseThrow().mustChangePassword());
        assertFalse(Files.exists(passwordFile));
    }

    @Test
    void withoutItARandomPasswordIsWrittenOnceToAPrivateFile() throws Exception {
        assertTrue(bootstrap(Map.of()).ensureAdmin(NOW));

        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        assertTrue(password.matches("[a-zA-Z2-9]{20}"), password);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(passwordFile));
        assertEquals(Role.DEPARTMENT_ADMIN, login("admin", password).orElseThrow().role());
        assertTrue(store.find("admin").orElseThrow().mustChangePassword());
    }

    @Test
    void aBlankEnvironmentVariableCountsAsUnset() throws Exception {
        assertTrue(bootstrap(Map.of("CHARIOT_ADMIN_PASSWORD", "  ")).ensureAdmin(NOW));

        assertTrue(Files.exists(passwordFile));
        assertTrue(login("admin", "  ").isEmpty());
    }

    @Test
    void nothingHappensOnceAUserExists() throws Exception {
        bootstrap(Map.of()).ensureAdmin(NOW);
        String first = Files.readString(passwordFile);

        assertFalse(bootstrap(Map.of()).ensureAdmin(NOW));
        assertFalse(bootstrap(Map.of("CHARIOT_ADMIN_PASSWORD", "Another-password-1")).ensureAdmin(NOW));

        assertEquals(first, Files.readString(passwordFile));
        assertTrue(login("admin", "Another-password-1").isEmpty());
    }

    @Test
    void anExistingPasswordFileIsNeverOverwrittenAndNoUserIsCreated() throws Exception {
        Files.createDirectories(dataFolder);
        Files.writeString(passwordFile, "left over\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bootstrap(Map.of()).ensureAdmin(NOW));

        assertTrue(e.getMessage().contains(passwordFile.toString()), e.getMessage());
        assertEquals("left over\n", Files.readString(passwordFile));
        assertFalse(store.hasUsers());
    }

    @Test
    void withoutADataFolderNorTheVariableNoUserIsCreated() {
        AdminBootstrap bootstrap = new AdminBootstrap(store, hasher, name -> null, Optional.empty(),
                new SecureRandom());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bootstrap.ensureAdmin(NOW));

        assertTrue(e.getMessage().contains("chariot.data"), e.getMessage());
        assertFalse(store.hasUsers());
    }

    private AdminBootstrap bootstrap(Map<String, String> environment) {
        return new AdminBootstrap(store, hasher, environment::get, Optional.of(dataFolder), new SecureRandom());
    }

    private Optional<Principal> login(String username, String password) {
        AccountsService accounts = new AccountsService(store, hasher, new MutableClock(NOW), Duration.ofHours(1),
                new SecureRandom());
        return accounts.checkPassword(username, password.toCharArray());
    }
}
