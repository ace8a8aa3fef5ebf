package fr.chariot.simulator.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import com.dd.plist.NSDictionary;

import fr.chariot.simulator.api.SimulatorException;

/**
 * A configuration profile as received: a plist, or a CMS SignedData with the plist attached. The content is
 * extracted without requiring trust (as an iPad installs "Not Verified" profiles); trust is checked apart.
 *
 * @param plist          the profile's top-level dictionary
 * @param signers        the signer certificates, empty when unsigned
 * @param certificates   every certificate embedded in the CMS (signers and chain)
 * @param signatureValid whether every signature verifies with its embedded certificate (false when unsigned)
 */
public record ProfileDocument(NSDictionary plist, List<X509Certificate> signers, List<X509Certificate> certificates,
                              boolean signatureValid) {

    public boolean signed() {
        return !signers.isEmpty();
    }

    public static ProfileDocument read(byte[] bytes, String what) {
        if (looksLikePlist(bytes)) {
            return new ProfileDocument(Plists.parseDictionary(bytes, what), List.of(), List.of(), false);
        }
        try {
            CMSSignedData signed = new CMSSignedData(bytes);
            if (signed.getSignedContent() == null) {
                throw new SimulatorException(what + " is a detached signature without the profile");
            }
            byte[] content = (byte[]) signed.getSignedContent().getContent();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Pki.BC);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Object holder : signed.getCertificates().getMatches(null)) {
                certificates.add(converter.getCertificate((X509CertificateHolder) holder));
            }
            List<X509Certificate> signers = new ArrayList<>();
            boolean valid = true;
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                @SuppressWarnings("unchecked")
                var matches = (java.util.Collection<X509CertificateHolder>) signed.getCertificates()
                    .getMatches(signer.getSID());
                if (matches.isEmpty()) {
                    valid = false;
                    continue;
                }
                X509CertificateHolder holder = matches.iterator().next();
                signers.add(converter.getCertificate(holder));
                valid &= signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(holder));
            }
            return new ProfileDocument(Plists.parseDictionary(content, what), signers, certificates,
                valid && !signers.isEmpty());
        } catch (CMSException | GeneralSecurityException | OperatorCreationException | ClassCastException e) {
            throw new SimulatorException(what + " is neither a plist nor a readable CMS SignedData", e);
        }
    }

    /**
     * @return whether the first signer chains to {@code root} through the embedded certificates
     */
    public boolean signerChainsTo(X509Certificate root) {
        if (signers.isEmpty()) {
            return false;
        }
        X509Certificate current = signers.get(0);
        for (int depth = 0; depth < 6; depth++) {
            if (current.equals(root) || verifies(current, root)) {
                return true;
            }
            X509Certificate issuer = null;
            for (X509Certificate candidate : certificates) {
                if (!candidate.equals(current) && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                    && verifies(current, candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                return false;
            }
            current = issuer;
        }
        return false;
    }

    private static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean looksLikePlist(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'
            || (bytes[i] & 0xFF) == 0xEF || (bytes[i] & 0xFF) == 0xBB || (bytes[i] & 0xFF) == 0xBF)) {
            i++;
        }
        return i < bytes.length && (bytes[i] == '<' || (bytes.length - i >= 6
            && new String(bytes, i, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("bplist")));
    }
}
