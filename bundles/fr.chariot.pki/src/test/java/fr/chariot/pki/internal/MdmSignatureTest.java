package fr.chariot.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.chariot.pki.api.IdentityException;

class MdmSignatureTest {

    /** NanoMDM's cryptoutil test vectors: header 2 signs body 2 (see the fixture's SOURCE.txt). */
    private static final Path CAPTURE = Path.of("/work/shared/fixtures/real-devices/nanomdm/extracted/cryptoutil_test");
    private static final KeyPair DEVICE = TestPki.rsa();
    private static final byte[] BODY = ("<?xml version=\"1.0\"?><plist version=\"1.0\"><dict><key>Status</key>"
            + "<string>Idle</string><key>UDID</key><string>0000-TEST</string></dict></plist>")
            .getBytes(StandardCharsets.UTF_8);

    private static String realHeader(int number) throws Exception {
        return Files.readString(CAPTURE.resolve("mdm-signature-header-" + number + ".b64.txt")).strip();
    }

    private static byte[] realBody() throws Exception {
        return Files.readAllBytes(CAPTURE.resolve("mdm-signature-body-2.plist"));
    }

    private static MdmMessageSignatureVerifier verifierAt(Instant now) {
        return new MdmMessageSignatureVerifier(
                new DeviceCa(TestPki.keys(), Clock.fixed(now, ZoneOffset.UTC), TestPki.RANDOM));
    }

