package fr.chariot.pki.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.ContentVerifier;

import fr.chariot.pki.api.IdentityException;

/**
 * The CMS half of {@code Mdm-Signature} verification (protocol.md §5): a detached SignedData over the exact request
 * body, one signer whose certificate is embedded. It says nothing about who issued that certificate; that is
 * {@link DeviceCa#validate}'s job, kept apart so each half is tested on its own (the real device capture passes this
 * half and fails the other, its signer being another CA's).
 *
 * <p><b>Signed attributes in the order received.</b> RFC 5652 makes the signer sign the DER encoding of its signed
 * attributes, which sorts the SET. BouncyCastle verifies against its own DER re-encoding, so a signer that signed
 * its attributes unsorted (as sent) fails there although its signature is sound. Chariot verifies against the
 * attributes <em>exactly as received</em>: when they arrive in DER order both are the same bytes and BouncyCastle's
 * own verification runs; when they arrive unsorted, the signature is checked over the received order, after
 * checking, as BouncyCastle would, that the {@code contentType} attribute says id-data and the
 * {@code messageDigest} attribute is the digest of the body. Order carries no meaning in a SET, so accepting it
 * weakens nothing: every byte the signer signed is still checked.
 */
public final class MdmSignature {

    /* Stateless and costly to build (tables of algorithm names): made once, shared by every request. */
    private static final CMSSignatureAlgorithmNameGenerator ALGORITHM_NAMES =
            new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final SignatureAlgorithmIdentifierFinder SIGNATURE_FINDER =
            new DefaultSignatureAlgorithmIdentifierFinder();
    private static final DigestCalculatorProvider DIGESTS_PROVIDER = digestCalculators();

