package fr.chariot.pki.internal.scep;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jscep.message.CertRep;
import org.jscep.message.PkcsPkiEnvelopeDecoder;
import org.jscep.message.PkcsPkiEnvelopeEncoder;
import org.jscep.message.PkcsReq;
import org.jscep.message.PkiMessageDecoder;
import org.jscep.message.PkiMessageEncoder;
import org.jscep.transaction.Nonce;
import org.jscep.transaction.TransactionId;

import fr.chariot.pki.internal.TestPki;

/** Builds and reads pkiMessages with jscep's own message classes, so the server is tested against another's code. */
final class ScepTestSupport {

    static final X500Name DEVICE_SUBJECT = new X500Name("CN=iPad 0310001A");

    private ScepTestSupport() {
    }

    static PKCS10CertificationRequest csr(KeyPair keys, String challenge) throws Exception {
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(DEVICE_SUBJECT,
                keys.getPublic());
        if (challenge != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                    new DERPrintableString(challenge));
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
    }

    static byte[] pkcsReq(PrivateKey signerKey, X509Certificate signer, PKCS10CertificationRequest csr,
            String cipher, String signatureAlgorithm, Nonce nonce) throws Exception {
        PkiMessageEncoder encoder = new PkiMessageEncoder(signerKey, signer,
                new PkcsPkiEnvelopeEncoder(TestPki.keys().caCertificate(), cipher), signatureAlgorithm);
        return encoder.encode(new PkcsReq(TransactionId.createTransactionId(), nonce, csr)).getEncoded();
    }

    static CertRep decode(byte[] reply, X509Certificate requester, PrivateKey key) throws Exception {
        return (CertRep) new PkiMessageDecoder(TestPki.keys().caCertificate(),
                new PkcsPkiEnvelopeDecoder(requester, key)).decode(new CMSSignedData(reply));
    }
}
