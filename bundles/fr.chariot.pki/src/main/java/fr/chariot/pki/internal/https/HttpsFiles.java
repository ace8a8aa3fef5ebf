package fr.chariot.pki.internal.https;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.pki.internal.Certificates;
import fr.chariot.pki.internal.Crypto;
import fr.chariot.pki.internal.KeyMaterialException;
import fr.chariot.pki.internal.PkiKeys;
import fr.chariot.pki.internal.ServerNames;

/**
 * The PKCS#12 files Jetty serves HTTPS with, in {@code <chariot.data>/pki/https/}: the generated server keystore,
 * the truststore holding the device CA (so that Jetty asks devices for their identity certificate), and the random
 * password of each in a file next to it. Every file is created {@code rw-------}, the folder {@code rwx------}.
 *
 * <p>The generated server certificate is disposable, unlike the CA: devices trust the CA that issued it, not the
 * certificate itself. So it is issued again, the old files kept as {@code .bak}, whenever it no longer fits: its
 * names changed, it expires within {@link #RENEW_BEFORE}, another CA issued it, or its files are damaged.
 */
public final class HttpsFiles {

    public static final String FOLDER = "https";
    public static final String KEYSTORE = "server.p12";
    public static final String KEYSTORE_PASSWORD = "server.p12.password";
    public static final String TRUSTSTORE = "truststore.p12";
    public static final String TRUSTSTORE_PASSWORD = "truststore.p12.password";
    public static final String BACKUP_SUFFIX = ".bak";
    public static final String TYPE = "PKCS12";
    static final String SERVER_ALIAS = "chariot-https";
    static final String CA_ALIAS = "chariot-device-ca";
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final int PASSWORD_BYTES = 24;
    private static final Logger LOG = LoggerFactory.getLogger(HttpsFiles.class);

    /** A PKCS#12 file and the password that opens it (and its private key, if any). */
    public record Store(Path file, String password) {
        @Override
        public String toString() {
            return file.toString();
        }
    }

    private HttpsFiles() {
    }

