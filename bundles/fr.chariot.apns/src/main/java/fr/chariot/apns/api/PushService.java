package fr.chariot.apns.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Sends MDM pushes ({@code {"mdm": PushMagic}}) through APNs with the installed push certificate. */
public interface PushService {

    /**
     * Pushes to every target, a bounded number at a time, retrying 429 and 5xx answers with backoff.
     * Never fails: each target's outcome says what happened.
     *
     * @return the outcomes, in the order of the targets
     */
    CompletionStage<List<PushOutcome>> push(Collection<PushTarget> targets);

    /** The installed push certificate, if any. */
    Optional<PushCertificate> certificate();
}
