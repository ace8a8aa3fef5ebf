package fr.chariot.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.dd.plist.NSDictionary;

import fr.chariot.simulator.api.MdmHttpException;
import fr.chariot.simulator.api.ProfileInfo;
import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SessionSummary;
import fr.chariot.simulator.api.SignatureDigest;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;
import fr.chariot.simulator.api.SimulatorException;

/** Real HTTP against a fake server written from the contract: enroll, check in, push, connect, answer. */
class EnrollmentRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STUDENT = "eleve.dupont@college.fr";
    /**
     * Keys the server contract asks for although the iOS schema marks them n/a (macOS keys): Authenticate's
     * DeviceName, Model, ModelName and the Shared iPad user's UserLongName.
     */
    private static final Set<String> CONTRACT_EXTRAS = Set.of("Authenticate.DeviceName", "Authenticate.Model",
        "Authenticate.ModelName", "TokenUpdate.UserLongName");

    private static Apns apns;
    private FakeChariotServer server;

    @BeforeAll
    static void startApns() {
        apns = Apns.start();
    }

    @AfterAll
    static void stopApns() {
        apns.close();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeChariotServer(apns);
    }

    @AfterEach
    void stopServer() throws Exception {
        assertEquals(List.of(), server.problems, "what a real server would refuse");
        server.close();
    }

    private static void assertCheckInMatchesSchema(FakeChariotServer.Received received, String file) {
        List<String> problems = Schema.check(received.plist(),
            Schema.keys(Schema.load("checkin/" + file + ".yaml"), "payloadkeys"), received.messageType());
        problems.removeIf(p -> CONTRACT_EXTRAS.stream().anyMatch(extra -> p.equals(extra + " is not in the schema")));
        assertEquals(List.of(), problems);
    }

    @Test
    void enrollAuthenticateTokenUpdatePushConnectAndAnswer() throws Exception {
        Ipad ipad = (Ipad) SimulatedIpad.create(42, Role.TEACHER_SHARED);
        ipad.enroll(server.base(), FakeChariotServer.RNE, apns);

        assertTrue(ipad.enrolled());
        assertTrue(ipad.udid().matches("00008103-[0-9A-F]{16}"));
        assertTrue(ipad.serialNumber().matches("DMP[0-9A-Z]{9}"));
        FakeChariotServer.Received authenticate = server.checkIns.get(0);
        FakeChariotServer.Received tokenUpdate = server.checkIns.get(1);
        assertEquals("Authenticate", authenticate.messageType());
        assertEquals("TokenUpdate", tokenUpdate.messageType());
        assertCheckInMatchesSchema(authenticate, "authenticate");
        assertCheckInMatchesSchema(tokenUpdate, "tokenupdate");
        assertEquals(apns.topic(), Plists.string(authenticate.plist(), "Topic"));
        assertEquals(ipad.udid(), Plists.string(authenticate.plist(), "UDID"));
        assertEquals("iPad13,18", Plists.string(authenticate.plist(), "ProductName"));
        assertArrayEquals(ipad.pushToken(), Plists.data(tokenUpdate.plist(), "Token"));
        assertEquals(ipad.pushMagic(), Plists.string(tokenUpdate.plist(), "PushMagic"));
        assertNotNull(Plists.data(tokenUpdate.plist(), "UnlockToken"), "a single-user iPad sends its UnlockToken");
        assertEquals(ipad.identityCertificate(), tokenUpdate.signer());
        assertEquals(OIWObjectIdentifiers.idSHA1.getId(), tokenUpdate.digestOid());
        ProfileInfo enrollment = ipad.profiles().get(0);
        assertTrue(enrollment.signed() && !enrollment.managed());
        assertTrue(enrollment.payloadTypes().contains("com.apple.mdm"));

        String query = server.enqueue(ipad.udid(), "DeviceInformation",
            Map.of("Queries", List.of("UDID", "DeviceName", "BatteryLevel", "IsSupervised")));
        double batteryBefore = ipad.batteryLevel();
        assertTrue(server.push(ipad.udid(), null).isAccepted());
        assertTrue(ipad.awaitSessionsCompleted(1, WAIT), "the push made the iPad connect");
        NSDictionary result = server.result(query);
        assertEquals("Acknowledged", Plists.string(result, "Status"));
        NSDictionary answers = Plists.dictionary(result, "QueryResponses");
        assertEquals(ipad.udid(), Plists.string(answers, "UDID"));
        assertEquals(Boolean.TRUE, Plists.bool(answers, "IsSupervised"));
        NSDictionary responseKeys = new NSDictionary();
        responseKeys.put("QueryResponses", answers);
        assertEquals(List.of(), Schema.check(responseKeys,
            Schema.keys(Schema.load("commands/information.device.yaml"), "responsekeys"), "DeviceInformation"));
        assertTrue(ipad.batteryLevel() < batteryBefore, "each connect drains the battery a little");
        assertEquals("Idle", Plists.string(server.connects.get(0).plist(), "Status"));

        long ignored = apns.pushesIgnored();
        assertTrue(server.push(ipad.udid(), "NOT-THE-MAGIC").isAccepted());
        assertEquals(ignored + 1, apns.pushesIgnored(), "a wrong PushMagic wakes nothing");

        ipad.setLocked(true);
        server.enqueue(ipad.udid(), "InstallProfile", Map.of("Payload", server.ca.signAttached(Plists.xml(
            (NSDictionary) Plists.toPlist(Map.of("PayloadType", "Configuration", "PayloadVersion", 1L,
                "PayloadIdentifier", "fr.chariot.test", "PayloadUUID", "U1", "PayloadContent", List.of()))))));
        SessionSummary locked = ipad.connect();
        assertEquals("NotNow", locked.commands().get(0).status());
        long sessions = ipad.sessionsCompleted();
        String again = server.enqueue(ipad.udid(), "ProfileList", Map.of());
        ipad.setLocked(false);
        assertTrue(ipad.awaitSessionsCompleted(sessions + 1, WAIT), "unlocking brings the iPad back by itself");
        assertEquals("Acknowledged", Plists.string(server.result(again), "Status"));

        ipad.failNext("SecurityInfo");
        String failing = server.enqueue(ipad.udid(), "SecurityInfo", Map.of());
        assertEquals(List.of("SecurityInfo"), ipad.connect().requestTypes());
        assertEquals("Error", Plists.string(server.result(failing), "Status"));
        assertFalse(Plists.dictionaries(server.result(failing), "ErrorChain").isEmpty());

        byte[] token = ipad.pushToken();
        ipad.checkOut();
        assertEquals(1, server.checkIns("CheckOut").size());
        assertCheckInMatchesSchema(server.checkIns("CheckOut").get(0), "checkout");
        assertFalse(ipad.enrolled());
        assertEquals(410, server.push(ipad.udid(), null).getStatusCode(), "a checked-out token is unregistered");
        assertEquals(2, apns.pushesAccepted(token), "the right and the wrong PushMagic were both accepted");
    }

    @Test
    void sharedIpadSignsWithSha256AndOpensAUserChannelPerStudent() throws Exception {
        Ipad ipad = (Ipad) SimulatedIpad.create(43, Role.STUDENT_SHARED);
        ipad.setSignatureDigest(SignatureDigest.SHA256);
        ipad.enroll(server.base(), FakeChariotServer.RNE, apns);
        FakeChariotServer.Received deviceToken = server.checkIns("TokenUpdate").get(0);
        assertNull(Plists.data(deviceToken.plist(), "UnlockToken"), "no UnlockToken on Shared iPad");
        assertEquals(NISTObjectIdentifiers.id_sha256.getId(), deviceToken.digestOid());

        ipad.loginUser(STUDENT, "Léa Dupont");
        FakeChariotServer.Received userToken = server.checkIns("TokenUpdate").get(1);
        assertCheckInMatchesSchema(userToken, "tokenupdate");
        assertEquals(SimulatedIpad.SHARED_IPAD_USER_ID, Plists.string(userToken.plist(), "UserID"));
        assertEquals(STUDENT, Plists.string(userToken.plist(), "UserShortName"));
        assertEquals("Léa Dupont", Plists.string(userToken.plist(), "UserLongName"));
        assertArrayEquals(ipad.userPushToken(STUDENT), Plists.data(userToken.plist(), "Token"));
        assertFalse(java.util.Arrays.equals(ipad.pushToken(), ipad.userPushToken(STUDENT)));

        String list = server.enqueue(ipad.udid() + "/" + STUDENT, "ProfileList", Map.of());
        assertTrue(server.push(ipad.udid() + "/" + STUDENT, null).isAccepted());
        assertTrue(ipad.awaitSessionsCompleted(1, WAIT));
        NSDictionary result = server.result(list);
        assertEquals("Acknowledged", Plists.string(result, "Status"));
        assertEquals(STUDENT, Plists.string(result, "UserShortName"));
        assertEquals(List.of(STUDENT), ipad.residentUsers());
        assertEquals(STUDENT, ipad.loggedInUser().orElseThrow());
    }

    @Test
    void anUnknownCollegeAnswers404AndNothingIsEnrolled() {
        SimulatedIpad ipad = SimulatedIpad.create(44, Role.TEACHER_PERSONAL);
        MdmHttpException refused = assertThrows(MdmHttpException.class,
            () -> ipad.enroll(server.base(), "9999999Z", apns));
        assertEquals(404, refused.status());
        assertFalse(ipad.enrolled());
        assertTrue(server.checkIns.isEmpty());
    }

    @Test
    void aSharedIpadRefusesAProfileWithoutPerUserConnections() {
        server.perUserConnections = false;
        SimulatedIpad ipad = SimulatedIpad.create(45, Role.STUDENT_SHARED);
        SimulatorException refused = assertThrows(SimulatorException.class,
            () -> ipad.enroll(server.base(), FakeChariotServer.RNE, apns));
        assertTrue(refused.getMessage().contains("per-user-connections"));
        assertTrue(server.checkIns.isEmpty());
    }

    @Test
    void aCartOfNineteenEnrollsAndAnswersPushesAtOnce() throws Exception {
        SimulatedCart cart = SimulatedCart.create(FakeChariotServer.RNE, 19, 500);
        cart.enrollAll(server.base(), apns);
        assertEquals(38, server.checkIns.size());
        assertEquals(19, cart.ipads().stream().map(SimulatedIpad::udid).distinct().count());
        assertEquals(Role.TEACHER_SHARED, cart.ipads().get(0).role());

        Map<SimulatedIpad, String> queries = new java.util.HashMap<>();
        for (SimulatedIpad ipad : cart.ipads()) {
            queries.put(ipad, server.enqueue(ipad.udid(), "DeviceInformation", Map.of("Queries", List.of("SerialNumber"))));
        }
        for (SimulatedIpad ipad : cart.ipads()) {
            assertTrue(server.push(ipad.udid(), null).isAccepted());
        }
        for (SimulatedIpad ipad : cart.ipads()) {
            assertTrue(ipad.awaitSessionsCompleted(1, WAIT), ipad.udid());
        }
        assertTrue(cart.awaitIdle(WAIT));
        for (SimulatedIpad ipad : cart.ipads()) {
            NSDictionary answers = Plists.dictionary(server.result(queries.get(ipad)), "QueryResponses");
            assertEquals(ipad.serialNumber(), Plists.string(answers, "SerialNumber"));
            assertTrue(ipad.lastSessionFailure().isEmpty());
        }
        assertEquals(19, cart.connectAll().size());
    }
}
