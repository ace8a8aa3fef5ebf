package fr.chariot.protocol.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code PUT /mdm/connect}: a device reports the result of its last command (or Idle) and gets its next command,
 * or a zero-length 200 that ends the session.
 */
@Component(service = Servlet.class, configurationPid = ProtocolConfig.PID)
@HttpWhiteboardServletPattern("/mdm/connect")
public class ConnectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectServlet.class);

    private final transient RequestAuthenticator authenticator;
    private final transient DeviceStore devices;
    private final transient CommandStore commands;
    private final transient ResultDispatcher results;
    private final int maxBodyBytes;

    @Activate
    public ConnectServlet(@Reference RequestAuthenticator authenticator, @Reference DeviceStore devices,
            @Reference CommandStore commands, @Reference ResultDispatcher results, ProtocolConfig config) {
        this.authenticator = authenticator;
        this.devices = devices;
        this.commands = commands;
        this.results = results;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            RequestAuthenticator.SignedMessage signed = authenticator.read(request, maxBodyBytes);
            Map<String, Object> message = signed.message();
            String udid = signed.udid();
            authenticator.checkBound(udid, signed.identity());
            devices.seen(udid);
            Optional<String> user = MdmRequest.text(message, "UserShortName");
            CommandStore.Channel channel = new CommandStore.Channel(udid, user.orElse(""));
            String status = MdmRequest.text(message, "Status")
                    .orElseThrow(() -> ProtocolException.badRequest("connect without Status"));
            CommandStatus reported = switch (status) {
                case "Idle" -> null;
                case "Acknowledged" -> CommandStatus.ACKNOWLEDGED;
                case "Error", "CommandFormatError" -> CommandStatus.ERROR;
                case "NotNow" -> CommandStatus.NOT_NOW;
                default -> throw ProtocolException.badRequest("unknown Status " + status);
            };
            if (reported != null) {
                String uuid = MdmRequest.text(message, "CommandUUID").orElseThrow(
                        () -> ProtocolException.badRequest(status + " without CommandUUID"));
                if ("CommandFormatError".equals(status)) {
                    LOG.error("Device {} could not parse command {}: Chariot built it wrong", udid, uuid);
                }
                commands.answer(channel, uuid, reported, signed.body())
                        .ifPresent(answered -> results.dispatch(result(answered, udid, user, reported, message)));
            }
            Optional<byte[]> next = reported == CommandStatus.NOT_NOW ? Optional.empty() : commands.next(channel);
            if (next.isPresent()) {
                response.setStatus(200);
                response.setContentType("application/xml");
                response.setContentLength(next.get().length);
                response.getOutputStream().write(next.get());
            } else {
                // After NotNow the session ends: the device comes back by itself when it can (protocol.md §4).
                MdmRequest.empty(response);
            }
        } catch (ProtocolException e) {
            LOG.warn("Connect refused with {}: {}", e.status(), e.getMessage());
            MdmRequest.fail(response, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static CommandResult result(CommandStore.Answered answered, String udid, Optional<String> user,
            CommandStatus status, Map<String, Object> message) {
        Map<String, Object> response = CommandStore.response(message);
        java.util.List<Map<String, Object>> errorChain = message.get("ErrorChain") instanceof java.util.List<?> l
                ? l.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList()
                : java.util.List.of();
        return new CommandResult(answered.commandUuid(), new DeviceId(udid), user, answered.requestType(),
                answered.origin(), status, response, errorChain, Instant.now());
    }
}
