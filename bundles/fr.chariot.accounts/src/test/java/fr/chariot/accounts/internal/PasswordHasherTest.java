package fr.chariot.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private final PasswordHasher hasher = PasswordHasher.standard(new SecureRandom());

    @Test
    void hashIsAPhcStringCarryingTheDefaultArgon2idParameters() {
        String phc = hasher.hash("correct horse".toCharArray());

        Pattern format = Pattern.compile(
                "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertTrue(format.matcher(phc).matches(), phc);
    }

    @Test
    void theRightPasswordVerifiesAndAnotherDoesNot() {
        String phc = hasher.hash("correct horse".toCharArray());

        assertTrue(hasher.verify("correct horse".toCharArray(), phc));
        assertFalse(hasher.verify("correct horsE".toCharArray(), phc));
        assertFalse(hasher.verify(new char[0], phc));
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertNotEquals(hasher.hash("same".toCharArray()), hasher.hash("same".toCharArray()));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        String phc = hasher.hash("Éléonore-ç".toCharArray());

        assertTrue(hasher.verify("Éléonore-ç".toCharArray(), phc));
        assertFalse(hasher.verify("Eleonore-c".toCharArray(), phc));
    }

    /** Vectors of the reference implementation (phc-winner-argon2), so hashes are portable to other tools. */
    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"})
    void verifiesHashesOfTheReferenceImplementationWithTheirOwnParameters(String reference) {
        assertTrue(hasher.verify("password".toCharArray(), reference));
        assertFalse(hasher.verify("passwore".toCharArray(), reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "password", "$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
        "$argon2id$v=16$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
        "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
        "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$c2hvcnQ"})
    void malformedOrForeignStringsMatchNothing(String stored) {
        assertFalse(hasher.verify("password".toCharArray(), stored));
    }
}
