package fr.chariot.pki.internal.scep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import org.jscep.client.Client;
import org.jscep.client.ClientException;
import org.jscep.client.DefaultCallbackHandler;
import org.jscep.client.EnrollmentResponse;
import org.jscep.client.verification.MessageDigestCertificateVerifier;
import org.jscep.transaction.FailInfo;
import org.jscep.transport.TransportFactory;
import org.jscep.transport.UrlConnectionTransportFactory;
import org.jscep.transport.response.Capability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.pki.api.IssuedIdentity;
import fr.chariot.pki.internal.Crypto;
import fr.chariot.pki.internal.Derby;
import fr.chariot.pki.internal.DeviceCa;
import fr.chariot.pki.internal.TestPki;
import fr.chariot.pki.internal.store.PkiDatabase;

/** jscep 2.5.8, a SCEP client written by others, enrolls and renews against Chariot's SCEP logic over real HTTP. */
class JscepInteropTest {

    @TempDir
    Path folder;
    private Derby derby;
    private PkiDatabase database;
    private DeviceCa ca;
    private ScepHttpAdapter http;

    @BeforeEach
    void start() throws Exception {
        derby = new Derby(folder);
        database = new PkiDatabase(derby.dataSource, Clock.systemUTC(), TestPki.RANDOM);
        ca = new DeviceCa(TestPki.keys(), Clock.systemUTC(), TestPki.RANDOM);
        http = new ScepHttpAdapter(new ScepEndpoint(new ScepServer(ca, database, Clock.systemUTC(), TestPki.RANDOM)));
    }

    @AfterEach
    void stop() {
        http.close();
        derby.close();
    }

    /** A client that trusts the CA only by its SHA-256 fingerprint, as an iPad does with CAFingerprint. */
    private Client client(byte[] caFingerprint) throws Exception {
        MessageDigestCertificateVerifier verifier = new MessageDigestCertificateVerifier(
                MessageDigest.getInstance("SHA-256"), caFingerprint);
        return new Client(http.uri().toURL(), new DefaultCallbackHandler(verifier));
    }

    private Client client() throws Exception {
        return client(Crypto.sha256(ca.certificate().getEncoded()));
    }

    private static X509Certificate onlyCertificate(EnrollmentResponse response) throws Exception {
        CertStore store = response.getCertStore();
        Collection<? extends java.security.cert.Certificate> certificates = store.getCertificates(null);
        assertEquals(1, certificates.size());
        return (X509Certificate) certificates.iterator().next();
    }

    private X509Certificate enroll(Client client, KeyPair device, String challenge) throws Exception {
        X509Certificate transientCertificate = TestPki.selfSigned(device, ScepTestSupport.DEVICE_SUBJECT,
                "SHA256withRSA");
        EnrollmentResponse response = client.enrol(transientCertificate, device.getPrivate(),
                ScepTestSupport.csr(device, challenge));
        assertTrue(response.isSuccess(), () -> "enrollment failed: " + response.getFailInfo());
        return onlyCertificate(response);
    }

    @Test
    void jscepSeesTheCapabilitiesAndTheCa() throws Exception {
        Client client = client();

        var capabilities = client.getCaCapabilities();
        for (Capability expected : new Capability[] { Capability.POST_PKI_OPERATION, Capability.RENEWAL,
                Capability.SHA_256, Capability.SHA_1, Capability.AES, Capability.TRIPLE_DES,
                Capability.SCEP_STANDARD }) {
            assertTrue(capabilities.contains(expected), expected::toString);
        }
        assertEquals("SHA256withRSA", capabilities.getStrongestSignatureAlgorithm());
        assertEquals("AES", capabilities.getStrongestCipher());
        assertEquals(ca.certificate(), client.getCaCertificate().getCertificates(null).iterator().next());
    }

    @Test
    void jscepRefusesACaWhoseFingerprintIsNotTheOneItWasGiven() throws Exception {
        Client client = client(new byte[32]);

        assertThrows(ClientException.class, client::getCaCertificate);
    }

    @Test
    void jscepEnrollsWithAChallengeOnceAndRenewsWithTheIdentityItGot() throws Exception {
        Client client = client();
        KeyPair device = TestPki.rsa();
        String challenge = database.issue("0310001A", Duration.ofMinutes(30));

        X509Certificate identity = enroll(client, device, challenge);

        ca.validate(identity);
        IssuedIdentity recorded = database.find(Crypto.fingerprint(identity)).orElseThrow();
        assertEquals("0310001A", recorded.rne());
        assertEquals(Optional.empty(), recorded.renewedFrom());

        KeyPair thief = TestPki.rsa();
        EnrollmentResponse replay = client.enrol(TestPki.selfSigned(thief, ScepTestSupport.DEVICE_SUBJECT,
                "SHA256withRSA"), thief.getPrivate(), ScepTestSupport.csr(thief, challenge));
        assertTrue(replay.isFailure());
        assertEquals(FailInfo.badRequest, replay.getFailInfo());

        // Renewal: jscep signs with the identity it holds; the new key's CSR carries no challenge.
        KeyPair nextKey = TestPki.rsa();
        EnrollmentResponse renewal = client.enrol(identity, device.getPrivate(), ScepTestSupport.csr(nextKey, null));
        assertTrue(renewal.isSuccess(), () -> "renewal failed: " + renewal.getFailInfo());
        X509Certificate renewed = onlyCertificate(renewal);
        ca.validate(renewed);
        assertEquals(nextKey.getPublic(), renewed.getPublicKey());
        IssuedIdentity renewedRecord = database.find(Crypto.fingerprint(renewed)).orElseThrow();
        assertEquals(Optional.of(recorded.fingerprint()), renewedRecord.renewedFrom());
        assertEquals("0310001A", renewedRecord.rne());
    }

    @Test
    void jscepEnrollsThroughGetToo() throws Exception {
        Client client = client();
        TransportFactory getOnly = (method, url) -> new UrlConnectionTransportFactory()
                .forMethod(TransportFactory.Method.GET, url);
        client.setTransportFactory(getOnly);
        KeyPair device = TestPki.rsa();

        X509Certificate identity = enroll(client, device, database.issue("0310001A", Duration.ofMinutes(30)));

        assertEquals("0310001A", database.find(Crypto.fingerprint(identity)).orElseThrow().rne());
    }

    @Test
    void theEndpointAnswersClearly() throws Exception {
        URL base = http.uri().toURL();
        assertEquals(400, status(new URL(base + "?operation=GetNextCACert")));
        assertEquals(400, status(new URL(base + "?operation=PKIOperation&message=not-base64!")));
        assertEquals(400, status(new URL(base + "?operation=PKIOperation&message=AAAA")));
        assertEquals(400, status(new URL(base.toString())));
        java.net.HttpURLConnection post = (java.net.HttpURLConnection) new URL(base + "?operation=PKIOperation")
                .openConnection();
        post.setDoOutput(true);
        post.getOutputStream().write(new byte[ScepEndpoint.MAX_MESSAGE_BYTES + 1]);
        assertEquals(413, post.getResponseCode());
    }

    private static int status(URL url) throws Exception {
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection) url.openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
