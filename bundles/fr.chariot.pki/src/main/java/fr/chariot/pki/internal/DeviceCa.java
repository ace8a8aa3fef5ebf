package fr.chariot.pki.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.pki.api.DeviceIdentityAuthority;
import fr.chariot.pki.api.IdentityException;

/**
 * Chariot's device-identity CA: loads (or, on the first start, creates) the key material in
 * {@code <chariot.data>/pki/}, issues device identities for the SCEP server and validates them afterwards.
 *
 * <p>It is also registered under its own class, for this bundle's SCEP server and profile signer, which need the
 * private keys; the class lives in an internal package, so no other bundle can see that service.
 */
@Component(service = { DeviceIdentityAuthority.class, DeviceCa.class })
public class DeviceCa implements DeviceIdentityAuthority {

    /** Framework property naming the absolute data folder. */
    public static final String DATA_PROPERTY = "chariot.data";
    /** Sub-folder of the data folder holding the key material. */
    public static final String KEY_FOLDER = "pki";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceCa.class);

    private final PkiKeys keys;
    private final Clock clock;
    private final SecureRandom random;
    /** The CA's public key as the JDK parses it, once: checking each device request's issuer must stay cheap. */
    private final PublicKey verificationKey;

    @Activate
    public DeviceCa(BundleContext context) throws KeyMaterialException {
        this(load(context), Clock.systemUTC(), new SecureRandom());
    }

    public DeviceCa(PkiKeys keys, Clock clock, SecureRandom random) {
        this.keys = keys;
        this.clock = clock;
        this.random = random;
        this.verificationKey = jdkPublicKey(keys.caCertificate());
    }

    private static PublicKey jdkPublicKey(X509Certificate certificate) {
        try {
            return Crypto.jdkPublicKey(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the CA's own RSA key always imports", e);
        }
    }

    private static PkiKeys load(BundleContext context) throws KeyMaterialException {
        try {
            return PkiFiles.loadOrCreate(keyFolder(context), Clock.systemUTC(), new SecureRandom());
        } catch (KeyMaterialException e) {
            // SCR reports activation failures in its own log only; say it where operators look.
            LOG.error("Chariot's PKI cannot start: {}", e.getMessage());
            throw e;
        }
    }

    /** {@code <chariot.data>/pki}, from the framework property. */
    public static Path keyFolder(BundleContext context) throws KeyMaterialException {
        String data = context.getProperty(DATA_PROPERTY);
        if (data == null || data.isBlank()) {
            throw new KeyMaterialException("The framework property " + DATA_PROPERTY + " is not set: Chariot "
                    + "does not know where to keep its keys.");
        }
        Path dataFolder = Path.of(data);
        if (!dataFolder.isAbsolute()) {
            throw new KeyMaterialException("The framework property " + DATA_PROPERTY + " must be an absolute "
                    + "path, not '" + data + "'.");
        }
        return dataFolder.resolve(KEY_FOLDER);
    }

    public PkiKeys keys() {
        return keys;
    }

    @Override
    public X509Certificate certificate() {
        return keys.caCertificate();
    }

    @Override
    public void validate(X509Certificate deviceCertificate) throws IdentityException {
        if (deviceCertificate == null) {
            throw new IdentityException("no device certificate was presented");
        }
        Checked checked;
        try {
            checked = checkedIdentities.computeIfAbsent(ByteBuffer.wrap(deviceCertificate.getEncoded()),
                    der -> check(deviceCertificate));
        } catch (CertificateEncodingException e) {
            throw new IdentityException("the certificate cannot be encoded", e);
        }
        if (checkedIdentities.size() > MAX_CHECKED) {
            checkedIdentities.clear();
        }
        if (checked.problem() != null) {
            throw new IdentityException(checked.problem());
        }
        Instant now = clock.instant();
        if (now.isAfter(checked.notAfter())) {
            throw new IdentityException("the certificate " + describe(deviceCertificate) + " expired on "
                    + checked.notAfter());
        }
        if (now.isBefore(checked.notBefore())) {
            throw new IdentityException("the certificate " + describe(deviceCertificate) + " is not valid before "
                    + checked.notBefore());
        }
    }

    /**
     * What never changes about a certificate: who signed it and what it may be used for. Every device request
     * presents its identity again, and re-checking the CA's signature and re-reading extensions cost more than the
     * rest of an Idle request; the dates are checked at every request, against Chariot's clock.
     */
    private record Checked(String problem, Instant notBefore, Instant notAfter) {
    }

    /** A bound keeps memory flat whatever certificates are thrown at the server; past it, checks start afresh. */
    private static final int MAX_CHECKED = 200_000;
    private final Map<ByteBuffer, Checked> checkedIdentities = new ConcurrentHashMap<>();

    private Checked check(X509Certificate deviceCertificate) {
        Instant notBefore = deviceCertificate.getNotBefore().toInstant();
        Instant notAfter = deviceCertificate.getNotAfter().toInstant();
        if (!issuedByThisCa(deviceCertificate)) {
            return new Checked("the certificate " + describe(deviceCertificate)
                    + " was not issued by Chariot's device CA (issuer " + deviceCertificate.getIssuerX500Principal()
                    + ")", notBefore, notAfter);
        }
        if (deviceCertificate.getBasicConstraints() != -1) {
            return new Checked("the certificate " + describe(deviceCertificate) + " is a CA certificate", notBefore,
                    notAfter);
        }
        boolean[] keyUsage = deviceCertificate.getKeyUsage();
        if (keyUsage == null || !keyUsage[0]) {
            return new Checked("the certificate " + describe(deviceCertificate)
                    + " may not be used for digital signatures (key usage)", notBefore, notAfter);
        }
        // Device identities carry clientAuth; the profile signer, from the same CA, does not and is refused here.
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = deviceCertificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return new Checked("the certificate " + describe(deviceCertificate)
                    + " has an unreadable extended key usage", notBefore, notAfter);
        }
        if (extendedKeyUsage == null || !extendedKeyUsage.contains(KeyPurposeId.id_kp_clientAuth.getId())) {
            return new Checked("the certificate " + describe(deviceCertificate)
                    + " is not a device identity (extended key usage lacks clientAuth)", notBefore, notAfter);
        }
        return new Checked(null, notBefore, notAfter);
    }

    /** Whether this CA signed a certificate, whatever its dates and usages. */
    public boolean issuedByThisCa(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(keys.caCertificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            // The JDK verifies: BouncyCastle would re-test the CA's RSA modulus at every device request.
            return new X509CertificateHolder(certificate.getEncoded())
                    .isSignatureValid(new JcaContentVerifierProviderBuilder().build(verificationKey));
        } catch (GeneralSecurityException | IOException | OperatorCreationException | CertException
                | RuntimeException e) {
            return false;
        }
    }

    /** Issues a device identity for a verified CSR's subject and key. */
    public X509Certificate issueDeviceIdentity(X500Name subject, SubjectPublicKeyInfo publicKey) {
        return Certificates.newDeviceIdentity(subject, publicKey, keys.caCertificate(), keys.caKey(), clock.instant(),
                random);
    }

    private static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal() + "' (serial " + certificate.getSerialNumber().toString(16)
                + ")";
    }
}
