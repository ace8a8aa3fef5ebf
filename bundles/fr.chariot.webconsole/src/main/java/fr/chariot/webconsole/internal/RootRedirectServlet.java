package fr.chariot.webconsole.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a browser that opens the server's bare address to the console. Registered on the empty pattern, which the
 * Servlet specification reserves for the exact root ({@code /}): unlike the default servlet {@code /}, it leaves
 * every other unknown path to answer 404. Declared as a plain property: through the
 * {@code @HttpWhiteboardServletPattern("")} annotation, bnd writes an empty multi-line value, which DS reads as no
 * pattern at all.
 */
@Component(service = Servlet.class, property = HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=")
public class RootRedirectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleServlet.securityHeaders(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", ConsolePaths.ROOT);
    }
}
