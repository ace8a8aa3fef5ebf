package fr.chariot.itests.feature;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The test feature that {@code FeatureJars} packs as a hot-deployable bundle (never deployed from this module's
 * own classes). It answers its bundle's major version, the number of its schema's applied migrations and every
 * row of its table, all columns, so a test sees which code runs and which schema it runs on.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/itest/notes")
public class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient DataSource db;
    private final String version;

    @Activate
    public NotesServlet(@Reference(target = "(chariot.schema=itnotes)") DataSource db, BundleContext context) {
        this.db = db;
        this.version = "v" + context.getBundle().getVersion().getMajor();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        try (Connection c = db.getConnection()) {
            PrintWriter out = resp.getWriter();
            out.println(version);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM chariot_schema_history WHERE schema_name = 'itnotes'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.println("migrations=" + rs.getInt(1));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM itnotes_note ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.println(row);
                }
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO itnotes_note (text) VALUES (?)")) {
            ps.setString(1, req.getParameter("text"));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException(e);
        }
        resp.setStatus(HttpServletResponse.SC_CREATED);
    }
}
