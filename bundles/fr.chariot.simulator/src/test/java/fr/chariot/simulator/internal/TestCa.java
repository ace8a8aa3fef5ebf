package fr.chariot.simulator.internal;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** The server side of the PKI for tests: a device CA that signs profiles and answers SCEP like Chariot must. */
final class TestCa {

    /** What the CA read from a PKCSReq. */
    record ReadRequest(PKCS10CertificationRequest csr, String challenge, X509Certificate transientCertificate,
                       String messageType, String transactionId, byte[] senderNonce) {
    }

    final KeyPair caKeys = Pki.rsaKeyPair(2048);
    final X500Name caName = new X500Name("CN=Chariot Test Device CA,O=Chariot tests");
    final X509Certificate caCertificate = Pki.selfSigned(caKeys, caName, Duration.ofDays(365), true);
    final KeyPair signerKeys = Pki.rsaKeyPair(2048);
    final X509Certificate signerCertificate = Pki.issue(caName, caKeys.getPrivate(), caCertificate,
        new X500Name("CN=Chariot Test Profile Signing"), signerKeys.getPublic(), Duration.ofDays(365),
        new KeyUsage(KeyUsage.digitalSignature), false, null, null);

    /** CMS SignedData with the content attached, signed by the profile-signing certificate (chain included). */
    byte[] signAttached(byte[] content) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider(Pki.BC).build())
            .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Pki.BC).build(signerKeys.getPrivate()),
                signerCertificate));
        generator.addCertificate(new JcaX509CertificateHolder(signerCertificate));
        generator.addCertificate(new JcaX509CertificateHolder(caCertificate));
        return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
    }

    /** Opens a PKCSReq as a SCEP server does, checking its signature with the embedded transient certificate. */
    ReadRequest read(byte[] pkcsReq) throws Exception {
        CMSSignedData signed = new CMSSignedData(pkcsReq);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        X509CertificateHolder holder = matches.iterator().next();
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(holder))) {
            throw new IllegalArgumentException("PKCSReq signature does not verify");
        }
        AttributeTable attributes = signer.getSignedAttributes();
        CMSEnvelopedData enveloped = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
        byte[] csrDer = enveloped.getRecipientInfos().getRecipients().iterator().next()
            .getContent(new JceKeyTransEnvelopedRecipient(caKeys.getPrivate()).setProvider(Pki.BC));
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(csrDer);
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.BC)
            .build(csr.getSubjectPublicKeyInfo()))) {
            throw new IllegalArgumentException("CSR signature does not verify");
        }
        org.bouncycastle.asn1.pkcs.Attribute[] challenges = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        String challenge = challenges.length == 0 ? null
            : ((ASN1String) challenges[0].getAttrValues().getObjectAt(0)).getString();
        return new ReadRequest(csr, challenge,
            new JcaX509CertificateConverter().setProvider(Pki.BC).getCertificate(holder),
            ScepClient.string(attributes, ScepClient.MESSAGE_TYPE), ScepClient.string(attributes, ScepClient.TRANSACTION_ID),
            ScepClient.octets(attributes, ScepClient.SENDER_NONCE));
    }

    /** A CertRep: SUCCESS with the issued certificate, or FAILURE (badRequest) when {@code issued} is null. */
    byte[] certRep(ReadRequest request, X509Certificate issued) throws Exception {
        byte[] content;
        if (issued != null) {
            CMSSignedDataGenerator degenerate = new CMSSignedDataGenerator();
            degenerate.addCertificate(new JcaX509CertificateHolder(issued));
            CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
            envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(request.transientCertificate())
                .setProvider(Pki.BC));
            content = envelope.generate(new CMSProcessableByteArray(degenerate.generate(new CMSAbsentContent()).getEncoded()),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(Pki.BC).build()).getEncoded();
        } else {
            content = new byte[0];
        }
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(ScepClient.MESSAGE_TYPE, new DERSet(new DERPrintableString(ScepClient.CERT_REP))));
        attributes.add(new Attribute(ScepClient.PKI_STATUS, new DERSet(new DERPrintableString(issued != null ? "0" : "2"))));
        if (issued == null) {
            attributes.add(new Attribute(ScepClient.FAIL_INFO, new DERSet(new DERPrintableString("2"))));
        }
        attributes.add(new Attribute(ScepClient.TRANSACTION_ID, new DERSet(new DERPrintableString(request.transactionId()))));
        attributes.add(new Attribute(ScepClient.RECIPIENT_NONCE, new DERSet(new DEROctetString(request.senderNonce()))));
        attributes.add(new Attribute(ScepClient.SENDER_NONCE, new DERSet(new DEROctetString(Pki.randomBytes(16)))));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider(Pki.BC).build())
            .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
            .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Pki.BC).build(caKeys.getPrivate()),
                caCertificate));
        generator.addCertificate(new JcaX509CertificateHolder(caCertificate));
        return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
    }

    X509Certificate issue(ReadRequest request) throws Exception {
        return Pki.issue(caName, caKeys.getPrivate(), caCertificate, request.csr().getSubject(),
            new JcaPKCS10CertificationRequest(request.csr()).setProvider(Pki.BC).getPublicKey(), Duration.ofDays(365),
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment), false,
            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
    }

}
