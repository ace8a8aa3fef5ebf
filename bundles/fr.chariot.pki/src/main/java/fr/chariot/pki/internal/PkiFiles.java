package fr.chariot.pki.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PEM files of the bundle's key material in {@code <chariot.data>/pki/}: created on the first start, loaded on
 * every later one, never written over.
 *
 * <p>Each pair (certificate + key) is all or nothing: both files present are loaded, both absent are generated,
 * one without the other is refused, because regenerating it would silently replace an identity that devices or
 * profiles already depend on. The same holds for a profile-signing pair without the CA that issued it.
 */
public final class PkiFiles {

    public static final String CA_CERTIFICATE = "ca-certificate.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String SIGNING_CERTIFICATE = "profile-signing-certificate.pem";
    public static final String SIGNING_KEY = "profile-signing-key.pem";

    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = LoggerFactory.getLogger(PkiFiles.class);

    private PkiFiles() {
    }

    /**
     * Loads the key material from a folder, generating what is missing on a first start.
     *
     * @throws KeyMaterialException when a file is unreadable or corrupt, a pair is incomplete, or a certificate and
     *                              its key do not belong together; nothing is written then
     */
    public static PkiKeys loadOrCreate(Path folder, Clock clock, SecureRandom random) throws KeyMaterialException {
        Path caCertificateFile = folder.resolve(CA_CERTIFICATE);
        Path caKeyFile = folder.resolve(CA_KEY);
        Path signingCertificateFile = folder.resolve(SIGNING_CERTIFICATE);
        Path signingKeyFile = folder.resolve(SIGNING_KEY);
        boolean caPresent = bothOrNeither(caCertificateFile, caKeyFile);
        boolean signingPresent = bothOrNeither(signingCertificateFile, signingKeyFile);
        if (!caPresent && signingPresent) {
            throw new KeyMaterialException("The profile-signing files " + signingCertificateFile + " and "
                    + signingKeyFile + " exist but the CA that issued them (" + caCertificateFile + ", " + caKeyFile
                    + ") is missing. Restore the CA files from a backup; a new CA would not match them.");
        }
        createFolder(folder);

        X509Certificate ca;
        PrivateKey caKey;
        if (caPresent) {
            ca = readCertificate(caCertificateFile);
            caKey = readPrivateKey(caKeyFile);
            checkPair(caCertificateFile, ca, caKeyFile, caKey);
            try {
                ca.verify(ca.getPublicKey(), Crypto.BC);
            } catch (Exception e) {
                throw new KeyMaterialException(caCertificateFile + " is not a self-signed CA certificate: " + e, e);
            }
        } else {
            KeyPair keys = Certificates.newRsaKeyPair(random);
            ca = Certificates.newCa(keys, clock.instant(), random);
            caKey = keys.getPrivate();
            writePrivateKey(caKeyFile, caKey);
            writeCertificate(caCertificateFile, ca);
            LOG.info("Created the device-identity CA {} (SHA-256 {}) in {}", ca.getSubjectX500Principal(),
                    Crypto.fingerprint(ca), folder);
        }

        X509Certificate signing;
        PrivateKey signingKey;
        if (signingPresent) {
            signing = readCertificate(signingCertificateFile);
            signingKey = readPrivateKey(signingKeyFile);
            checkPair(signingCertificateFile, signing, signingKeyFile, signingKey);
            try {
                signing.verify(ca.getPublicKey(), Crypto.BC);
            } catch (Exception e) {
                throw new KeyMaterialException(signingCertificateFile + " was not issued by the CA in "
                        + caCertificateFile + ": " + e, e);
            }
        } else {
            KeyPair keys = Certificates.newRsaKeyPair(random);
            signing = Certificates.newProfileSigning(keys, ca, caKey, clock.instant(), random);
            signingKey = keys.getPrivate();
            writePrivateKey(signingKeyFile, signingKey);
            writeCertificate(signingCertificateFile, signing);
            LOG.info("Created the profile-signing certificate {} (SHA-256 {}) in {}",
                    signing.getSubjectX500Principal(), Crypto.fingerprint(signing), folder);
        }
        return new PkiKeys(ca, caKey, signing, signingKey);
    }

    private static boolean bothOrNeither(Path certificate, Path key) throws KeyMaterialException {
        boolean certificatePresent = Files.exists(certificate);
        boolean keyPresent = Files.exists(key);
        if (certificatePresent != keyPresent) {
            Path present = certificatePresent ? certificate : key;
            Path missing = certificatePresent ? key : certificate;
            throw new KeyMaterialException(present + " exists but " + missing + " is missing. Restore it from a "
                    + "backup; Chariot does not regenerate half of a pair.");
        }
        return certificatePresent;
    }

    private static void createFolder(Path folder) throws KeyMaterialException {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new KeyMaterialException("The key folder " + folder + " cannot be created: " + e, e);
        }
    }

    private static X509Certificate readCertificate(Path file) throws KeyMaterialException {
        Object object = readPem(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new KeyMaterialException(file + " does not hold a PEM certificate (found "
                    + describe(object) + ").");
        }
        try {
            return Crypto.toX509(holder);
        } catch (Exception e) {
            throw new KeyMaterialException(file + " holds a certificate that cannot be read: " + e, e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws KeyMaterialException {
        Object object = readPem(file);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new KeyMaterialException(file + " does not hold a PKCS#8 private key ('BEGIN PRIVATE KEY', found "
                    + describe(object) + ").");
        }
        try {
            return new JcaPEMKeyConverter().setProvider(Crypto.BC).getPrivateKey(info);
        } catch (Exception e) {
            throw new KeyMaterialException(file + " holds a private key that cannot be read: " + e, e);
        }
    }

    private static Object readPem(Path file) throws KeyMaterialException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports damaged base64 or DER with runtime exceptions as well as IOExceptions.
            throw new KeyMaterialException(file + " cannot be read as PEM: " + e, e);
        }
    }

    private static String describe(Object pemObject) {
        return pemObject == null ? "nothing" : pemObject.getClass().getSimpleName();
    }

    private static void checkPair(Path certificateFile, X509Certificate certificate, Path keyFile, PrivateKey key)
            throws KeyMaterialException {
        if (!Crypto.isPair(key, certificate.getPublicKey())) {
            throw new KeyMaterialException("The private key in " + keyFile + " does not belong to the certificate in "
                    + certificateFile + ".");
        }
    }

    /** The key file is created with rw------- from the start: it is never readable by others, not even briefly. */
    private static void writePrivateKey(Path file, PrivateKey key) throws KeyMaterialException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
        try {
            String pem = pem(new JcaPKCS8Generator(key, null).generate());
            Files.createFile(file, ownerOnly);
            Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KeyMaterialException(file + " appeared while Chariot was creating it; it was left alone.", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new KeyMaterialException("The private key " + file + " cannot be written: " + e, e);
        }
    }

    private static void writeCertificate(Path file, X509Certificate certificate) throws KeyMaterialException {
        try {
            Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new KeyMaterialException("The certificate " + file + " cannot be written: " + e, e);
        }
    }

    /** PEM text of a certificate, a PKCS#8 key or any object {@link JcaPEMWriter} knows. */
    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
