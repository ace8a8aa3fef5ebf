package fr.chariot.pki.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import fr.chariot.pki.api.IdentityException;

class DeviceCaTest {

    private static final KeyPair DEVICE = TestPki.rsa();

    private static DeviceCa caAt(Instant now) {
        return new DeviceCa(TestPki.keys(), Clock.fixed(now, ZoneOffset.UTC), TestPki.RANDOM);
    }

    @Test
    void issuesDeviceIdentitiesThatItsValidationAccepts() throws Exception {
        DeviceCa ca = caAt(TestPki.NOW);
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);

        assertDoesNotThrow(() -> ca.validate(device));
        assertEquals(Duration.ofDays(365), Duration.between(TestPki.NOW, device.getNotAfter().toInstant()));
        assertTrue(device.getNotBefore().toInstant().isBefore(TestPki.NOW), "backdated for device clocks");
        assertTrue(device.getKeyUsage()[0] && device.getKeyUsage()[2], "digitalSignature and keyEncipherment");
        assertEquals(List.of(KeyPurposeId.id_kp_clientAuth.getId()), device.getExtendedKeyUsage());
        assertTrue(device.getSerialNumber().signum() > 0);
        assertTrue(device.getSerialNumber().bitLength() <= 128);
        assertTrue(device.getSerialNumber().compareTo(BigInteger.ONE.shiftLeft(64)) > 0, "random, not counted");
    }

    @Test
    void refusesACertificateFromAnotherCa() {
        X509Certificate foreign = TestPki.deviceIdentity(TestPki.otherKeys(), DEVICE, TestPki.NOW);

        IdentityException e = assertThrows(IdentityException.class, () -> caAt(TestPki.NOW).validate(foreign));
        assertTrue(e.getMessage().contains("not issued by Chariot's device CA"), e.getMessage());
    }

    @Test
    void refusesAnExpiredCertificateAndOneNotYetValid() {
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), DEVICE, TestPki.NOW);

        IdentityException expired = assertThrows(IdentityException.class,
                () -> caAt(TestPki.NOW.plus(Duration.ofDays(366))).validate(device));
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        IdentityException early = assertThrows(IdentityException.class,
                () -> caAt(TestPki.NOW.minus(Duration.ofDays(1))).validate(device));
        assertTrue(early.getMessage().contains("not valid before"), early.getMessage());
    }

    @Test
    void theProfileSignerAndTheCaItselfAreNoDeviceIdentities() {
        DeviceCa ca = caAt(TestPki.NOW.plus(Duration.ofDays(1)));

        IdentityException signer = assertThrows(IdentityException.class,
                () -> ca.validate(TestPki.keys().signingCertificate()));
        assertTrue(signer.getMessage().contains("clientAuth"), signer.getMessage());
        IdentityException caItself = assertThrows(IdentityException.class,
                () -> ca.validate(TestPki.keys().caCertificate()));
        assertTrue(caItself.getMessage().contains("CA certificate"), caItself.getMessage());
    }

    @Test
    void refusesNoCertificateWithAnIdentityException() {
        assertThrows(IdentityException.class, () -> caAt(TestPki.NOW).validate(null));
    }
}