    /** A detached signature as BouncyCastle makes it: DER, signed attributes in DER order. */
    private static String sign(byte[] body, X509Certificate certificate, java.security.PrivateKey key,
            String algorithm) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(Crypto.BC).build(key), certificate));
        generator.addCertificates(new JcaCertStore(List.of(certificate)));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(body), false);
        return Base64.getEncoder().encodeToString(signed.getEncoded(ASN1Encoding.DER));
    }

    @Test
    void theRealDeviceSignaturePassesTheCmsCheckButNotChariotsCa() throws Exception {
        X509Certificate signer = MdmSignature.verify(realHeader(2), realBody());

        assertEquals("CN=ca,OU=SCEP CA,O=scep,C=US", signer.getIssuerX500Principal().getName());
        IdentityException e = assertThrows(IdentityException.class,
                () -> verifierAt(Instant.parse("2024-01-01T00:00:00Z")).verify(realHeader(2), realBody()));
        assertTrue(e.getMessage().contains("not issued by Chariot's device CA"), e.getMessage());
    }

    @Test
    void theRealSignatureFailsWhenOneByteOfTheBodyChanges() throws Exception {
        byte[] body = realBody();
        body[body.length / 2] ^= 1;

        IdentityException e = assertThrows(IdentityException.class, () -> MdmSignature.verify(realHeader(2), body));
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void theOtherRealHeaderDoesNotSignThatBody() {
        assertThrows(IdentityException.class, () -> MdmSignature.verify(realHeader(1), realBody()));
    }

    @Test
    void aChariotDeviceSignatureIsAccepted() throws Exception {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);
        String header = sign(BODY, device, DEVICE.getPrivate(), "SHA256withRSA");

        X509Certificate signer = verifierAt(TestPki.NOW.plus(Duration.ofDays(30))).verify(header, BODY);

        assertEquals(Crypto.fingerprint(device), Crypto.fingerprint(signer));
    }

    @Test
    void aChangedBodyFailsForAChariotDeviceToo() throws Exception {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);
        String header = sign(BODY, device, DEVICE.getPrivate(), "SHA1withRSA");
        byte[] changed = BODY.clone();
        changed[0] = ' ';

        assertThrows(IdentityException.class, () -> verifierAt(TestPki.NOW).verify(header, changed));
    }

    @Test
    void aCertificateFromAnotherCaFails() throws Exception {
        X509Certificate foreign = TestPki.deviceIdentity(TestPki.otherKeys(), DEVICE, TestPki.NOW);
        String header = sign(BODY, foreign, DEVICE.getPrivate(), "SHA256withRSA");

        MdmSignature.verify(header, BODY);
        assertThrows(IdentityException.class, () -> verifierAt(TestPki.NOW).verify(header, BODY));
    }

    @Test
    void anExpiredCertificateFails() throws Exception {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);
        String header = sign(BODY, device, DEVICE.getPrivate(), "SHA256withRSA");

        IdentityException e = assertThrows(IdentityException.class,
                () -> verifierAt(TestPki.NOW.plus(Duration.ofDays(400))).verify(header, BODY));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void ecdsaSignaturesPassTheCmsCheck() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        X509Certificate certificate = TestPki.selfSigned(ec, new X500Name("CN=ec"), "SHA256withECDSA");

        X509Certificate signer = MdmSignature.verify(sign(BODY, certificate, ec.getPrivate(), "SHA256withECDSA"), BODY);

        assertEquals(certificate, signer);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "not base64 !!", "AAAA", "MIAGCSqGSIb3DQEHAqCAMIACAQEx", "////////",
            "MAMCAQE=" })
    void garbageHeadersGiveAnIdentityException(String header) {
        assertThrows(IdentityException.class, () -> verifierAt(TestPki.NOW).verify(header, BODY));
    }

    @Test
    void aTruncatedRealHeaderGivesAnIdentityException() throws Exception {
        byte[] cms = Base64.getDecoder().decode(realHeader(2));
        for (int length : new int[] { 10, 100, cms.length / 2, cms.length - 1 }) {
            String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(cms, length));
            assertThrows(IdentityException.class, () -> MdmSignature.verify(truncated, realBody()), "" + length);
        }
        assertThrows(IdentityException.class, () -> MdmSignature.verify(null, realBody()));
        assertThrows(IdentityException.class, () -> MdmSignature.verify(realHeader(2), null));
    }

    /**
     * The case: a signer that signed its attributes in the order it sent them, not in DER order.
     * BouncyCastle alone refuses it; Chariot verifies the attributes as received.
     */
    @Test
    void signedAttributesInTheOrderReceivedAreVerifiedAsReceived() throws Exception {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);
        byte[] cms = unsortedSignature(BODY, device);

        CMSSignedData parsed = new CMSSignedData(new CMSProcessableByteArray(BODY), cms);
        SignerInformation signer = parsed.getSignerInfos().getSigners().iterator().next();
        assertFalse(MdmSignature.inDerOrder(signer.toASN1Structure().getAuthenticatedAttributes()),
                "the test must send attributes out of DER order");
        boolean bouncyCastleAlone;
        try {
            bouncyCastleAlone = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                    .build(device.getPublicKey()));
        } catch (Exception e) {
            bouncyCastleAlone = false;
        }
        assertFalse(bouncyCastleAlone, "BouncyCastle re-encodes the attributes in DER order and fails");

        String header = Base64.getEncoder().encodeToString(cms);
        X509Certificate verified = verifierAt(TestPki.NOW).verify(header, BODY);
        assertEquals(device, verified);
    }

    @Test
    void unsortedSignedAttributesStillHaveToMatchTheBody() throws Exception {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);
        byte[] other = "another body".getBytes(StandardCharsets.UTF_8);
        // messageDigest of another body, correctly signed: the signature holds, the digest does not.
        String header = Base64.getEncoder().encodeToString(unsortedSignature(other, device));

        IdentityException e = assertThrows(IdentityException.class, () -> MdmSignature.verify(header, BODY));
        assertTrue(e.getMessage().contains("messageDigest"), e.getMessage());
    }

    @Test
    void unsortedSignedAttributesWithABrokenSignatureFail() throws Exception {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);
        byte[] cms = unsortedSignature(BODY, device);
        // The signature is the last thing in the structure: flip a bit in its last byte.
        cms[cms.length - 1] ^= 1;

        assertThrows(IdentityException.class,
                () -> MdmSignature.verify(Base64.getEncoder().encodeToString(cms), BODY));
    }

    /**
     * Builds, by hand and in DL encoding (which keeps a SET's order), a detached SignedData whose signed attributes
     * are messageDigest, contentType, signingTime: DER would put contentType first.
     */
    private static byte[] unsortedSignature(byte[] digested, X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(digested);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
        attributes.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(java.util.Date.from(TestPki.NOW)))));
        DLSet signedAttributes = new DLSet(attributes);

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(DEVICE.getPrivate());
        rsa.update(signedAttributes.getEncoded(ASN1Encoding.DL));
        byte[] signature = rsa.sign();

        Certificate certificateStructure = Certificate.getInstance(certificate.getEncoded());
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        DLSequence signerInfo = new DLSequence(new ASN1Encodable[] {
                new ASN1Integer(1),
                new IssuerAndSerialNumber(certificateStructure.getIssuer(),
                        certificateStructure.getSerialNumber().getValue()),
                sha256,
                new DLTaggedObject(false, 0, signedAttributes),
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new DEROctetString(signature) });
        DLSequence signedData = new DLSequence(new ASN1Encodable[] {
                new ASN1Integer(1),
                new DLSet(sha256),
                new DLSequence(CMSObjectIdentifiers.data),
                new DLTaggedObject(false, 0, new DLSet(certificateStructure)),
                new DLSet(signerInfo) });
        byte[] encoded = new DLSequence(new ASN1Encodable[] { CMSObjectIdentifiers.signedData,
                new DLTaggedObject(true, 0, signedData) }).getEncoded(ASN1Encoding.DL);
        assertArrayEquals(signature, java.util.Arrays.copyOfRange(encoded, encoded.length - signature.length,
                encoded.length));
        return encoded;
    }
}
