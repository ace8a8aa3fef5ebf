package fr.chariot.simulator.api;

import java.security.cert.X509Certificate;

import fr.chariot.simulator.internal.Apns;

/**
 * A local stand-in for Apple's push service: Pushy's mock APNs server on 127.0.0.1 with real TLS and HTTP/2,
 * a generated CA, server certificate and "Apple MDM push certificate". Point the server's APNs client at
 * {@code 127.0.0.1:}{@link #port()}, make it trust {@link #serverCaPem()} and authenticate with
 * {@link #pushCertificatePem()}. A push {@code {"mdm":"<PushMagic>"}} to a registered token wakes that channel
 * asynchronously; a wrong PushMagic is accepted and ignored (as an iPad does); an unknown token is answered
 * 410 {@code Unregistered}.
 */
public interface SimulatedApns extends AutoCloseable {

    /** Generates the certificates and starts listening on a free port. */
    static SimulatedApns start() {
        return Apns.start();
    }

    int port();

    /** @return {@code 127.0.0.1} */
    String host();

    /** @return the CA that signed the mock's TLS certificate (SAN 127.0.0.1, localhost), PEM */
    String serverCaPem();

    X509Certificate serverCaCertificate();

    /** @return the push certificate then its PKCS#8 private key, PEM, as the server uploads it */
    String pushCertificatePem();

    X509Certificate pushCertificate();

    /** @return the push certificate's UID, {@code com.apple.mgmt.External.<uuid>} */
    String topic();

    /**
     * Registers a channel's push token (iPads do this themselves; tests may register a hook directly).
     *
     * @param onPush run on a worker thread for each accepted push whose PushMagic matches
     */
    void register(byte[] token, String topic, String pushMagic, Runnable onPush);

    /** Forgets a token: pushes to it are then answered 410. */
    void unregister(byte[] token);

    /** @return pushes accepted for this token (whatever their PushMagic) */
    long pushesAccepted(byte[] token);

    long totalPushesAccepted();

    /** @return accepted pushes that woke nothing (wrong or missing PushMagic) */
    long pushesIgnored();

    /** @return pushes refused with an HTTP error (unknown token, wrong topic...) */
    long pushesRejected();

    /** Stops the server and its worker threads. */
    @Override
    void close();
}
