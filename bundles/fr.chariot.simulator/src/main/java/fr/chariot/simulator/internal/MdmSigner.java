package fr.chariot.simulator.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import fr.chariot.simulator.api.SignatureDigest;
import fr.chariot.simulator.api.SimulatorException;

/**
 * Makes {@code Mdm-Signature} headers the way iPads do: a detached CMS SignedData over the exact body, RSA with
 * the identity key, no signed attributes, only the identity certificate embedded.
 */
public final class MdmSigner {

    private MdmSigner() {
    }

    public static String sign(byte[] body, PrivateKey key, X509Certificate certificate, SignatureDigest digest) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Pki.BC).build())
                .setDirectSignature(true)
                .build(new JcaContentSignerBuilder(digest.jcaSignatureAlgorithm()).setProvider(Pki.BC).build(key),
                    certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            byte[] signature = generator.generate(new CMSProcessableByteArray(body), false).getEncoded();
            return Base64.getEncoder().encodeToString(signature);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new SimulatorException("cannot sign the request body", e);
        }
    }
}
