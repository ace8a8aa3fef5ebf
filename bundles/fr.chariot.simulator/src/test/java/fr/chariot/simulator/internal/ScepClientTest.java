package fr.chariot.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;

import com.dd.plist.NSArray;
import com.dd.plist.NSString;

import fr.chariot.simulator.api.SimulatorException;

class ScepClientTest {

    private static final X500Name SUBJECT = new X500Name("O=Chariot,CN=Chariot device identity");
    private final TestCa ca = new TestCa();
    private final KeyPair keys = Pki.rsaKeyPair(2048);

    @Test
    void pkcsReqIsEnvelopedToTheCaAndSignedByATransientCertificate() throws Exception {
        ScepClient.PkcsReq request = ScepClient.pkcsReq(keys, SUBJECT, "secret-challenge", ca.caCertificate, true);

        CMSSignedData signed = new CMSSignedData(request.message());
        assertEquals(CMSAlgorithm.AES128_CBC.getId(),
            new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent()).getEncryptionAlgOID());
        TestCa.ReadRequest read = ca.read(request.message());
        assertEquals("19", read.messageType());
        assertEquals("secret-challenge", read.challenge());
        assertEquals(SUBJECT, read.csr().getSubject());
        assertEquals(request.transactionId(), read.transactionId());
        assertArrayEquals(request.senderNonce(), read.senderNonce());
        assertEquals(16, read.senderNonce().length);
        assertEquals(keys.getPublic(), read.transientCertificate().getPublicKey());
        assertEquals(read.transientCertificate().getSubjectX500Principal(), read.transientCertificate().getIssuerX500Principal());
    }

    @Test
    void des3IsUsedWhenTheServerDoesNotAdvertiseAes() throws Exception {
        ScepClient.PkcsReq request = ScepClient.pkcsReq(keys, new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
            "c", ca.caCertificate, false);
        CMSSignedData signed = new CMSSignedData(request.message());
        assertEquals(CMSAlgorithm.DES_EDE3_CBC.getId(),
            new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent()).getEncryptionAlgOID());
        assertEquals("c", ca.read(request.message()).challenge());
    }

    @Test
    void certRepGivesTheIssuedCertificateAfterCheckingSignatureAndNonce() throws Exception {
        ScepClient.PkcsReq request = ScepClient.pkcsReq(keys, SUBJECT, "c", ca.caCertificate, true);
        TestCa.ReadRequest read = ca.read(request.message());
        X509Certificate issued = ca.issue(read);

        X509Certificate received = ScepClient.certRepCertificate(ca.certRep(read, issued), request, keys.getPrivate(),
            List.of(ca.caCertificate));
        assertEquals(issued, received);

        ScepClient.PkcsReq other = ScepClient.pkcsReq(keys, SUBJECT, "c", ca.caCertificate, true);
        SimulatorException wrongNonce = assertThrows(SimulatorException.class, () -> ScepClient.certRepCertificate(
            ca.certRep(read, issued), new ScepClient.PkcsReq(other.message(), request.transientCertificate(),
                other.senderNonce(), request.transactionId()), keys.getPrivate(), List.of(ca.caCertificate)));
        assertTrue(wrongNonce.getMessage().contains("recipientNonce"));

        TestCa otherCa = new TestCa();
        assertThrows(SimulatorException.class, () -> ScepClient.certRepCertificate(ca.certRep(read, issued), request,
            keys.getPrivate(), List.of(otherCa.caCertificate)));
        SimulatorException refused = assertThrows(SimulatorException.class, () -> ScepClient.certRepCertificate(
            ca.certRep(read, null), request, keys.getPrivate(), List.of(ca.caCertificate)));
        assertTrue(refused.getMessage().contains("pkiStatus 2"));
    }

    @Test
    void profileSubjectsAreArraysOfRdns() {
        NSArray nested = new NSArray(new NSArray(new NSArray(new NSString("O"), new NSString("Chariot"))),
            new NSArray(new NSArray(new NSString("CN"), new NSString("Chariot device identity"))));
        assertEquals(SUBJECT, EnrollmentProfile.subject(nested));
        NSArray flat = new NSArray(new NSArray(new NSString("O"), new NSString("Chariot")),
            new NSArray(new NSString("2.5.4.3"), new NSString("Chariot device identity")));
        assertEquals(SUBJECT, EnrollmentProfile.subject(flat));
        assertThrows(SimulatorException.class, () -> EnrollmentProfile.subject(new NSArray(new NSString("CN"))));
    }
}
