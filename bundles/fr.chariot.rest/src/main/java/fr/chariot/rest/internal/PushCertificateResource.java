package fr.chariot.rest.internal;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.Role;
import fr.chariot.apns.api.InvalidPushCertificateException;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushCertificates;
import fr.chariot.apns.api.PushService;

/** {@code /push-certificate}: the installed MDM push certificate; a department admin installs or renews it. */
final class PushCertificateResource {

    private static final Logger LOG = LoggerFactory.getLogger(PushCertificateResource.class);

    private final PushService push;
    private final PushCertificates certificates;

    PushCertificateResource(PushService push, PushCertificates certificates) {
        this.push = push;
        this.certificates = certificates;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/push-certificate", true, this::get),
                new Route("PUT", "/push-certificate", true, this::install));
    }

    record CertificateBody(String topic, String subject, String notAfter) {
        static CertificateBody of(PushCertificate certificate) {
            return new CertificateBody(certificate.topic(), certificate.subject(), certificate.notAfter().toString());
        }
    }

    private ApiResponse get(Route.Call call) throws ApiError {
        PushCertificate certificate = push.certificate().orElseThrow(() -> ApiError.notFound(
                "Aucun certificat push n'est installé : déposez-le par PUT /api/v1/push-certificate."));
        return ApiResponse.ok(CertificateBody.of(certificate));
    }

    private ApiResponse install(Route.Call call) throws ApiError {
        if (call.caller().role() != Role.DEPARTMENT_ADMIN) {
            throw ApiError.forbidden("Seul un administrateur départemental peut installer le certificat push.");
        }
        byte[] body = call.request().body();
        if (body.length == 0) {
            throw ApiError.badRequest("Envoyez le certificat push et sa clé dans le corps de la requête, en PEM ou "
                    + "en PKCS#12 (avec ?password= pour un PKCS#12).");
        }
        char[] password = call.request().parameter("password").orElse("").toCharArray();
        try {
            PushCertificate installed = certificates.install(body, password);
            LOG.info("Push certificate {} installed through the API by '{}', valid until {}", installed.topic(),
                    call.caller().username(), installed.notAfter());
            return ApiResponse.ok(CertificateBody.of(installed));
        } catch (InvalidPushCertificateException e) {
            throw new ApiError(400, "invalid_certificate", e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