    /**
     * The generated server keystore for these names: the existing one if it still fits, else a new RSA 2048 key and
     * certificate issued by the device CA (the old files renamed {@code .bak}).
     */
    public static Store serverKeystore(Path folder, ServerNames names, PkiKeys ca, Clock clock, SecureRandom random)
            throws KeyMaterialException {
        createFolder(folder);
        Path file = folder.resolve(KEYSTORE);
        Path passwordFile = folder.resolve(KEYSTORE_PASSWORD);
        Optional<String> reason = reasonToIssueAgain(file, passwordFile, names, ca.caCertificate(), clock.instant());
        if (reason.isEmpty()) {
            return new Store(file, readPassword(passwordFile));
        }
        backUp(file);
        backUp(passwordFile);

        KeyPair keys = Certificates.newRsaKeyPair(random);
        X509Certificate certificate = Certificates.newHttpsServer(keys, names, ca.caCertificate(), ca.caKey(),
                clock.instant(), random);
        String password = newPassword(random);
        byte[] keystore = pkcs12(password, store -> store.setKeyEntry(SERVER_ALIAS, keys.getPrivate(),
                password.toCharArray(), new Certificate[] { certificate, ca.caCertificate() }));
        writeOwnerOnly(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
        writeOwnerOnly(file, keystore);
        LOG.info("Issued the HTTPS certificate for {} (valid until {}, SHA-256 {}) into {} because {}", names,
                certificate.getNotAfter().toInstant(), Crypto.fingerprint(certificate), file, reason.get());
        return new Store(file, password);
    }

    /** The truststore holding the device CA alone; written again if it holds anything else or cannot be read. */
    public static Store truststore(Path folder, X509Certificate ca, SecureRandom random) throws KeyMaterialException {
        createFolder(folder);
        Path file = folder.resolve(TRUSTSTORE);
        Path passwordFile = folder.resolve(TRUSTSTORE_PASSWORD);
        if (holdsOnly(file, passwordFile, ca)) {
            return new Store(file, readPassword(passwordFile));
        }
        // Only a public certificate lives here: nothing to keep.
        delete(file);
        delete(passwordFile);
        String password = newPassword(random);
        byte[] truststore = pkcs12(password, store -> store.setCertificateEntry(CA_ALIAS, ca));
        writeOwnerOnly(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
        writeOwnerOnly(file, truststore);
        LOG.info("Wrote the HTTPS truststore {} with the device CA (SHA-256 {})", file, Crypto.fingerprint(ca));
        return new Store(file, password);
    }

    /**
     * Checks a keystore the operator configured: a readable PKCS#12 file the password opens, with a private key and
     * its certificate. It is used as it is, never written.
     */
    public static Store configuredKeystore(Path file, String password) throws KeyMaterialException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new KeyMaterialException("The HTTPS keystore " + file + " does not exist or cannot be read.");
        }
        KeyStore store;
        try {
            store = load(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException("The HTTPS keystore " + file + " cannot be opened as PKCS#12 with the "
                    + "configured password: " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password.toCharArray()) instanceof PrivateKey
                        && store.getCertificate(alias) instanceof X509Certificate) {
                    return new Store(file, password);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("The private key in the HTTPS keystore " + file + " cannot be opened "
                    + "with the keystore's password: " + e.getMessage(), e);
        }
        throw new KeyMaterialException("The HTTPS keystore " + file + " holds no private key with its certificate.");
    }

    /** Why the server keystore must be issued again, or nothing if it still fits. */
    private static Optional<String> reasonToIssueAgain(Path file, Path passwordFile, ServerNames names,
            X509Certificate ca, Instant now) {
        boolean keystorePresent = Files.exists(file);
        boolean passwordPresent = Files.exists(passwordFile);
        if (!keystorePresent && !passwordPresent) {
            return Optional.of("there was none");
        }
        if (!keystorePresent || !passwordPresent) {
            return Optional.of((keystorePresent ? passwordFile : file) + " was missing");
        }
        X509Certificate certificate;
        try {
            String password = readPassword(passwordFile);
            KeyStore store = load(file, password);
            Key key = store.getKey(SERVER_ALIAS, password.toCharArray());
            if (!(key instanceof PrivateKey) || !(store.getCertificate(SERVER_ALIAS) instanceof X509Certificate x509)) {
                return Optional.of("it held no key under the alias " + SERVER_ALIAS);
            }
            certificate = x509;
        } catch (IOException | GeneralSecurityException | KeyMaterialException e) {
            return Optional.of("it could not be read (" + e.getMessage() + ")");
        }
        try {
            certificate.verify(ca.getPublicKey(), Crypto.BC);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("the device CA did not issue it");
        }
        ServerNames issuedFor;
        try {
            issuedFor = ServerNames.of(certificate);
        } catch (GeneralSecurityException e) {
            return Optional.of("its names could not be read");
        }
        if (!issuedFor.equals(names)) {
            return Optional.of("it named " + issuedFor + " instead of " + names);
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.minus(RENEW_BEFORE).isBefore(now)) {
            return Optional.of("it expires on " + notAfter);
        }
        return Optional.empty();
    }

    private static boolean holdsOnly(Path file, Path passwordFile, X509Certificate ca) {
        if (!Files.exists(file) || !Files.exists(passwordFile)) {
            return false;
        }
        try {
            KeyStore store = load(file, readPassword(passwordFile));
            List<String> aliases = Collections.list(store.aliases());
            return aliases.size() == 1 && store.isCertificateEntry(aliases.get(0))
                    && ca.equals(store.getCertificate(aliases.get(0)));
        } catch (IOException | GeneralSecurityException | KeyMaterialException e) {
            return false;
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private interface Filling {
        void fill(KeyStore store) throws GeneralSecurityException;
    }

    private static byte[] pkcs12(String password, Filling filling) {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            filling.fill(store);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("a PKCS#12 file cannot be built: " + e.getMessage(), e);
        }
    }

    private static String newPassword(SecureRandom random) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readPassword(Path file) throws KeyMaterialException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new KeyMaterialException("The password file " + file + " cannot be read: " + e, e);
        }
    }

    private static void createFolder(Path folder) throws KeyMaterialException {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new KeyMaterialException("The HTTPS folder " + folder + " cannot be created: " + e, e);
        }
    }

    /** Created with rw------- from the start: never readable by others, not even briefly. */
    private static void writeOwnerOnly(Path file, byte[] content) throws KeyMaterialException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KeyMaterialException(file + " appeared while Chariot was creating it; it was left alone.", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new KeyMaterialException(file + " cannot be written: " + e, e);
        }
    }

    private static void backUp(Path file) throws KeyMaterialException {
        if (Files.exists(file)) {
            Path backup = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
            try {
                Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new KeyMaterialException(file + " cannot be renamed to " + backup + ": " + e, e);
            }
        }
    }

    private static void delete(Path file) throws KeyMaterialException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new KeyMaterialException(file + " cannot be replaced: " + e, e);
        }
    }
}
