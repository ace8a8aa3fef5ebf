package fr.chariot.pki.internal.scep;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
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
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.pki.api.IdentityException;
import fr.chariot.pki.internal.Crypto;
import fr.chariot.pki.internal.DeviceCa;
import fr.chariot.pki.internal.store.PkiDatabase;
import fr.chariot.pki.internal.store.Redemption;

/**
 * Chariot's SCEP server (RFC 8894), bytes in and bytes out so that it runs without a servlet container.
 *
 * <p>It serves PKCSReq (first enrollment: signed with the requester's transient self-signed certificate, with a
 * one-time challenge) and renewals (RenewalReq, or a PKCSReq signed with a still-valid identity this CA issued: no
 * challenge, the college is inherited). It never answers PENDING, so it does not serve CertPoll, GetCert or GetCRL.
 */
public final class ScepServer {

    /** GetCACaps: only what this server does. Single DES, MD5 and SHA-512 are left out on purpose. */
    public static final List<String> CAPABILITIES = List.of("POSTPKIOperation", "Renewal", "SHA-256", "SHA-1", "AES",
            "DES3", "SCEPStandard");

    static final int CERT_REP = 3;
    static final int RENEWAL_REQ = 17;
    static final int PKCS_REQ = 19;
    static final int STATUS_SUCCESS = 0;
    static final int STATUS_FAILURE = 2;
    private static final int MIN_RSA_BITS = 2048;
    private static final int NONCE_BYTES = 16;
    private static final int MAX_LOGGED_ID = 80;

    private static final String SCEP_ATTRIBUTE = "2.16.840.1.113733.1.9.";
    static final ASN1ObjectIdentifier MESSAGE_TYPE = new ASN1ObjectIdentifier(SCEP_ATTRIBUTE + "2");
    static final ASN1ObjectIdentifier PKI_STATUS = new ASN1ObjectIdentifier(SCEP_ATTRIBUTE + "3");
    static final ASN1ObjectIdentifier FAIL_INFO = new ASN1ObjectIdentifier(SCEP_ATTRIBUTE + "4");
    static final ASN1ObjectIdentifier SENDER_NONCE = new ASN1ObjectIdentifier(SCEP_ATTRIBUTE + "5");
    static final ASN1ObjectIdentifier RECIPIENT_NONCE = new ASN1ObjectIdentifier(SCEP_ATTRIBUTE + "6");
    static final ASN1ObjectIdentifier TRANSACTION_ID = new ASN1ObjectIdentifier(SCEP_ATTRIBUTE + "7");

