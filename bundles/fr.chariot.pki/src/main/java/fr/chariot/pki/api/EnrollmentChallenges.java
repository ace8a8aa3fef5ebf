package fr.chariot.pki.api;

import java.time.Duration;

/**
 * One-time SCEP challenges, each bound to a college's enrollment: a device that uses one gets an identity for that
 * college, and the challenge cannot be used again.
 */
public interface EnrollmentChallenges {

    /**
     * @param rne      the college the device will belong to
     * @param validity how long the challenge may wait for its SCEP request
     * @return a fresh random challenge
     */
    String issue(String rne, Duration validity);
}