    private static DigestCalculatorProvider digestCalculators() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK has SHA-1 and SHA-2", e);
        }
    }

    /** A signer's certificate as Java objects, parsed once: a device presents the same identity at every request. */
    private record Signer(X509Certificate certificate, PublicKey publicKey) {
    }

    /** A bound keeps memory flat whatever certificates are thrown at the server; past it, parsing starts afresh. */
    private static final int MAX_SIGNERS = 200_000;
    private static final Map<ByteBuffer, Signer> SIGNERS = new ConcurrentHashMap<>();

    private static Signer signer(X509CertificateHolder holder) throws IOException, GeneralSecurityException {
        ByteBuffer der = ByteBuffer.wrap(holder.getEncoded());
        Signer known = SIGNERS.get(der);
        if (known != null) {
            return known;
        }
        if (SIGNERS.size() > MAX_SIGNERS) {
            SIGNERS.clear();
        }
        // BouncyCastle parses the certificate: real devices' identities have an empty subject and no
        // SubjectAlternativeName, which the JDK's X.509 parser refuses.
        Signer parsed = new Signer(Crypto.toX509(holder), Crypto.jdkPublicKey(holder.getSubjectPublicKeyInfo()));
        SIGNERS.put(der, parsed);
        return parsed;
    }

    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha1WithRSAEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.id_ecPublicKey,
            X9ObjectIdentifiers.ecdsa_with_SHA1,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);

    private MdmSignature() {
    }

    /**
     * @param header the {@code Mdm-Signature} header: base64 of a detached CMS SignedData, BER or DER
     * @param body   the exact bytes of the request body
     * @return the signer's embedded certificate, not yet validated against any CA
     * @throws IdentityException for anything malformed or not verifying; never another exception
     */
    public static X509Certificate verify(String header, byte[] body) throws IdentityException {
        if (header == null || header.isBlank()) {
            throw new IdentityException("the Mdm-Signature header is missing or empty");
        }
        if (body == null) {
            throw new IdentityException("there is no request body to verify the signature against");
        }
        byte[] cms;
        try {
            cms = Base64.getDecoder().decode(header.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IdentityException("the Mdm-Signature header is not base64: " + e.getMessage());
        }
        try {
            return verifyCms(cms, body);
        } catch (IdentityException e) {
            throw e;
        } catch (Exception e) {
            // BouncyCastle signals malformed ASN.1 with CMSException, IOException and a variety of runtime
            // exceptions (IllegalArgumentException, ClassCastException, IllegalStateException...).
            throw new IdentityException("the Mdm-Signature header is not a usable CMS SignedData: " + e, e);
        }
    }

    private static X509Certificate verifyCms(byte[] cms, byte[] body) throws Exception {
        CMSSignedData signedData = new CMSSignedData(new CMSProcessableByteArray(body), cms);
        Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new IdentityException("the Mdm-Signature has " + signers.size() + " signers, not exactly one");
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signedData.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new IdentityException("the Mdm-Signature does not embed its signer's certificate");
        }
        Signer signerIdentity = signer(matches.iterator().next());
        X509Certificate certificate = signerIdentity.certificate();

        AlgorithmIdentifier digestAlgorithm = signer.getDigestAlgorithmID();
        String digestName = DIGESTS.get(digestAlgorithm.getAlgorithm());
        if (digestName == null) {
            throw new IdentityException("the Mdm-Signature uses the digest " + digestAlgorithm.getAlgorithm()
                    + ", not SHA-1 or SHA-2");
        }
        AlgorithmIdentifier signatureAlgorithm = signer.toASN1Structure().getDigestEncryptionAlgorithm();
        if (!SIGNATURES.contains(signatureAlgorithm.getAlgorithm())) {
            throw new IdentityException("the Mdm-Signature uses the signature algorithm "
                    + signatureAlgorithm.getAlgorithm() + ", neither RSA nor ECDSA");
        }
        // The public key, not the certificate: dates are DeviceCa.validate's business, judged on Chariot's clock.
        // The JDK's RSA/EC code verifies: BouncyCastle re-validates an RSA modulus (probabilistic prime tests) each
        // time it imports a public key, which cost milliseconds on every device request.
        SignerInformationVerifier verifier = new SignerInformationVerifier(ALGORITHM_NAMES, SIGNATURE_FINDER,
                new JcaContentVerifierProviderBuilder().build(signerIdentity.publicKey()),
                DIGESTS_PROVIDER);

        ASN1Set signedAttributes = signer.toASN1Structure().getAuthenticatedAttributes();
        boolean verified;
        if (signedAttributes == null || inDerOrder(signedAttributes)) {
            verified = signer.verify(verifier);
        } else {
            verified = verifyAsReceived(signer, signedAttributes, digestName, body, verifier);
        }
        if (!verified) {
            throw new IdentityException("the Mdm-Signature does not verify over the request body");
        }
        return certificate;
    }

    static boolean inDerOrder(ASN1Set attributes) throws IOException {
        return Arrays.equals(attributes.getEncoded(ASN1Encoding.DL), attributes.getEncoded(ASN1Encoding.DER));
    }

    private static boolean verifyAsReceived(SignerInformation signer, ASN1Set received, String digestName,
            byte[] body, SignerInformationVerifier verifier) throws Exception {
        AttributeTable attributes = new AttributeTable(received);
        ASN1Encodable contentType = singleValue(attributes, CMSAttributes.contentType);
        if (!PKCSObjectIdentifiers.data.equals(contentType)) {
            throw new IdentityException("the Mdm-Signature's contentType attribute is " + contentType
                    + ", not id-data");
        }
        ASN1Encodable messageDigest = singleValue(attributes, CMSAttributes.messageDigest);
        if (!(messageDigest instanceof ASN1OctetString octets)) {
            throw new IdentityException("the Mdm-Signature's messageDigest attribute is not an OCTET STRING");
        }
        byte[] expected = MessageDigest.getInstance(digestName).digest(body);
        if (!MessageDigest.isEqual(expected, octets.getOctets())) {
            throw new IdentityException("the Mdm-Signature's messageDigest does not match the request body");
        }
        ContentVerifier contentVerifier = verifier.getContentVerifier(
                signer.toASN1Structure().getDigestEncryptionAlgorithm(), signer.getDigestAlgorithmID());
        try (var out = contentVerifier.getOutputStream()) {
            // Exactly the bytes received, with the SET tag RFC 5652 §5.4 says the signature covers.
            out.write(received.getEncoded(ASN1Encoding.DL));
        }
        return contentVerifier.verify(signer.getSignature());
    }

    private static ASN1Encodable singleValue(AttributeTable attributes, ASN1ObjectIdentifier type)
            throws IdentityException {
        var all = attributes.getAll(type);
        if (all.size() != 1) {
            throw new IdentityException("the Mdm-Signature has " + all.size() + " " + type + " attributes, not one");
        }
        Attribute attribute = (Attribute) all.get(0);
        if (attribute.getAttrValues().size() != 1) {
            throw new IdentityException("the Mdm-Signature's attribute " + type + " does not have exactly one value");
        }
        return attribute.getAttrValues().getObjectAt(0);
    }
}
