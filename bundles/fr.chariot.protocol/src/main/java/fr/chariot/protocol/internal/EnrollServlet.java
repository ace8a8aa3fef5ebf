package fr.chariot.protocol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.ServerSettings;
import fr.chariot.api.Site;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushService;
import fr.chariot.pki.api.DeviceIdentityAuthority;
import fr.chariot.pki.api.EnrollmentChallenges;
import fr.chariot.pki.api.ProfileSigner;
import fr.chariot.plist.api.Plist;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /mdm/enroll/{rne}}: a college's signed enrollment profile, with a fresh one-time SCEP challenge. */
@Component(service = Servlet.class, configurationPid = ProtocolConfig.PID)
@HttpWhiteboardServletPattern("/mdm/enroll/*")
public class EnrollServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EnrollServlet.class);

    private final transient SiteStore sites;
    private final transient ServerSettings settings;
    private final transient EnrollmentChallenges challenges;
    private final transient DeviceIdentityAuthority authority;
    private final transient ProfileSigner signer;
    private final Duration challengeValidity;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PushService push;

    @Activate
    public EnrollServlet(@Reference SiteStore sites, @Reference ServerSettings settings,
            @Reference EnrollmentChallenges challenges, @Reference DeviceIdentityAuthority authority,
            @Reference ProfileSigner signer, ProtocolConfig config) {
        this.sites = sites;
        this.settings = settings;
        this.challenges = challenges;
        this.authority = authority;
        this.signer = signer;
        this.challengeValidity = Duration.ofHours(config.challengeValidityHours());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        Optional<Site> site = path.contains("/") ? Optional.empty() : sites.find(path);
        if (site.isEmpty()) {
            error(response, 404, "unknown_site", "Aucun collège n'a le code RNE « " + path + " ».");
            return;
        }
        Optional<PushCertificate> certificate = push == null ? Optional.empty() : push.certificate();
        if (certificate.isEmpty()) {
            error(response, 503, "no_push_certificate", "Aucun certificat push APNs n'est installé : "
                    + "les iPad ne pourraient pas être réveillés. Installez-le avant d'inscrire des appareils.");
            return;
        }
        String challenge = challenges.issue(site.get().rne(), challengeValidity);
        byte[] profile = Plist.toXml(EnrollmentProfile.build(site.get(), settings.publicBaseUrl(),
                certificate.get().topic(), challenge, authority.certificate()));
        byte[] signed = signer.sign(profile);
        LOG.info("Enrollment profile served for college {}", site.get().rne());
        response.setStatus(200);
        response.setContentType("application/x-apple-aspen-config");
        response.setHeader("Content-Disposition", "attachment; filename=\"chariot-" + site.get().rne()
                + ".mobileconfig\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(signed.length);
        response.getOutputStream().write(signed);
    }

    private static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        String json = "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
