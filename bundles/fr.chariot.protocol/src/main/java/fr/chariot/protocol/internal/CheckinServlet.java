package fr.chariot.protocol.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.DeviceTopics;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code PUT /mdm/checkin}: Authenticate, TokenUpdate (device and Shared iPad user channels), CheckOut. */
@Component(service = Servlet.class, configurationPid = ProtocolConfig.PID)
@HttpWhiteboardServletPattern("/mdm/checkin")
@Designate(ocd = ProtocolConfig.class)
public class CheckinServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckinServlet.class);

    private final transient RequestAuthenticator authenticator;
    private final transient DeviceStore devices;
    private final transient DeviceEvents events;
    private final int maxBodyBytes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PushService push;

    @Activate
    public CheckinServlet(@Reference RequestAuthenticator authenticator, @Reference DeviceStore devices,
            @Reference DeviceEvents events, ProtocolConfig config) {
        this.authenticator = authenticator;
        this.devices = devices;
        this.events = events;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            RequestAuthenticator.SignedMessage signed = authenticator.read(request, maxBodyBytes);
            Map<String, Object> message = signed.message();
            String udid = signed.udid();
            RequestAuthenticator.Identity identity = signed.identity();
            String type = MdmRequest.text(message, "MessageType")
                    .orElseThrow(() -> ProtocolException.badRequest("check-in without MessageType"));
            switch (type) {
                case "Authenticate" -> authenticate(udid, identity, message);
                case "TokenUpdate" -> tokenUpdate(udid, identity, message);
                case "CheckOut" -> checkOut(udid, identity);
                case "UserAuthenticate" -> throw new ProtocolException(410, "UserAuthenticate is for macOS only");
                default -> throw ProtocolException.badRequest("unsupported check-in message " + type);
            }
            MdmRequest.empty(response);
        } catch (ProtocolException e) {
            LOG.warn("Check-in refused with {}: {}", e.status(), e.getMessage());
            MdmRequest.fail(response, e);
        }
    }

    private void authenticate(String udid, RequestAuthenticator.Identity identity, Map<String, Object> message)
            throws ProtocolException {
        checkTopic(udid, message);
        String rne = authenticator.admitNewEnrollment(udid, identity);
        devices.authenticate(udid, rne, identity.fingerprint(), message);
        LOG.info("Device {} of college {} authenticated", udid, rne);
    }

    private void tokenUpdate(String udid, RequestAuthenticator.Identity identity, Map<String, Object> message)
            throws ProtocolException {
        DeviceStore.Binding device = authenticator.checkBound(udid, identity);
        checkTopic(udid, message);
        byte[] token = message.get("Token") instanceof byte[] t ? t : null;
        String magic = MdmRequest.text(message, "PushMagic").orElse(null);
        if (token == null || magic == null) {
            throw ProtocolException.badRequest("TokenUpdate from " + udid + " without Token or PushMagic");
        }
        Optional<String> user = MdmRequest.text(message, "UserShortName");
        if (user.isPresent() || message.containsKey("UserID")) {
            String shortName = user.orElseThrow(
                    () -> ProtocolException.badRequest("user TokenUpdate from " + udid + " without UserShortName"));
            devices.userTokenUpdate(udid, shortName, MdmRequest.text(message, "UserID"),
                    MdmRequest.text(message, "UserLongName"), token, magic);
            events.post(DeviceTopics.USER_LOGGED_IN, udid, device.rne(), Optional.of(shortName));
            return;
        }
        Optional<byte[]> unlockToken = Optional.ofNullable(message.get("UnlockToken") instanceof byte[] u ? u : null);
        boolean enrolledNow = devices.tokenUpdate(udid, token, magic, unlockToken,
                Boolean.TRUE.equals(message.get("AwaitingConfiguration")));
        if (enrolledNow) {
            LOG.info("Device {} of college {} enrolled", udid, device.rne());
            events.post(DeviceTopics.ENROLLED, udid, device.rne(), Optional.empty());
        }
        events.post(DeviceTopics.TOKEN_UPDATED, udid, device.rne(), Optional.empty());
    }

    private void checkOut(String udid, RequestAuthenticator.Identity identity) throws ProtocolException {
        DeviceStore.Binding device = authenticator.checkBound(udid, identity);
        devices.checkOut(udid);
        LOG.info("Device {} of college {} checked out", udid, device.rne());
        events.post(DeviceTopics.CHECKED_OUT, udid, device.rne(), Optional.empty());
    }

    /** A device enrolled with another push topic cannot be woken by this server's certificate. */
    private void checkTopic(String udid, Map<String, Object> message) throws ProtocolException {
        PushService service = push;
        Optional<String> topic = service == null ? Optional.empty()
                : service.certificate().map(PushCertificate::topic);
        Optional<String> sent = MdmRequest.text(message, "Topic");
        if (topic.isPresent() && !Objects.equals(topic.get(), sent.orElse(null))) {
            throw new ProtocolException(403, "device " + udid + " uses topic " + sent.orElse("(none)")
                    + ", not this server's " + topic.get());
        }
    }
}
