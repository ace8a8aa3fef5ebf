package fr.chariot.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.apns.api.PushTarget;

class DeviceStoreTest {

    private static final String UDID = "00008103-000A1B2C3D4E5F60";
    private static final byte[] TOKEN = {1, 2, 3, (byte) 0xfe};
    private static final byte[] UNLOCK = "unlock-token-secret".getBytes();

    @TempDir
    Path tmp;
    private DataSource db;
    private DeviceStore store;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.create(tmp);
        store = new DeviceStore(db, SecretBox.open(tmp.resolve("keys/unlock.key")));
    }

    @Test
    void enrollmentFinishesAtTheFirstTokenUpdateOnly() {
        store.authenticate(UDID, "0310001A", "f1", Map.of("SerialNumber", "DMP123", "OSVersion", "18.1"));
        DeviceRecord authenticated = store.find(new DeviceId(UDID)).orElseThrow();
        assertFalse(authenticated.enrolled());
        assertEquals(Optional.of("DMP123"), authenticated.serialNumber());

        assertTrue(store.tokenUpdate(UDID, TOKEN, "magic-1", Optional.of(UNLOCK), false));
        assertFalse(store.tokenUpdate(UDID, TOKEN, "magic-2", Optional.empty(), false), "only the first enrolls");

        DeviceRecord enrolled = store.find(new DeviceId(UDID)).orElseThrow();
        assertTrue(enrolled.enrolled() && enrolled.pushable());
        assertEquals(Optional.of(new PushTarget("010203fe", "magic-2")), store.pushTarget(UDID, ""));
        assertArrayEquals(UNLOCK, store.unlockToken(UDID).orElseThrow(), "kept when a later update has none");
    }

    @Test
    void theUnlockTokenIsEncryptedAtRest() throws Exception {
        store.authenticate(UDID, "0310001A", "f1", Map.of());
        store.tokenUpdate(UDID, TOKEN, "magic", Optional.of(UNLOCK), false);
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT unlock_token FROM mdm_device")) {
            rs.next();
            byte[] stored = rs.getBytes(1);
            assertFalse(Arrays.equals(UNLOCK, stored));
            assertFalse(new String(stored).contains("unlock-token-secret"));
        }
    }

    @Test
    void reEnrollingForgetsTheOldTokenAndBindsTheNewIdentity() {
        store.authenticate(UDID, "0310001A", "f1", Map.of());
        store.tokenUpdate(UDID, TOKEN, "magic", Optional.empty(), false);
        store.authenticate(UDID, "0310001A", "f2", Map.of());

        assertEquals("f2", store.binding(UDID).orElseThrow().fingerprint());
        assertFalse(store.binding(UDID).orElseThrow().enrolled());
        assertTrue(store.pushTarget(UDID, "").isEmpty());
        assertEquals(Optional.of(UDID), store.udidBoundTo("f2"));
        assertTrue(store.udidBoundTo("f1").isEmpty());
    }

    @Test
    void aDeadTokenIsNoLongerPushedTo() {
        store.authenticate(UDID, "0310001A", "f1", Map.of());
        store.tokenUpdate(UDID, TOKEN, "magic", Optional.empty(), false);
        store.markPushDead("010203fe");
        assertTrue(store.pushTarget(UDID, "").isEmpty());
        store.tokenUpdate(UDID, new byte[] {9}, "magic-2", Optional.empty(), false);
        assertEquals("09", store.pushTarget(UDID, "").orElseThrow().token(), "a new token revives it");
    }

    @Test
    void sharedIpadUsersHaveTheirOwnChannel() {
        store.authenticate(UDID, "0310001A", "f1", Map.of());
        store.userTokenUpdate(UDID, "eleve.dupont@college.fr", Optional.of("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"),
                Optional.of("Camille Dupont"), new byte[] {7}, "user-magic");
        store.userTokenUpdate(UDID, "eleve.dupont@college.fr", Optional.empty(), Optional.empty(), new byte[] {8},
                "user-magic-2");
        assertEquals(new PushTarget("08", "user-magic-2"), store.pushTarget(UDID, "eleve.dupont@college.fr")
                .orElseThrow());
    }

    @Test
    void checkOutEndsTheEnrollment() {
        store.authenticate(UDID, "0310001A", "f1", Map.of());
        store.tokenUpdate(UDID, TOKEN, "magic", Optional.empty(), false);
        store.checkOut(UDID);
        assertFalse(store.find(new DeviceId(UDID)).orElseThrow().enrolled());
        assertTrue(store.pushTarget(UDID, "").isEmpty());
    }

    @Test
    void aLongDeviceNameNeverFailsTheRequest() {
        store.authenticate(UDID, "0310001A", "f1", Map.of("DeviceName", "x".repeat(5000)));
        assertEquals(255, store.find(new DeviceId(UDID)).orElseThrow().deviceName().orElseThrow().length());
    }
}