    /** The reply is signed with the digest the requester used, so a SHA-1-only client can still read it. */
    private static final Map<ASN1ObjectIdentifier, String> SIGNATURE_FOR_DIGEST = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA1withRSA",
            NISTObjectIdentifiers.id_sha256, "SHA256withRSA",
            NISTObjectIdentifiers.id_sha384, "SHA384withRSA",
            NISTObjectIdentifiers.id_sha512, "SHA512withRSA");

    private static final Set<ASN1ObjectIdentifier> CONTENT_ENCRYPTIONS = Set.of(CMSAlgorithm.AES128_CBC,
            CMSAlgorithm.AES192_CBC, CMSAlgorithm.AES256_CBC, CMSAlgorithm.DES_EDE3_CBC);

    private static final Logger LOG = LoggerFactory.getLogger(ScepServer.class);

    private final DeviceCa ca;
    private final PkiDatabase database;
    private final Clock clock;
    private final SecureRandom random;

    public ScepServer(DeviceCa ca, PkiDatabase database, Clock clock, SecureRandom random) {
        this.ca = ca;
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    /** The body of GetCACaps, one capability a line. */
    public String capabilities() {
        return String.join("\n", CAPABILITIES) + "\n";
    }

    /** The body of GetCACert: the CA certificate's DER (a single CA, no RA). */
    public byte[] caCertificate() {
        try {
            return ca.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the CA certificate cannot be encoded", e);
        }
    }

    /**
     * Answers a PKIOperation.
     *
     * @param message the pkiMessage: DER (or BER) CMS SignedData
     * @return a CertRep pkiMessage, SUCCESS or FAILURE
     * @throws MalformedScepMessageException when the message cannot be answered with a CertRep at all
     * @throws IllegalStateException         when the database fails (the HTTP layer answers 500)
     */
    public byte[] pkiOperation(byte[] message) throws MalformedScepMessageException {
        Request request = Request.parse(message);
        try {
            Issued issued = handle(request);
            LOG.info("SCEP: issued device identity {} for college {} to '{}'{} [transaction {}]",
                    issued.redemption.identity().fingerprint(), issued.redemption.identity().rne(),
                    issued.redemption.certificate().getSubjectX500Principal(),
                    issued.redemption.identity().renewedFrom().map(f -> ", renewing " + f).orElse(""),
                    request.transactionIdText());
            return certRep(request, STATUS_SUCCESS, null, issued);
        } catch (Refusal refusal) {
            LOG.warn("SCEP: refused message type {} with failInfo {}: {} [transaction {}]", request.messageType,
                    refusal.failInfo, refusal.getMessage(), request.transactionIdText());
            return certRep(request, STATUS_FAILURE, refusal.failInfo, null);
        } catch (SQLException e) {
            throw new IllegalStateException("the PKI database failed during a SCEP enrollment: " + e.getMessage(), e);
        }
    }

    private Issued handle(Request request) throws Refusal, SQLException {
        if (request.messageType != PKCS_REQ && request.messageType != RENEWAL_REQ) {
            throw new Refusal(FailInfo.BAD_REQUEST, "only PKCSReq (19) and RenewalReq (17) are served, not message type "
                    + request.messageType);
        }
        X509Certificate requester = requesterCertificate(request);
        verifyOuterSignature(request, requester);
        if (!(requester.getPublicKey() instanceof RSAPublicKey)) {
            throw new Refusal(FailInfo.BAD_ALG, "the requester's certificate has a "
                    + requester.getPublicKey().getAlgorithm() + " key; the reply can only be encrypted to RSA");
        }
        ASN1ObjectIdentifier contentEncryption = contentEncryption(request);
        PKCS10CertificationRequest csr = decryptCsr(request);
        verifyCsr(csr);

        Redemption redemption;
        if (ca.issuedByThisCa(requester)) {
            // Renewal: the identity being renewed authenticates the request, so no challenge is needed.
            try {
                ca.validate(requester);
            } catch (IdentityException e) {
                throw new Refusal(FailInfo.BAD_REQUEST, "renewal signed by an identity that is no longer usable: "
                        + e.getMessage());
            }
            redemption = database.renew(requester, rne -> issue(csr));
        } else if (isSelfSigned(requester)) {
            if (request.messageType == RENEWAL_REQ) {
                throw new Refusal(FailInfo.BAD_REQUEST, "a RenewalReq must be signed with the identity it renews, "
                        + "not a self-signed certificate");
            }
            RSAPublicKey requesterKey = (RSAPublicKey) requester.getPublicKey();
            RSAPublicKey csrKey = rsaKey(csr.getSubjectPublicKeyInfo());
            if (!requesterKey.getModulus().equals(csrKey.getModulus())
                    || !requesterKey.getPublicExponent().equals(csrKey.getPublicExponent())) {
                throw new Refusal(FailInfo.BAD_MESSAGE_CHECK,
                        "the self-signed certificate's key is not the key of the CSR (RFC 8894 §3.3.1)");
            }
            String challenge = challengePassword(csr);
            redemption = database.redeem(challenge, rne -> issue(csr));
        } else {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "signed by '" + requester.getSubjectX500Principal()
                    + "', neither self-signed nor issued by Chariot's CA");
        }
        if (redemption instanceof Redemption.Refused refused) {
            throw new Refusal(FailInfo.BAD_REQUEST, refused.reason());
        }
        return new Issued((Redemption.Issued) redemption, requester, contentEncryption);
    }

    private X509Certificate issue(PKCS10CertificationRequest csr) {
        return ca.issueDeviceIdentity(csr.getSubject(), csr.getSubjectPublicKeyInfo());
    }

    private static X509Certificate requesterCertificate(Request request) throws Refusal {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = request.signedData.getCertificates()
                .getMatches(request.signer.getSID());
        if (matches.isEmpty()) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the signer's certificate is not in the message");
        }
        try {
            return Crypto.toX509(matches.iterator().next());
        } catch (Exception e) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the signer's certificate cannot be read: " + e);
        }
    }

    private static void verifyOuterSignature(Request request, X509Certificate requester) throws Refusal {
        if (!SIGNATURE_FOR_DIGEST.containsKey(request.signer.getDigestAlgorithmID().getAlgorithm())) {
            throw new Refusal(FailInfo.BAD_ALG, "the message digest " + request.signer.getDigestAlgorithmID()
                    .getAlgorithm() + " is not SHA-1 or SHA-2");
        }
        boolean valid;
        try {
            // The public key, not the certificate: a transient self-signed certificate may have any dates.
            valid = request.signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                    .build(requester.getPublicKey()));
        } catch (OperatorCreationException e) {
            throw new Refusal(FailInfo.BAD_ALG, "the message's signature algorithm is not supported: " + e.getMessage());
        } catch (CMSException | RuntimeException e) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the message's signature does not verify: " + e.getMessage());
        }
        if (!valid) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the message's signature does not verify");
        }
    }

    private static CMSEnvelopedData envelope(Request request) throws Refusal {
        if (request.signedData.getSignedContent() == null) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the message carries no pkcsPKIEnvelope");
        }
        try {
            return new CMSEnvelopedData((byte[]) request.signedData.getSignedContent().getContent());
        } catch (CMSException | RuntimeException e) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the signed content is not a CMS EnvelopedData: " + e.getMessage());
        }
    }

    private static ASN1ObjectIdentifier contentEncryption(Request request) throws Refusal {
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(envelope(request).getEncryptionAlgOID());
        if (!CONTENT_ENCRYPTIONS.contains(algorithm)) {
            throw new Refusal(FailInfo.BAD_ALG, "the pkcsPKIEnvelope is encrypted with " + algorithm
                    + "; only AES-CBC and DES-EDE3-CBC are accepted");
        }
        return algorithm;
    }

    private PKCS10CertificationRequest decryptCsr(Request request) throws Refusal {
        CMSEnvelopedData envelope = envelope(request);
        RecipientInformation recipient = envelope.getRecipientInfos()
                .get(new JceKeyTransRecipientId(ca.certificate()));
        if (recipient == null && envelope.getRecipientInfos().size() == 1) {
            // Some clients name the recipient loosely; the decryption below is the real test.
            recipient = envelope.getRecipientInfos().getRecipients().iterator().next();
        }
        if (recipient == null) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the pkcsPKIEnvelope is not encrypted for Chariot's CA");
        }
        byte[] csr;
        try {
            csr = recipient.getContent(new JceKeyTransEnvelopedRecipient(ca.keys().caKey()).setProvider(Crypto.BC));
        } catch (CMSException | RuntimeException e) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the pkcsPKIEnvelope cannot be decrypted with the CA key: "
                    + e.getMessage());
        }
        try {
            return new PKCS10CertificationRequest(csr);
        } catch (IOException | RuntimeException e) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the envelope does not hold a PKCS#10 request: " + e.getMessage());
        }
    }

    private static void verifyCsr(PKCS10CertificationRequest csr) throws Refusal {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException e) {
            throw new Refusal(FailInfo.BAD_ALG, "the CSR's signature algorithm is not supported: " + e.getMessage());
        } catch (Exception e) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the CSR's signature cannot be checked: " + e.getMessage());
        }
        if (!valid) {
            throw new Refusal(FailInfo.BAD_MESSAGE_CHECK, "the CSR's signature does not verify");
        }
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm())) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the CSR's key is not RSA (SCEP encrypts replies to it)");
        }
        int bits = rsaKey(csr.getSubjectPublicKeyInfo()).getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the CSR's RSA key has " + bits + " bits, fewer than "
                    + MIN_RSA_BITS + " (set Keysize 2048 in the SCEP payload)");
        }
    }

    private static RSAPublicKey rsaKey(SubjectPublicKeyInfo info) throws Refusal {
        try {
            return (RSAPublicKey) new JcaPEMKeyConverter().setProvider(Crypto.BC).getPublicKey(info);
        } catch (Exception e) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the CSR's RSA key cannot be read: " + e.getMessage());
        }
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey(), Crypto.BC);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String challengePassword(PKCS10CertificationRequest csr) throws Refusal {
        org.bouncycastle.asn1.pkcs.Attribute[] attributes = csr
                .getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        if (attributes.length != 1 || attributes[0].getAttrValues().size() != 1) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the CSR has no challengePassword");
        }
        ASN1Encodable value = attributes[0].getAttrValues().getObjectAt(0);
        if (!(value instanceof ASN1String text)) {
            throw new Refusal(FailInfo.BAD_REQUEST, "the CSR's challengePassword is not a string");
        }
        return text.getString();
    }

    private byte[] certRep(Request request, int status, FailInfo failInfo, Issued issued) {
        try {
            CMSTypedData content = issued == null ? new CMSAbsentContent() : envelopedCertificate(issued);
            List<Attribute> scep = new java.util.ArrayList<>();
            scep.add(new Attribute(TRANSACTION_ID, new DERSet(request.transactionId)));
            scep.add(new Attribute(MESSAGE_TYPE, new DERSet(new DERPrintableString(Integer.toString(CERT_REP)))));
            scep.add(new Attribute(PKI_STATUS, new DERSet(new DERPrintableString(Integer.toString(status)))));
            if (failInfo != null) {
                scep.add(new Attribute(FAIL_INFO,
                        new DERSet(new DERPrintableString(Integer.toString(failInfo.code())))));
            }
            byte[] senderNonce = new byte[NONCE_BYTES];
            random.nextBytes(senderNonce);
            scep.add(new Attribute(SENDER_NONCE, new DERSet(new DEROctetString(senderNonce))));
            scep.add(new Attribute(RECIPIENT_NONCE, new DERSet(request.senderNonce)));

            String signatureAlgorithm = SIGNATURE_FOR_DIGEST.getOrDefault(
                    request.signer.getDigestAlgorithmID().getAlgorithm(), "SHA256withRSA");
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            // Strict SCEP clients accept only rsaEncryption as the SignerInfo's signature algorithm, not
            // sha256WithRSAEncryption; say so explicitly rather than trusting BouncyCastle's default.
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build(),
                    signatureAlgorithmId -> new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                            DERNull.INSTANCE))
                    .setSignedAttributeGenerator(new ScepAttributes(scep, Date.from(clock.instant())))
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(Crypto.BC)
                            .build(ca.keys().caKey()), ca.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(ca.certificate()));
            return generator.generate(content, true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("the SCEP reply cannot be built: " + e.getMessage(), e);
        }
    }

    /** The issued certificate in a degenerate certs-only SignedData, enveloped to the requester's certificate. */
    private CMSTypedData envelopedCertificate(Issued issued)
            throws CertificateEncodingException, CMSException, IOException {
        CMSSignedDataGenerator certsOnly = new CMSSignedDataGenerator();
        certsOnly.addCertificate(new JcaX509CertificateHolder(issued.redemption.certificate()));
        byte[] degenerate = certsOnly.generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DER);
        CMSEnvelopedDataGenerator enveloper = new CMSEnvelopedDataGenerator();
        enveloper.addRecipientInfoGenerator(
                new JceKeyTransRecipientInfoGenerator(issued.requester).setProvider(Crypto.BC));
        CMSEnvelopedData envelope = enveloper.generate(new CMSProcessableByteArray(degenerate),
                new JceCMSContentEncryptorBuilder(issued.contentEncryption).setProvider(Crypto.BC)
                        .setSecureRandom(random).build());
        return new CMSProcessableByteArray(envelope.toASN1Structure().getEncoded(ASN1Encoding.DER));
    }

    /** What a SUCCESS reply needs. */
    private record Issued(Redemption.Issued redemption, X509Certificate requester,
            ASN1ObjectIdentifier contentEncryption) {
    }

    /** A request that gets a CertRep FAILURE; the message goes to the log only. */
    private static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;
        private final FailInfo failInfo;

        Refusal(FailInfo failInfo, String reason) {
            super(reason);
            this.failInfo = failInfo;
        }
    }

    /** The signed attributes of a CertRep: contentType, messageDigest, signingTime and the SCEP attributes. */
    private static final class ScepAttributes implements CMSAttributeTableGenerator {

        private final List<Attribute> scep;
        private final Date signingTime;

        ScepAttributes(List<Attribute> scep, Date signingTime) {
            this.scep = scep;
            this.signingTime = signingTime;
        }

        @Override
        public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.contentType,
                    new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            attributes.add(new Attribute(CMSAttributes.messageDigest,
                    new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))));
            scep.forEach(attributes::add);
            return new AttributeTable(attributes);
        }
    }

    /** The parts of a pkiMessage that any reply, even a FAILURE, needs. */
    private static final class Request {

        final CMSSignedData signedData;
        final SignerInformation signer;
        final ASN1Encodable transactionId;
        final int messageType;
        final ASN1OctetString senderNonce;

        private Request(CMSSignedData signedData, SignerInformation signer, ASN1Encodable transactionId,
                int messageType, ASN1OctetString senderNonce) {
            this.signedData = signedData;
            this.signer = signer;
            this.transactionId = transactionId;
            this.messageType = messageType;
            this.senderNonce = senderNonce;
        }

        static Request parse(byte[] message) throws MalformedScepMessageException {
            if (message == null || message.length == 0) {
                throw new MalformedScepMessageException("the PKIOperation message is empty");
            }
            CMSSignedData signedData;
            try {
                signedData = new CMSSignedData(message);
            } catch (CMSException | RuntimeException e) {
                throw new MalformedScepMessageException("the PKIOperation message is not a CMS SignedData: "
                        + e.getMessage(), e);
            }
            Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new MalformedScepMessageException("the pkiMessage has " + signers.size()
                        + " signers, not exactly one");
            }
            SignerInformation signer = signers.iterator().next();
            AttributeTable attributes = signer.getSignedAttributes();
            if (attributes == null) {
                throw new MalformedScepMessageException("the pkiMessage has no signed attributes");
            }
            ASN1Encodable transactionId = single(attributes, TRANSACTION_ID, "transactionID");
            if (!(transactionId instanceof ASN1String)) {
                throw new MalformedScepMessageException("the transactionID is not a string");
            }
            ASN1Encodable messageType = single(attributes, MESSAGE_TYPE, "messageType");
            int type;
            try {
                type = Integer.parseInt(((ASN1String) messageType).getString());
            } catch (ClassCastException | NumberFormatException e) {
                throw new MalformedScepMessageException("the messageType is not a number in a string");
            }
            ASN1Encodable nonce = single(attributes, SENDER_NONCE, "senderNonce");
            if (!(nonce instanceof ASN1OctetString senderNonce)) {
                throw new MalformedScepMessageException("the senderNonce is not an OCTET STRING");
            }
            return new Request(signedData, signer, transactionId, type, senderNonce);
        }

        private static ASN1Encodable single(AttributeTable attributes, ASN1ObjectIdentifier type, String name)
                throws MalformedScepMessageException {
            Attribute attribute = attributes.get(type);
            if (attribute == null || attribute.getAttrValues().size() != 1) {
                throw new MalformedScepMessageException("the pkiMessage has no single " + name + " attribute");
            }
            return attribute.getAttrValues().getObjectAt(0);
        }

        String transactionIdText() {
            // It goes to the log: keep a hostile client from writing lines of its own there.
            String text = ((ASN1String) transactionId).getString().replaceAll("[^\\x20-\\x7e]", "?");
            return text.length() > MAX_LOGGED_ID ? text.substring(0, MAX_LOGGED_ID) + "..." : text;
        }
    }
}
