package fr.chariot.accounts.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Cheap Argon2id parameters (these tests are about account rules) and a count of the verifications made. */
final class CountingHasher extends PasswordHasher {

    final AtomicInteger verifications = new AtomicInteger();

    CountingHasher() {
        super(64, 1, 1, new SecureRandom());
    }

    @Override
    boolean verify(char[] password, String phc) {
        verifications.incrementAndGet();
        return super.verify(password, phc);
    }
}
