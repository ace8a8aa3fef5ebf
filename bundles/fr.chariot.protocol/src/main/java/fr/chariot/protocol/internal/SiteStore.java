package fr.chariot.protocol.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/** Colleges, in {@code mdm_site}. */
@Component(service = {SiteDirectory.class, SiteStore.class})
public class SiteStore implements SiteDirectory {

    private final DataSource db;

    @Activate
    public SiteStore(@Reference(target = "(chariot.schema=mdm)") DataSource db) {
        this.db = db;
    }

    @Override
    public List<Site> list() {
        List<Site> sites = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT rne, name FROM mdm_site ORDER BY rne");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sites.add(new Site(rs.getString(1), rs.getString(2)));
            }
            return sites;
        } catch (SQLException e) {
            throw Jdbc.failure("colleges cannot be read", e);
        }
    }

    @Override
    public Optional<Site> find(String rne) {
        String normalized;
        try {
            normalized = Site.normalizeRne(rne);
        } catch (IllegalArgumentException notAnRne) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT rne, name FROM mdm_site WHERE rne = ?")) {
            ps.setString(1, normalized);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Site(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("college " + normalized + " cannot be read", e);
        }
    }

    @Override
    public Site create(Site site) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO mdm_site (rne, name, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, site.rne());
            ps.setString(2, site.name());
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return site;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new IllegalArgumentException("A college with RNE " + site.rne() + " already exists.");
            }
            throw Jdbc.failure("college " + site.rne() + " cannot be created", e);
        }
    }
}
