package fr.chariot.pki.internal.scep;

import static fr.chariot.pki.internal.scep.ScepTestSupport.csr;
import static fr.chariot.pki.internal.scep.ScepTestSupport.decode;
import static fr.chariot.pki.internal.scep.ScepTestSupport.pkcsReq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jscep.message.CertRep;
import org.jscep.transaction.FailInfo;
import org.jscep.transaction.Nonce;
import org.jscep.transaction.PkiStatus;
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

class ScepServerTest {

    private static final KeyPair DEVICE = TestPki.rsa();
    private static final X509Certificate TRANSIENT = TestPki.selfSigned(DEVICE, ScepTestSupport.DEVICE_SUBJECT,
            "SHA256withRSA");

    @TempDir
    Path folder;
    private Derby derby;
    private PkiDatabase database;
    private DeviceCa ca;
    private ScepServer server;

    @BeforeEach
    void start() throws Exception {
        derby = new Derby(folder);
        database = new PkiDatabase(derby.dataSource, Clock.systemUTC(), TestPki.RANDOM);
        ca = new DeviceCa(TestPki.keys(), Clock.systemUTC(), TestPki.RANDOM);
        server = new ScepServer(ca, database, Clock.systemUTC(), TestPki.RANDOM);
    }

    @AfterEach
    void stop() {
        derby.close();
    }

    private long issuedCount() throws Exception {
        return derby.count("SELECT COUNT(*) FROM pki_issued");
    }

    private CertRep enroll(PKCS10CertificationRequest csr) throws Exception {
        byte[] reply = server.pkiOperation(pkcsReq(DEVICE.getPrivate(), TRANSIENT, csr, "AES", "SHA256withRSA",
                Nonce.nextNonce()));
        return decode(reply, TRANSIENT, DEVICE.getPrivate());
    }

    @Test
    void aPkcsReqWithAFreshChallengeGetsItsCertificateInAReplyStrictClientsAccept() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        Nonce nonce = Nonce.nextNonce();
        byte[] request = pkcsReq(DEVICE.getPrivate(), TRANSIENT, csr(DEVICE, challenge), "AES", "SHA256withRSA",
                nonce);

        byte[] reply = server.pkiOperation(request);

