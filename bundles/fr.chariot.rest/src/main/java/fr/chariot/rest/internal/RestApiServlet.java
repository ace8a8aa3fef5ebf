package fr.chariot.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.SiteDirectory;
import fr.chariot.apns.api.PushCertificates;
import fr.chariot.apns.api.PushService;
import fr.chariot.groups.api.Groups;
import fr.chariot.inventory.api.Inventory;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/v1/*} on the Servlet Whiteboard: turns the servlet request into an {@link ApiRequest}, lets
 * {@link RestApi} answer, and writes the answer as JSON (or streams it, for an export).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/*")
public class RestApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Larger than any command or push certificate; a bigger body is refused before it is read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RestApiServlet.class);

    private final transient RestApi api;

    @Activate
    public RestApiServlet(@Reference(name = "accounts") Accounts accounts,
            @Reference(name = "audit") AuditLog audit,
            @Reference(name = "sites") SiteDirectory sites,
            @Reference(name = "devices") DeviceDirectory devices,
            @Reference(name = "queue") CommandQueue queue,
            @Reference(name = "history") CommandHistory history,
            @Reference(name = "push") PushService push,
            @Reference(name = "certificates") PushCertificates certificates,
            @Reference(name = "inventory") Inventory inventory,
            @Reference(name = "groups") Groups groups,
            @Reference(name = "actions") DeviceActions actions) {
        this.api = create(new Services(accounts, audit, sites, devices, queue, history, push, certificates, inventory,
                groups, actions), Clock.systemUTC());
    }

    /** Every service the API uses. */
    record Services(Accounts accounts, AuditLog audit, SiteDirectory sites, DeviceDirectory devices, CommandQueue queue,
            CommandHistory history, PushService push, PushCertificates certificates, Inventory inventory,
            Groups groups, DeviceActions actions) {
    }

    /** The API with every resource; {@code clock} dates the export files. */
    static RestApi create(Services services, Clock clock) {
        Colleges colleges = new Colleges(services.sites());
        List<Route> routes = new ArrayList<>();
        routes.addAll(new AuthResource(services.accounts()).routes());
        routes.addAll(new OpenApiResource().routes());
        routes.addAll(new SiteResource(services.sites()).routes());
        routes.addAll(new InventorySettingsResource(colleges, services.inventory()).routes());
        // Before /devices/{udid}…: /devices/actions is a fixed path.
        routes.addAll(new ActionResource(colleges, services.devices(), services.inventory(), services.actions())
                .routes());
        routes.addAll(new DeviceResource(colleges, services.devices(), services.queue(), services.history(),
                services.inventory(), services.groups(), clock).routes());
        routes.addAll(new GroupResource(colleges, services.devices(), services.inventory(), services.groups())
                .routes());
        routes.addAll(new PushCertificateResource(services.push(), services.certificates()).routes());
        return new RestApi(services.accounts(), new ApiAudit(services.audit()), routes);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiResponse answer;
        try {
            answer = answer(request);
        } catch (RuntimeException e) {
            answer = internalError(request, e);
        }
        try {
            write(response, answer);
        } catch (RuntimeException e) {
            // A streamed body failing half-way. Once the status is sent, failing the exchange lets Jetty cut the
            // connection, so that the client sees an error rather than a truncated file that looks complete.
            ApiResponse error = internalError(request, e);
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            write(response, error);
        }
    }

    private static ApiResponse internalError(HttpServletRequest request, RuntimeException e) {
        // The path only: the query may hold a PKCS#12 password.
        LOG.error("{} /api/v1{} failed", request.getMethod(), request.getPathInfo(), e);
        return new ApiError(500, "internal_error",
                "Erreur interne du serveur ; le journal de Chariot en donne la cause.").response();
    }

    private ApiResponse answer(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return tooLarge();
        }
        Optional<byte[]> body = readBody(request.getInputStream());
        if (body.isEmpty()) {
            return tooLarge();
        }
        Map<String, String> query;
        try {
            query = parseQuery(request.getQueryString());
        } catch (IllegalArgumentException e) {
            return ApiError.badRequest("La chaîne de requête (après « ? ») est mal encodée.").response();
        }
        return api.handle(new ApiRequest(request.getMethod(), request.getPathInfo(), query,
                Optional.ofNullable(request.getHeader("Authorization")), body.get(), request.getRemoteAddr()));
    }

    private static ApiResponse tooLarge() {
        return new ApiError(413, "payload_too_large",
                "Le corps de la requête dépasse " + MAX_BODY_BYTES / 1024 + " Kio.").response();
    }

    /** The body, or empty when it is larger than {@link #MAX_BODY_BYTES} (chunked bodies have no length header). */
    static Optional<byte[]> readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
    }

    /**
     * Parsed here rather than with {@code getParameter}, which would also read a form-encoded body and leave the
     * handler without it. The first value of a repeated name wins.
     *
     * @throws IllegalArgumentException on a malformed percent-escape
     */
    static Map<String, String> parseQuery(String queryString) {
        Map<String, String> query = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    static void write(HttpServletResponse response, ApiResponse answer) throws IOException {
        response.setStatus(answer.status());
        // Every answer is about one caller's colleges: no shared cache may keep it.
        response.setHeader("Cache-Control", "no-store");
        answer.headers().forEach(response::setHeader);
        if (answer.body() instanceof ApiResponse.Streamed streamed) {
            response.setContentType(streamed.mediaType());
            streamed.writer().writeTo(response.getOutputStream());
        } else if (answer.body() != null) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Requests.JSON.writeValue(response.getOutputStream(), answer.body());
        }
    }
}
