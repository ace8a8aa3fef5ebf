package fr.chariot.runtime.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.chariot.api.ServerSettings;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health} (api.md): 200 and UP when every Chariot bundle is ACTIVE, else 503 and DOWN.
 *
 * <p>It needs {@link ServerSettings} for the version, so it only appears once {@code fr.chariot.server} is
 * configured; until then the path answers 404, which probes already treat as "not up yet".
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json";
    private static final String ALLOWED_METHODS = "GET, HEAD";

    private final transient BundleContext context;
    private final transient ServerSettings settings;
    private final transient ObjectMapper json = new ObjectMapper();

    @Activate
    public HealthServlet(BundleContext context, @Reference(name = "settings") ServerSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // HttpServlet would also answer OPTIONS and TRACE; a probe endpoint has no reason to.
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", ALLOWED_METHODS);
        write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, new ErrorBody("method_not_allowed",
                "/health only answers " + ALLOWED_METHODS + ", not " + method));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<BundleDescriptor> installed = Arrays.stream(context.getBundles()).map(BundleDescriptor::of).toList();
        HealthReport report = HealthReport.of(settings.version(), installed);
        write(response, report.httpStatus(), report);
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        // A cached UP would hide a bundle that has just failed.
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }

    /** The error shape every Chariot endpoint uses (api.md). */
    record ErrorBody(String error, String message) {
    }
}
