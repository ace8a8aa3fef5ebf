package fr.chariot.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import fr.chariot.simulator.api.SignatureDigest;

class MdmSignerTest {

    private static final KeyPair KEYS = Pki.rsaKeyPair(2048);
    private static final X509Certificate IDENTITY = Pki.selfSigned(KEYS, new X500Name("CN=device identity"),
        Duration.ofDays(1), false);

    @ParameterizedTest
    @EnumSource(SignatureDigest.class)
    void signatureIsDetachedOverTheExactBodyWithTheIdentityCertificate(SignatureDigest digest) throws Exception {
        byte[] body = "<plist><dict><key>Status</key><string>Idle</string></dict></plist>".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base64.getDecoder().decode(MdmSigner.sign(body, KEYS.getPrivate(), IDENTITY, digest));

        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(body), signature);
        assertNull(new CMSSignedData(signature).getSignedContent(), "the body is not embedded");
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificates = signed.getCertificates().getMatches(null);
        assertEquals(1, certificates.size(), "only the identity certificate is embedded");
        assertEquals(new JcaX509CertificateHolder(IDENTITY), certificates.iterator().next());
        assertTrue(signer.getSID().match(new JcaX509CertificateHolder(IDENTITY)));
        assertNull(signer.getSignedAttributes(), "iPads sign without signed attributes");
        assertEquals(digest == SignatureDigest.SHA1 ? OIWObjectIdentifiers.idSHA1.getId()
                                                    : NISTObjectIdentifiers.id_sha256.getId(), signer.getDigestAlgOID());
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(IDENTITY)));

        byte[] tampered = body.clone();
        tampered[10] ^= 1;
        SignerInformation onTampered = new CMSSignedData(new CMSProcessableByteArray(tampered), signature)
            .getSignerInfos().getSigners().iterator().next();
        assertFalse(onTampered.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(IDENTITY)));
    }
}