        CertRep certRep = decode(reply, TRANSIENT, DEVICE.getPrivate());
        assertEquals(PkiStatus.SUCCESS, certRep.getPkiStatus());
        assertEquals(nonce, certRep.getRecipientNonce());
        assertEquals(new CMSSignedData(request).getSignerInfos().getSigners().iterator().next()
                .getSignedAttributes().get(ScepServer.TRANSACTION_ID).getAttrValues().getObjectAt(0).toString(),
                new CMSSignedData(reply).getSignerInfos().getSigners().iterator().next().getSignedAttributes()
                        .get(ScepServer.TRANSACTION_ID).getAttrValues().getObjectAt(0).toString());
        SignerInformation signer = new CMSSignedData(reply).getSignerInfos().getSigners().iterator().next();
        assertEquals(PKCSObjectIdentifiers.rsaEncryption.getId(), signer.getEncryptionAlgOID());
        assertEquals(NISTObjectIdentifiers.id_sha256, signer.getDigestAlgorithmID().getAlgorithm());
        assertEquals("3", signer.getSignedAttributes().get(ScepServer.MESSAGE_TYPE).getAttrValues().getObjectAt(0)
                .toString());

        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificates = certRep.getMessageData().getCertificates().getMatches(null);
        assertEquals(1, certificates.size(), "the issued certificate only");
        X509Certificate issued = Crypto.toX509(certificates.iterator().next());
        assertEquals(DEVICE.getPublic(), issued.getPublicKey());
        assertEquals(ScepTestSupport.DEVICE_SUBJECT, X500Name.getInstance(issued.getSubjectX500Principal().getEncoded()));
        ca.validate(issued);
        IssuedIdentity identity = database.find(Crypto.fingerprint(issued)).orElseThrow();
        assertEquals("0310001A", identity.rne());
        assertEquals(issued.getSerialNumber().toString(16), identity.serialNumber());
    }

    @Test
    void aChallengeServesOnce() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        assertEquals(PkiStatus.SUCCESS, enroll(csr(DEVICE, challenge)).getPkiStatus());

        CertRep second = enroll(csr(DEVICE, challenge));

        assertEquals(PkiStatus.FAILURE, second.getPkiStatus());
        assertEquals(FailInfo.badRequest, second.getFailInfo());
        assertEquals(1, issuedCount());
    }

    @Test
    void anUnknownOrMissingChallengeIsABadRequest() throws Exception {
        assertEquals(FailInfo.badRequest, enroll(csr(DEVICE, "0123456789abcdef")).getFailInfo());
        assertEquals(FailInfo.badRequest, enroll(csr(DEVICE, null)).getFailInfo());
        assertEquals(0, issuedCount());
    }

    @Test
    void aSignatureByAnotherKeyIsABadMessageCheck() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        KeyPair intruder = TestPki.rsa();
        byte[] request = pkcsReq(intruder.getPrivate(), TRANSIENT, csr(DEVICE, challenge), "AES", "SHA256withRSA",
                Nonce.nextNonce());

        CertRep reply = decode(server.pkiOperation(request), TRANSIENT, DEVICE.getPrivate());

        assertEquals(FailInfo.badMessageCheck, reply.getFailInfo());
        assertEquals(0, issuedCount());
        assertEquals(PkiStatus.SUCCESS, enroll(csr(DEVICE, challenge)).getPkiStatus(), "challenge left unused");
    }

    @Test
    void aCsrWhoseSignatureFailsIsABadMessageCheckAndSpendsNoChallenge() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        KeyPair other = TestPki.rsa();
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(ScepTestSupport.DEVICE_SUBJECT,
                DEVICE.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                        new org.bouncycastle.asn1.DERPrintableString(challenge))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(other.getPrivate()));

        assertEquals(FailInfo.badMessageCheck, enroll(forged).getFailInfo());
        assertEquals(PkiStatus.SUCCESS, enroll(csr(DEVICE, challenge)).getPkiStatus());
    }

    @Test
    void singleDesIsABadAlgorithm() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        byte[] request = pkcsReq(DEVICE.getPrivate(), TRANSIENT, csr(DEVICE, challenge), "DES", "SHA256withRSA",
                Nonce.nextNonce());

        assertEquals(FailInfo.badAlg, decode(server.pkiOperation(request), TRANSIENT, DEVICE.getPrivate())
                .getFailInfo());
        assertEquals(0, issuedCount());
    }

    @Test
    void sha1AndTripleDesClientsAreAnsweredInKind() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        byte[] request = pkcsReq(DEVICE.getPrivate(), TRANSIENT, csr(DEVICE, challenge), "DESede", "SHA1withRSA",
                Nonce.nextNonce());

        byte[] reply = server.pkiOperation(request);

        assertEquals(PkiStatus.SUCCESS, decode(reply, TRANSIENT, DEVICE.getPrivate()).getPkiStatus());
        SignerInformation signer = new CMSSignedData(reply).getSignerInfos().getSigners().iterator().next();
        assertEquals(OIWObjectIdentifiers.idSHA1, signer.getDigestAlgorithmID().getAlgorithm());
        assertEquals(PKCSObjectIdentifiers.rsaEncryption.getId(), signer.getEncryptionAlgOID());
    }

    @Test
    void aWeakKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        X509Certificate weakTransient = TestPki.selfSigned(weak, ScepTestSupport.DEVICE_SUBJECT, "SHA256withRSA");
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        byte[] request = pkcsReq(weak.getPrivate(), weakTransient, csr(weak, challenge), "AES", "SHA256withRSA",
                Nonce.nextNonce());

        assertEquals(FailInfo.badRequest, decode(server.pkiOperation(request), weakTransient, weak.getPrivate())
                .getFailInfo());
    }

    @Test
    void aRequestSignedByAnotherCasCertificateIsRefused() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        X509Certificate foreign = TestPki.deviceIdentity(TestPki.otherKeys(), DEVICE, TestPki.NOW);
        byte[] request = pkcsReq(DEVICE.getPrivate(), foreign, csr(DEVICE, challenge), "AES", "SHA256withRSA",
                Nonce.nextNonce());

        assertEquals(FailInfo.badMessageCheck, decode(server.pkiOperation(request), foreign, DEVICE.getPrivate())
                .getFailInfo());
        assertEquals(0, issuedCount());
    }

    @Test
    void aRenewalSignedWithAnIssuedIdentityNeedsNoChallenge() throws Exception {
        CertRep first = enroll(csr(DEVICE, database.issue("0310001A", Duration.ofHours(1))));
        @SuppressWarnings("unchecked")
        X509Certificate identity = Crypto.toX509(((Collection<X509CertificateHolder>) first.getMessageData()
                .getCertificates().getMatches(null)).iterator().next());
        KeyPair next = TestPki.rsa();
        byte[] request = pkcsReq(DEVICE.getPrivate(), identity, csr(next, null), "AES", "SHA256withRSA",
                Nonce.nextNonce());

        CertRep reply = decode(server.pkiOperation(request), identity, DEVICE.getPrivate());

        assertEquals(PkiStatus.SUCCESS, reply.getPkiStatus());
        @SuppressWarnings("unchecked")
        X509Certificate renewed = Crypto.toX509(((Collection<X509CertificateHolder>) reply.getMessageData()
                .getCertificates().getMatches(null)).iterator().next());
        assertEquals(next.getPublic(), renewed.getPublicKey());
        IssuedIdentity recorded = database.find(Crypto.fingerprint(renewed)).orElseThrow();
        assertEquals(java.util.Optional.of(Crypto.fingerprint(identity)), recorded.renewedFrom());
        assertEquals("0310001A", recorded.rne());
    }

    @Test
    void messagesThatCannotBeAnsweredAreMalformed() throws Exception {
        for (byte[] garbage : List.of(new byte[0], new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 },
                "hello".getBytes(), new byte[] { 0x30, (byte) 0x80 })) {
            assertThrows(MalformedScepMessageException.class, () -> server.pkiOperation(garbage));
        }
        // A perfectly good SignedData without SCEP attributes: a profile, for instance.
        byte[] profile = new fr.chariot.pki.internal.CmsProfileSigner(TestPki.keys()).sign("x".getBytes());
        MalformedScepMessageException e = assertThrows(MalformedScepMessageException.class,
                () -> server.pkiOperation(profile));
        assertTrue(e.getMessage().contains("transactionID"), e.getMessage());
    }

    @Test
    void capabilitiesAndCaCertificate() throws Exception {
        assertEquals("POSTPKIOperation\nRenewal\nSHA-256\nSHA-1\nAES\nDES3\nSCEPStandard\n", server.capabilities());
        assertArrayEquals(TestPki.keys().caCertificate().getEncoded(), server.caCertificate());
    }
}
