package fr.chariot.pki.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.pki.api.IssuedIdentity;
import fr.chariot.pki.internal.Crypto;
import fr.chariot.pki.internal.Derby;
import fr.chariot.pki.internal.TestPki;

class PkiDatabaseTest {

    private static final KeyPair DEVICE = TestPki.rsa();

    @TempDir
    Path folder;
    private Derby derby;
    private final AtomicReference<Instant> now = new AtomicReference<>(TestPki.NOW);
    private PkiDatabase database;

    @BeforeEach
    void open() throws Exception {
        derby = new Derby(folder);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        database = new PkiDatabase(derby.dataSource, clock, TestPki.RANDOM);
    }

    @AfterEach
    void close() {
        derby.close();
    }

    private X509Certificate newIdentity(String rne) {
        return TestPki.deviceIdentity(TestPki.keys(), DEVICE, now.get());
    }

    @Test
    void aChallengeIsStoredOnlyAsItsHashAndBuysOneIdentityForItsCollege() throws Exception {
        String challenge = database.issue(" 0310001a ", Duration.ofHours(1));

        assertEquals(40, challenge.length());
        assertEquals(1, derby.count("SELECT COUNT(*) FROM pki_challenge WHERE hash = '"
                + Crypto.fingerprint(challenge.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'"));
        assertEquals(0, derby.count("SELECT COUNT(*) FROM pki_challenge WHERE hash = '" + challenge + "'"));

        Redemption redemption = database.redeem(challenge, this::newIdentity);

        Redemption.Issued issued = assertInstanceOf(Redemption.Issued.class, redemption);
        assertEquals("0310001A", issued.identity().rne());
        Optional<IssuedIdentity> found = database.find(Crypto.fingerprint(issued.certificate()).toUpperCase());
        assertEquals(Optional.of(issued.identity()), found);
        assertEquals(issued.certificate().getSerialNumber().toString(16), found.get().serialNumber());
        assertEquals(issued.certificate().getNotAfter().toInstant(), found.get().notAfter());
        assertEquals(Optional.empty(), found.get().renewedFrom());
        assertEquals(1, derby.count("SELECT COUNT(*) FROM pki_challenge WHERE used_at IS NOT NULL"));
    }

    @Test
    void aChallengeCannotBeUsedTwice() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        database.redeem(challenge, this::newIdentity);

        Redemption second = database.redeem(challenge, rne -> {
            throw new AssertionError("must not issue");
        });

        assertTrue(assertInstanceOf(Redemption.Refused.class, second).reason().contains("already used"));
        assertEquals(1, derby.count("SELECT COUNT(*) FROM pki_issued"));
    }

    @Test
    void anExpiredOrUnknownChallengeIsRefusedAndNothingIsRecorded() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofMinutes(10));
        now.set(TestPki.NOW.plus(Duration.ofMinutes(10)));

        Redemption expired = database.redeem(challenge, this::newIdentity);
        Redemption unknown = database.redeem("0123456789", this::newIdentity);

        assertTrue(assertInstanceOf(Redemption.Refused.class, expired).reason().contains("expired"));
        assertTrue(assertInstanceOf(Redemption.Refused.class, unknown).reason().contains("unknown"));
        assertEquals(0, derby.count("SELECT COUNT(*) FROM pki_issued"));
        assertEquals(0, derby.count("SELECT COUNT(*) FROM pki_challenge WHERE used_at IS NOT NULL"));
    }

    @Test
    void aFailedIssuanceLeavesTheChallengeUsable() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));

        assertThrows(IllegalStateException.class, () -> database.redeem(challenge, rne -> {
            throw new IllegalStateException("signing failed");
        }));

        assertInstanceOf(Redemption.Issued.class, database.redeem(challenge, this::newIdentity));
    }

    @Test
    void aRenewalInheritsTheCollegeAndRecordsWhatItRenews() throws Exception {
        String challenge = database.issue("0310001A", Duration.ofHours(1));
        X509Certificate first = ((Redemption.Issued) database.redeem(challenge, this::newIdentity)).certificate();
        now.set(TestPki.NOW.plus(Duration.ofDays(300)));

        Redemption renewal = database.renew(first, this::newIdentity);

        IssuedIdentity renewed = assertInstanceOf(Redemption.Issued.class, renewal).identity();
        assertEquals("0310001A", renewed.rne());
        assertEquals(Optional.of(Crypto.fingerprint(first)), renewed.renewedFrom());
        assertEquals(Optional.of(renewed), database.find(renewed.fingerprint()));
    }

    @Test
    void aRenewalOfAnUnrecordedCertificateIsRefused() throws Exception {
        Redemption renewal = database.renew(newIdentity("0310001A"), this::newIdentity);

        assertInstanceOf(Redemption.Refused.class, renewal);
        assertEquals(0, derby.count("SELECT COUNT(*) FROM pki_issued"));
    }

    @Test
    void badArgumentsAreRefusedWithoutRecordingAnything() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> database.issue("college", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> database.issue("0310001A", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> database.issue("0310001A", Duration.ofDays(32)));
        assertEquals(0, derby.count("SELECT COUNT(*) FROM pki_challenge"));
        assertEquals(Optional.empty(), database.find("00"));
        assertEquals(Optional.empty(), database.find(null));
    }
}
