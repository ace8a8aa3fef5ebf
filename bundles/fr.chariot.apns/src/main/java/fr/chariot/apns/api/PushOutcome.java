package fr.chariot.apns.api;

import java.util.Optional;

/**
 * What APNs said of one push.
 *
 * @param target the channel
 * @param result the outcome
 * @param reason APNs' reason or the local error, when not accepted
 */
public record PushOutcome(PushTarget target, Result result, Optional<String> reason) {

    /** Outcomes that matter to the caller. */
    public enum Result {
        /** APNs accepted it. */
        ACCEPTED,
        /** 410 Unregistered: the token is dead (device wiped or unenrolled); stop pushing to it. */
        UNREGISTERED,
        /** APNs refused it for good (bad token, wrong topic, certificate problem). */
        REJECTED,
        /** It could not be delivered after the retries (network, 429, 5xx). */
        FAILED,
        /** No push certificate is installed. */
        NO_CERTIFICATE
    }
}
