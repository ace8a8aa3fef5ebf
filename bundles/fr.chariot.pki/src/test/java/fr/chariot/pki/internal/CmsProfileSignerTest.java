package fr.chariot.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

class CmsProfileSignerTest {

    @Test
    void signsWithTheProfileAttachedTheChainIncludedInDer() throws Exception {
        CmsProfileSigner signer = new CmsProfileSigner(TestPki.keys());
        byte[] profile = "<plist version=\"1.0\"><dict><key>PayloadType</key><string>Configuration</string></dict></plist>"
                .getBytes(StandardCharsets.UTF_8);

        byte[] signed = signer.sign(profile);

        CMSSignedData cms = new CMSSignedData(signed);
        assertArrayEquals(signed, cms.toASN1Structure().getEncoded(ASN1Encoding.DER), "DER");
        assertArrayEquals(profile, (byte[]) cms.getSignedContent().getContent(), "attached");
        SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
        assertEquals(NISTObjectIdentifiers.id_sha256, info.getDigestAlgorithmID().getAlgorithm());
        assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                .build(TestPki.keys().signingCertificate())));
        @SuppressWarnings("unchecked")
        Set<String> included = ((java.util.Collection<X509CertificateHolder>) cms.getCertificates().getMatches(null))
                .stream().map(h -> h.getSubject().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("O=Chariot,CN=Chariot Profile Signing", "O=Chariot,CN=Chariot Device CA"), included);
        assertEquals(TestPki.keys().signingCertificate(), signer.certificate());
    }
}
