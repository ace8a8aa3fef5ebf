package fr.chariot.pki.internal;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.pki.api.ProfileSigner;

/**
 * Signs configuration profiles as iOS expects them (protocol.md §2.1): CMS SignedData with the profile attached,
 * SHA-256 with RSA, the signing certificate and the CA certificate included, DER.
 */
@Component(service = ProfileSigner.class)
public class CmsProfileSigner implements ProfileSigner {

    private final PkiKeys keys;

    @Activate
    public CmsProfileSigner(@Reference(name = "ca") DeviceCa ca) {
        this(ca.keys());
    }

    public CmsProfileSigner(PkiKeys keys) {
        this.keys = keys;
    }

    @Override
    public byte[] sign(byte[] profile) {
        Objects.requireNonNull(profile, "profile");
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Crypto.BC)
                            .build(keys.signingKey()), keys.signingCertificate()));
            generator.addCertificates(new JcaCertStore(List.of(keys.signingCertificate(), keys.caCertificate())));
            return generator.generate(new CMSProcessableByteArray(profile), true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("the profile cannot be signed: " + e.getMessage(), e);
        }
    }

    @Override
    public X509Certificate certificate() {
        return keys.signingCertificate();
    }
}
