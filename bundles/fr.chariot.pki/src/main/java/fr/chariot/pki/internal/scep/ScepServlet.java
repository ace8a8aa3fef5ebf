package fr.chariot.pki.internal.scep;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import fr.chariot.pki.internal.DeviceCa;
import fr.chariot.pki.internal.store.PkiDatabase;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET, POST /scep} (api.md): Chariot's SCEP server, see {@link ScepServer}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/scep")
public class ScepServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ScepEndpoint endpoint;

    @Activate
    public ScepServlet(@Reference(name = "ca") DeviceCa ca, @Reference(name = "database") PkiDatabase database) {
        this.endpoint = new ScepEndpoint(new ScepServer(ca, database, Clock.systemUTC(), new SecureRandom()));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, endpoint.handle("GET", request.getParameter("operation"), request.getParameter("message"),
                null));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(ScepEndpoint.MAX_MESSAGE_BYTES + 1);
        }
        // The operation comes from the query string only: reading parameters could consume a form-encoded body.
        String operation = operationFromQuery(request.getQueryString());
        write(response, endpoint.handle("POST", operation, null,
                body.length > ScepEndpoint.MAX_MESSAGE_BYTES ? null : body));
    }

    static String operationFromQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && "operation".equals(pair.substring(0, equals))) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void write(HttpServletResponse response, ScepEndpoint.Response answer) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
