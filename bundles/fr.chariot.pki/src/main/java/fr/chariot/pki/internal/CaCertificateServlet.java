package fr.chariot.pki.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import fr.chariot.pki.api.DeviceIdentityAuthority;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /mdm/ca} (api.md): the device-identity CA certificate as PEM. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/mdm/ca")
public class CaCertificateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PEM = "application/x-pem-file";

    private final byte[] pem;

    @Activate
    public CaCertificateServlet(@Reference(name = "authority") DeviceIdentityAuthority authority) {
        this.pem = PkiFiles.pem(authority.certificate()).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(PEM);
        response.setHeader("Content-Disposition", "attachment; filename=\"chariot-device-ca.pem\"");
        response.setContentLength(pem.length);
        response.getOutputStream().write(pem);
    }
}
