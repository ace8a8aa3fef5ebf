package fr.chariot.simulator.internal;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;

import fr.chariot.simulator.api.SimulatorException;

/**
 * What an iPad needs from an enrollment profile: the root CA, the SCEP payload and the MDM payload.
 *
 * @param rootCertificate the {@code com.apple.security.root} payload's certificate, null when absent
 * @param keySize         the SCEP {@code Keysize} (1024 when absent, as on iOS)
 */
public record EnrollmentProfile(ProfileDocument document, X509Certificate rootCertificate, URI scepUrl,
                                String challenge, X500Name subject, int keySize, String topic, URI serverUrl,
                                URI checkInUrl, boolean signMessage, long accessRights,
                                List<String> serverCapabilities) {

    public static final String PER_USER_CONNECTIONS = "com.apple.mdm.per-user-connections";

    /** @throws SimulatorException naming what is missing or wrong */
    public static EnrollmentProfile parse(byte[] bytes) {
        ProfileDocument document = ProfileDocument.read(bytes, "the enrollment profile");
        NSDictionary top = document.plist();
        if (!"Configuration".equals(Plists.string(top, "PayloadType"))) {
            throw new SimulatorException("the enrollment profile's PayloadType is not Configuration");
        }
        X509Certificate root = null;
        NSDictionary scep = null;
        String scepUuid = null;
        NSDictionary mdm = null;
        for (NSDictionary payload : Plists.dictionaries(top, "PayloadContent")) {
            String type = Plists.string(payload, "PayloadType");
            if ("com.apple.security.root".equals(type)) {
                byte[] der = Plists.data(payload, "PayloadContent");
                if (der == null) {
                    throw new SimulatorException("the root payload has no certificate data");
                }
                root = Pki.certificate(der);
            } else if ("com.apple.security.scep".equals(type)) {
                scep = Plists.dictionary(payload, "PayloadContent");
                scepUuid = Plists.string(payload, "PayloadUUID");
            } else if ("com.apple.mdm".equals(type)) {
                mdm = payload;
            }
        }
        if (scep == null) {
            throw new SimulatorException("the enrollment profile has no com.apple.security.scep payload with a PayloadContent dictionary");
        }
        if (mdm == null) {
            throw new SimulatorException("the enrollment profile has no com.apple.mdm payload");
        }
        String identityUuid = Plists.string(mdm, "IdentityCertificateUUID");
        if (identityUuid == null || !identityUuid.equals(scepUuid)) {
            throw new SimulatorException("IdentityCertificateUUID " + identityUuid
                + " is not the SCEP payload's PayloadUUID " + scepUuid);
        }
        String topic = required(mdm, "Topic");
        if (!topic.startsWith("com.apple.mgmt.")) {
            throw new SimulatorException("the MDM Topic " + topic + " does not start with com.apple.mgmt.");
        }
        URI serverUrl = URI.create(required(mdm, "ServerURL"));
        String checkIn = Plists.string(mdm, "CheckInURL");
        Long keySize = Plists.integer(scep, "Keysize");
        Long accessRights = Plists.integer(mdm, "AccessRights");
        return new EnrollmentProfile(document, root, URI.create(required(scep, "URL")), Plists.string(scep, "Challenge"),
            subject(Plists.array(scep, "Subject")), keySize == null ? 1024 : keySize.intValue(), topic, serverUrl,
            checkIn == null ? serverUrl : URI.create(checkIn), Boolean.TRUE.equals(Plists.bool(mdm, "SignMessage")),
            accessRights == null ? 8191 : accessRights, Plists.strings(mdm, "ServerCapabilities"));
    }

    private static String required(NSDictionary dictionary, String key) {
        String value = Plists.string(dictionary, key);
        if (value == null || value.isBlank()) {
            throw new SimulatorException("the enrollment profile lacks " + key);
        }
        return value;
    }

    /**
     * The SCEP {@code Subject}: an array of RDNs, each an array of {@code [type, value]} pairs (a flat array of
     * pairs is accepted too). Types are short names ({@code CN}, {@code O}...) or dotted OIDs.
     */
    static X500Name subject(NSArray rdns) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (rdns == null) {
            return builder.build();
        }
        for (NSObject rdn : rdns.getArray()) {
            if (!(rdn instanceof NSArray rdnArray) || rdnArray.count() == 0) {
                throw new SimulatorException("SCEP Subject entries must be arrays");
            }
            List<NSObject> items = List.of(rdnArray.getArray());
            List<NSObject> pairs = items.get(0) instanceof NSArray ? items : List.of(rdnArray);
            ASN1ObjectIdentifier[] types = new ASN1ObjectIdentifier[pairs.size()];
            String[] values = new String[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                if (!(pairs.get(i) instanceof NSArray pair) || pair.count() != 2
                    || !(pair.objectAtIndex(0) instanceof NSString type) || !(pair.objectAtIndex(1) instanceof NSString value)) {
                    throw new SimulatorException("SCEP Subject pairs must be [type, value] strings");
                }
                types[i] = oid(type.getContent());
                values[i] = value.getContent();
            }
            builder.addMultiValuedRDN(types, values);
        }
        return builder.build();
    }

    private static ASN1ObjectIdentifier oid(String type) {
        if (type.matches("\\d+(\\.\\d+)+")) {
            return new ASN1ObjectIdentifier(type);
        }
        try {
            return BCStyle.INSTANCE.attrNameToOID(type);
        } catch (IllegalArgumentException e) {
            throw new SimulatorException("unknown SCEP Subject attribute type " + type, e);
        }
    }
}
