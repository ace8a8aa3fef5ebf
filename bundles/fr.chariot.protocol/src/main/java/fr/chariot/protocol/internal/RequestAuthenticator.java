package fr.chariot.protocol.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.pki.api.DeviceIdentityAuthority;
import fr.chariot.pki.api.IdentityException;
import fr.chariot.pki.api.IssuedIdentities;
import fr.chariot.pki.api.IssuedIdentity;
import fr.chariot.pki.api.MessageSignatureVerifier;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is speaking, on every device request: the {@code Mdm-Signature} over the raw body (or the TLS client
 * certificate when Chariot terminates TLS) must come from an identity Chariot's CA issued, and that identity must
 * be the one bound to the UDID the message names. A device can never speak for another.
 */
@Component(service = RequestAuthenticator.class)
public class RequestAuthenticator {

    /** A verified identity: the certificate and its SHA-256 fingerprint. */
    record Identity(X509Certificate certificate, String fingerprint) {
    }

    static final String SIGNATURE_HEADER = "Mdm-Signature";
    private static final String TLS_CLIENT_CERTIFICATE = "jakarta.servlet.request.X509Certificate";

    private final MessageSignatureVerifier signatures;
    private final DeviceIdentityAuthority authority;
    private final IssuedIdentities issued;
    private final DeviceStore devices;

    @Activate
    public RequestAuthenticator(@Reference MessageSignatureVerifier signatures,
            @Reference DeviceIdentityAuthority authority, @Reference IssuedIdentities issued,
            @Reference DeviceStore devices) {
        this.signatures = signatures;
        this.authority = authority;
        this.issued = issued;
        this.devices = devices;
    }

    /** A device request whose signature holds: who sent it, its raw body, what it says, the UDID it names. */
    record SignedMessage(Identity identity, byte[] body, Map<String, Object> message, String udid) {
    }

    /**
     * Reads a device request: the raw body (within the size limit), its signature verified over those exact
     * bytes, then the body parsed. Nothing is parsed from an unauthenticated body.
     */
    SignedMessage read(HttpServletRequest request, int maxBodyBytes) throws IOException, ProtocolException {
        byte[] body = MdmRequest.body(request, maxBodyBytes);
        Identity identity = identify(request, body);
        Map<String, Object> message = MdmRequest.plist(body, maxBodyBytes);
        return new SignedMessage(identity, body, message, MdmRequest.udid(message));
    }

    /** Verifies the request's signature (before anything reads the body) and the signer. */
    Identity identify(HttpServletRequest request, byte[] body) throws ProtocolException {
        String header = request.getHeader(SIGNATURE_HEADER);
        X509Certificate certificate;
        try {
            if (header != null) {
                certificate = signatures.verify(header, body);
            } else if (request.getAttribute(TLS_CLIENT_CERTIFICATE) instanceof X509Certificate[] chain
                    && chain.length > 0) {
                certificate = chain[0];
                authority.validate(certificate);
            } else {
                throw new ProtocolException(401, "neither an Mdm-Signature header nor a TLS client certificate");
            }
        } catch (IdentityException e) {
            throw new ProtocolException(401, "identity refused: " + e.getMessage());
        }
        return new Identity(certificate, fingerprint(certificate));
    }

    /**
     * For an Authenticate: the identity must be one the SCEP server issued, not yet bound to another device.
     *
     * @return the college of the enrollment challenge the identity was issued for
     */
    String admitNewEnrollment(String udid, Identity identity) throws ProtocolException {
        IssuedIdentity issuedIdentity = issued.find(identity.fingerprint()).orElseThrow(() -> new ProtocolException(
                403, "the identity of " + udid + " was not issued by Chariot's SCEP server"));
        Optional<String> boundTo = devices.udidBoundTo(identity.fingerprint());
        if (boundTo.isPresent() && !boundTo.get().equals(udid)) {
            throw new ProtocolException(403, "the identity of device " + boundTo.get() + " was used for " + udid);
        }
        return issuedIdentity.rne();
    }

    /**
     * For every other request: the device must be known and the identity must be the one bound to it, or the SCEP
     * renewal of that one (then the device is bound to the renewal).
     */
    DeviceStore.Binding checkBound(String udid, Identity identity) throws ProtocolException {
        DeviceStore.Binding binding = devices.binding(udid)
                .orElseThrow(() -> ProtocolException.unrecognized("unknown device " + udid));
        if (binding.fingerprint().equals(identity.fingerprint())) {
            return binding;
        }
        Optional<IssuedIdentity> renewal = issued.find(identity.fingerprint());
        if (renewal.flatMap(IssuedIdentity::renewedFrom).filter(binding.fingerprint()::equals).isPresent()) {
            devices.rebind(udid, identity.fingerprint());
            return devices.binding(udid).orElseThrow();
        }
        throw new ProtocolException(403, "the identity presented for " + udid + " is not the one bound to it");
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("a verified certificate always encodes", e);
        }
    }
}
