package fr.chariot.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import fr.chariot.simulator.api.SimulatorException;

/**
 * The device side of SCEP (RFC 8894) as an iPad runs it: GetCACaps, GetCACert, then a PKCSReq whose CSR carries
 * the profile's challenge, enveloped to the CA and signed with a transient self-signed certificate.
 */
public final class ScepClient {

    public static final ASN1ObjectIdentifier MESSAGE_TYPE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.2");
    public static final ASN1ObjectIdentifier PKI_STATUS = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.3");
    public static final ASN1ObjectIdentifier FAIL_INFO = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.4");
    public static final ASN1ObjectIdentifier SENDER_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.5");
    public static final ASN1ObjectIdentifier RECIPIENT_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.6");
    public static final ASN1ObjectIdentifier TRANSACTION_ID = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.7");
    public static final String PKCS_REQ = "19";
    public static final String CERT_REP = "3";
    public static final String SUCCESS = "0";

    /**
     * A PKCSReq ready to send, with what is needed to read its CertRep.
     *
     * @param message              the DER SignedData to POST
     * @param transientCertificate the self-signed certificate that signed it and receives the reply
     */
    public record PkcsReq(byte[] message, X509Certificate transientCertificate, byte[] senderNonce,
                          String transactionId) {
    }

    private final MdmHttp http;

    public ScepClient(MdmHttp http) {
        this.http = http;
    }

    /** Gets an identity certificate for {@code keys} from the SCEP server at {@code url}. */
    public X509Certificate enroll(URI url, String challenge, X500Name subject, KeyPair keys) {
        Set<String> caps = caCaps(url);
        List<X509Certificate> caCertificates = caCertificates(url);
        PkcsReq request = pkcsReq(keys, subject, challenge, recipient(caCertificates), caps.contains("AES"));
        MdmHttp.Response reply = http.send("POST", withOperation(url, "PKIOperation"), "application/x-pki-message",
            request.message(), null);
        reply.requireStatus(200);
        return certRepCertificate(reply.body(), request, keys.getPrivate(), caCertificates);
    }

    /** @return the capabilities, upper case; empty when the server does not answer GetCACaps */
    public Set<String> caCaps(URI url) {
        MdmHttp.Response response = http.send("GET", withOperation(url, "GetCACaps"), null, null, null);
        Set<String> caps = new LinkedHashSet<>();
        if (response.status() == 200) {
            for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    caps.add(line.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        return caps;
    }

    /** @return the CA certificate, or the CA and RA certificates of a degenerate PKCS#7 answer */
    public List<X509Certificate> caCertificates(URI url) {
        MdmHttp.Response response = http.send("GET", withOperation(url, "GetCACert"), null, null, null);
        response.requireStatus(200);
        String type = response.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-x509-ca-ra-cert")) {
            try {
                return certificates(new CMSSignedData(response.body()));
            } catch (CMSException e) {
                throw new SimulatorException("GetCACert answered an unreadable PKCS#7", e);
            }
        }
        try {
            return List.of(Pki.certificate(response.body()));
        } catch (IllegalArgumentException e) {
            throw new SimulatorException("GetCACert answered " + type + " that is not a DER certificate", e);
        }
    }

    /** An RA certificate (not a CA) receives the request when the server has one, otherwise the CA itself. */
    static X509Certificate recipient(List<X509Certificate> caCertificates) {
        return caCertificates.stream().filter(c -> c.getBasicConstraints() < 0).findFirst()
            .orElse(caCertificates.get(0));
    }

    public static PkcsReq pkcsReq(KeyPair keys, X500Name subject, String challenge, X509Certificate recipient,
                                  boolean aes) {
        try {
            JcaPKCS10CertificationRequestBuilder csrBuilder = new JcaPKCS10CertificationRequestBuilder(subject,
                keys.getPublic());
            if (challenge != null) {
                csrBuilder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                    DERPrintableString.isPrintableString(challenge) ? new DERPrintableString(challenge)
                                                                    : new DERUTF8String(challenge));
            }
            // Key Usage 5 of the profile = signing (1) + encryption (4)
            csrBuilder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(new Extension(
                Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).getEncoded())));
            PKCS10CertificationRequest csr = csrBuilder.build(
                new JcaContentSignerBuilder("SHA256withRSA").setProvider(Pki.BC).build(keys.getPrivate()));

            X500Name transientSubject = subject.getRDNs().length > 0 ? subject : new X500Name("CN=SCEP client");
            X509Certificate transientCertificate = Pki.selfSigned(keys, transientSubject, Duration.ofDays(1), false);

            CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
            envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Pki.BC));
            CMSEnvelopedData enveloped = envelope.generate(new CMSProcessableByteArray(csr.getEncoded()),
                new JceCMSContentEncryptorBuilder(aes ? CMSAlgorithm.AES128_CBC : CMSAlgorithm.DES_EDE3_CBC)
                    .setProvider(Pki.BC).build());

            String transactionId = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
            byte[] senderNonce = Pki.randomBytes(16);
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(MESSAGE_TYPE, new DERSet(new DERPrintableString(PKCS_REQ))));
            attributes.add(new Attribute(TRANSACTION_ID, new DERSet(new DERPrintableString(transactionId))));
            attributes.add(new Attribute(SENDER_NONCE, new DERSet(new DEROctetString(senderNonce))));

            CMSSignedDataGenerator signed = new CMSSignedDataGenerator();
            signed.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Pki.BC).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Pki.BC).build(keys.getPrivate()),
                    transientCertificate));
            signed.addCertificate(new JcaX509CertificateHolder(transientCertificate));
            byte[] message = signed.generate(new CMSProcessableByteArray(enveloped.getEncoded()), true).getEncoded();
            return new PkcsReq(message, transientCertificate, senderNonce, transactionId);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new SimulatorException("cannot build the SCEP PKCSReq", e);
        }
    }

    /**
     * Checks a CertRep (signed by one of {@code caCertificates}, answering {@code request}, SUCCESS) and returns
     * the issued certificate for {@code key}'s public half.
     */
    public static X509Certificate certRepCertificate(byte[] reply, PkcsReq request, PrivateKey key,
                                                     List<X509Certificate> caCertificates) {
        try {
            CMSSignedData signed = new CMSSignedData(reply);
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            X509Certificate signerCertificate = signerCertificate(signed, signer, caCertificates);
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(signerCertificate))) {
                throw new SimulatorException("the SCEP CertRep signature does not verify");
            }
            AttributeTable attributes = signer.getSignedAttributes();
            if (attributes == null) {
                throw new SimulatorException("the SCEP CertRep has no signed attributes");
            }
            String messageType = string(attributes, MESSAGE_TYPE);
            if (!CERT_REP.equals(messageType)) {
                throw new SimulatorException("the SCEP reply is messageType " + messageType + ", not CertRep (3)");
            }
            if (!request.transactionId().equals(string(attributes, TRANSACTION_ID))) {
                throw new SimulatorException("the SCEP CertRep answers another transaction");
            }
            if (!Arrays.equals(request.senderNonce(), octets(attributes, RECIPIENT_NONCE))) {
                throw new SimulatorException("the SCEP CertRep recipientNonce is not our senderNonce");
            }
            String status = string(attributes, PKI_STATUS);
            if (!SUCCESS.equals(status)) {
                String failInfo = attributes.get(FAIL_INFO) == null ? "none" : string(attributes, FAIL_INFO);
                throw new SimulatorException("SCEP enrollment refused: pkiStatus " + status + ", failInfo " + failInfo
                    + ("3".equals(status) ? " (PENDING is not simulated)" : ""));
            }
            CMSEnvelopedData enveloped = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
            RecipientInformation recipient = enveloped.getRecipientInfos()
                .get(new JceKeyTransRecipientId(request.transientCertificate()));
            if (recipient == null) {
                throw new SimulatorException("the SCEP CertRep is not encrypted to our transient certificate");
            }
            byte[] degenerate = recipient.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(Pki.BC));
            for (X509Certificate certificate : certificates(new CMSSignedData(degenerate))) {
                if (certificate.getPublicKey().equals(request.transientCertificate().getPublicKey())) {
                    return certificate;
                }
            }
            throw new SimulatorException("the SCEP CertRep holds no certificate for our key");
        } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
            throw new SimulatorException("unreadable SCEP CertRep: " + e.getMessage(), e);
        }
    }

    private static X509Certificate signerCertificate(CMSSignedData signed, SignerInformation signer,
                                                     List<X509Certificate> caCertificates)
        throws GeneralSecurityException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Pki.BC);
        @SuppressWarnings("unchecked")
        var embedded = (java.util.Collection<X509CertificateHolder>) signed.getCertificates().getMatches(signer.getSID());
        List<X509Certificate> candidates = new ArrayList<>();
        for (X509CertificateHolder holder : embedded) {
            candidates.add(converter.getCertificate(holder));
        }
        for (X509Certificate ca : caCertificates) {
            if (signer.getSID().match(new JcaX509CertificateHolder(ca))) {
                candidates.add(ca);
            }
        }
        for (X509Certificate candidate : candidates) {
            if (caCertificates.contains(candidate) || issuedByOneOf(candidate, caCertificates)) {
                return candidate;
            }
        }
        throw new SimulatorException("the SCEP CertRep is not signed by the CA from GetCACert");
    }

    private static boolean issuedByOneOf(X509Certificate certificate, List<X509Certificate> cas) {
        for (X509Certificate ca : cas) {
            try {
                certificate.verify(ca.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // not this one
            }
        }
        return false;
    }

    static List<X509Certificate> certificates(CMSSignedData signed) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Pki.BC);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object holder : signed.getCertificates().getMatches(null)) {
            try {
                certificates.add(converter.getCertificate((X509CertificateHolder) holder));
            } catch (GeneralSecurityException e) {
                throw new SimulatorException("unreadable certificate in a PKCS#7", e);
            }
        }
        return certificates;
    }

    static String string(AttributeTable attributes, ASN1ObjectIdentifier type) {
        Attribute attribute = attributes.get(type);
        if (attribute == null) {
            throw new SimulatorException("SCEP attribute " + type + " is missing");
        }
        return ((ASN1String) attribute.getAttrValues().getObjectAt(0)).getString();
    }

    static byte[] octets(AttributeTable attributes, ASN1ObjectIdentifier type) {
        Attribute attribute = attributes.get(type);
        if (attribute == null) {
            throw new SimulatorException("SCEP attribute " + type + " is missing");
        }
        return ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
    }

    static URI withOperation(URI url, String operation) {
        String text = url.toString();
        return URI.create(text + (text.contains("?") ? "&" : "?") + "operation=" + operation);
    }
}
