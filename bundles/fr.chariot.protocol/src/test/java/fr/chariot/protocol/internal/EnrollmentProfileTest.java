package fr.chariot.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.chariot.api.AppleSchema;
import fr.chariot.api.Site;
import fr.chariot.plist.api.Plist;

/** The enrollment profile against Apple's profile schema (mdm/profiles/*.yaml), keys and types. */
class EnrollmentProfileTest {

    private static Map<String, Object> profile;

    @BeforeAll
    static void build() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Chariot Device CA");
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        // Through XML and back, as the iPad reads it.
        profile = Plist.parseDictionary(Plist.toXml(EnrollmentProfile.build(new Site("0310001A", "Collège Jean Jaurès"),
                URI.create("https://mdm.college.fr"), "com.apple.mgmt.External.1234", "challenge-xyz", ca)));
    }

    @Test
    void theTopLevelFollowsAppleSchema() {
        List<String> problems = AppleSchema.profile("TopLevel").payloadProblems(profile);
        assertTrue(problems.isEmpty(), String.join("; ", problems));
        assertEquals("Configuration", profile.get("PayloadType"));
    }

    @Test
    void everyPayloadFollowsItsSchema() {
        List<?> payloads = (List<?>) profile.get("PayloadContent");
        assertEquals(3, payloads.size());
        for (Object payload : payloads) {
            Map<?, ?> dict = (Map<?, ?>) payload;
            @SuppressWarnings("unchecked")
            List<String> problems = AppleSchema.profile((String) dict.get("PayloadType"))
                    .payloadProblems((Map<String, ?>) dict);
            assertTrue(problems.isEmpty(), dict.get("PayloadType") + ": " + String.join("; ", problems));
        }
    }

    @Test
    void theMdmPayloadPointsAtChariotAndUsesTheScepIdentity() {
        List<?> payloads = (List<?>) profile.get("PayloadContent");
        Map<?, ?> scep = (Map<?, ?>) payloads.get(1);
        Map<?, ?> mdm = (Map<?, ?>) payloads.get(2);
        assertEquals("https://mdm.college.fr/mdm/connect", mdm.get("ServerURL"));
        assertEquals("https://mdm.college.fr/mdm/checkin", mdm.get("CheckInURL"));
        assertEquals("com.apple.mgmt.External.1234", mdm.get("Topic"));
        assertEquals(scep.get("PayloadUUID"), mdm.get("IdentityCertificateUUID"));
        assertEquals(Boolean.TRUE, mdm.get("SignMessage"));
        assertEquals(8191L, mdm.get("AccessRights"));
        assertEquals(List.of("com.apple.mdm.per-user-connections"), mdm.get("ServerCapabilities"));
        Map<?, ?> scepContent = (Map<?, ?>) scep.get("PayloadContent");
        assertEquals("https://mdm.college.fr/scep", scepContent.get("URL"));
        assertEquals("challenge-xyz", scepContent.get("Challenge"));
    }
}
