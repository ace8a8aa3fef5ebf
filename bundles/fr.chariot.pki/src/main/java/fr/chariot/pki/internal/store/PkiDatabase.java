package fr.chariot.pki.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.api.Site;
import fr.chariot.pki.api.EnrollmentChallenges;
import fr.chariot.pki.api.IssuedIdentities;
import fr.chariot.pki.api.IssuedIdentity;
import fr.chariot.pki.internal.Crypto;

/**
 * The {@code pki} schema: one-time enrollment challenges ({@code pki_challenge}) and the identities issued with them
 * ({@code pki_issued}).
 *
 * <p>A challenge is stored only as its SHA-256: whoever reads the database (or a backup) cannot enroll a device.
 * Redeeming a challenge and recording the certificate it bought happen in one transaction, so a refused or failed
 * enrollment leaves the challenge usable and records nothing. Times are stored as UTC.
 */
@Component(service = { EnrollmentChallenges.class, IssuedIdentities.class, PkiDatabase.class })
public class PkiDatabase implements EnrollmentChallenges, IssuedIdentities {

    /** Longest a challenge may wait for its SCEP request: a cart enrolled over a school holiday, at most. */
    public static final Duration MAX_CHALLENGE_VALIDITY = Duration.ofDays(31);
    private static final int CHALLENGE_BYTES = 20;
    private static final int SUBJECT_COLUMN = 1024;
    private static final ThreadLocal<Calendar> UTC = ThreadLocal
            .withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random;

    @Activate
    public PkiDatabase(@Reference(name = "dataSource", target = "(chariot.schema=pki)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), new SecureRandom());
    }

    public PkiDatabase(DataSource dataSource, Clock clock, SecureRandom random) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @throws IllegalArgumentException when the RNE is malformed or the validity is not between a second and
     *                                  {@link #MAX_CHALLENGE_VALIDITY}
     * @throws IllegalStateException    when the database cannot record it
     */
    @Override
    public String issue(String rne, Duration validity) {
        String college = Site.normalizeRne(rne);
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(MAX_CHALLENGE_VALIDITY) > 0) {
            throw new IllegalArgumentException("A challenge's validity must be between 1 second and "
                    + MAX_CHALLENGE_VALIDITY.toDays() + " days, not " + validity + ".");
        }
        byte[] secret = new byte[CHALLENGE_BYTES];
        random.nextBytes(secret);
        // Hex: challengePassword is often a PrintableString, which has no '_' nor '/' for base64 to use.
        String challenge = HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO pki_challenge (hash, rne, expires_at, used_at, created_at) VALUES (?, ?, ?, NULL, ?)")) {
            ps.setString(1, hash(challenge));
            ps.setString(2, college);
            ps.setTimestamp(3, Timestamp.from(now.plus(validity)), UTC.get());
            ps.setTimestamp(4, Timestamp.from(now), UTC.get());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The enrollment challenge cannot be recorded: " + e.getMessage(), e);
        }
        return challenge;
    }

    /**
     * Redeems a challenge and records the certificate it buys, in one transaction: the challenge is marked used only
     * if the certificate is recorded, and nothing is recorded if the challenge is unknown, used or expired.
     *
     * @param challenge the challengePassword of the CSR
     * @param issuer    issues the certificate for the challenge's college (called at most once, inside the
     *                  transaction)
     */
    public Redemption redeem(String challenge, Function<String, X509Certificate> issuer) throws SQLException {
        String hash = hash(challenge);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int claimed;
                try (PreparedStatement ps = c.prepareStatement("UPDATE pki_challenge SET used_at = ? "
                        + "WHERE hash = ? AND used_at IS NULL AND expires_at > ?")) {
                    ps.setTimestamp(1, Timestamp.from(now), UTC.get());
                    ps.setString(2, hash);
                    ps.setTimestamp(3, Timestamp.from(now), UTC.get());
                    claimed = ps.executeUpdate();
                }
                if (claimed != 1) {
                    String reason = whyRefused(c, hash);
                    c.rollback();
                    return new Redemption.Refused(reason);
                }
                String rne;
                try (PreparedStatement ps = c.prepareStatement("SELECT rne FROM pki_challenge WHERE hash = ?")) {
                    ps.setString(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rne = rs.getString(1);
                    }
                }
                X509Certificate certificate = issuer.apply(rne);
                IssuedIdentity identity = record(c, certificate, rne, null, now);
                c.commit();
                return new Redemption.Issued(certificate, identity);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Records the renewal of an identity this server issued: the new certificate inherits the college of the old one.
     *
     * @param previous the certificate that signed the renewal request, already checked as issued by the CA
     * @param issuer   issues the new certificate for the college (called at most once)
     */
    public Redemption renew(X509Certificate previous, Function<String, X509Certificate> issuer) throws SQLException {
        String previousFingerprint = Crypto.fingerprint(previous);
        Optional<IssuedIdentity> recorded = findChecked(previousFingerprint);
        if (recorded.isEmpty()) {
            return new Redemption.Refused("the certificate " + previousFingerprint
                    + " that signed the renewal is not recorded as issued through SCEP");
        }
        String rne = recorded.get().rne();
        X509Certificate certificate = issuer.apply(rne);
        try (Connection c = dataSource.getConnection()) {
            IssuedIdentity identity = record(c, certificate, rne, previousFingerprint, clock.instant());
            return new Redemption.Issued(certificate, identity);
        }
    }

    @Override
    public Optional<IssuedIdentity> find(String fingerprint) {
        if (fingerprint == null) {
            return Optional.empty();
        }
        try {
            return findChecked(fingerprint.toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            throw new IllegalStateException("The issued identities cannot be read: " + e.getMessage(), e);
        }
    }

    private Optional<IssuedIdentity> findChecked(String fingerprint) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT fingerprint, serial, rne, not_after, renewed_from "
                        + "FROM pki_issued WHERE fingerprint = ?")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IssuedIdentity(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4, UTC.get()).toInstant(), Optional.ofNullable(rs.getString(5))));
            }
        }
    }

    private IssuedIdentity record(Connection c, X509Certificate certificate, String rne, String renewedFrom,
            Instant now) throws SQLException {
        IssuedIdentity identity = new IssuedIdentity(Crypto.fingerprint(certificate),
                certificate.getSerialNumber().toString(16), rne, certificate.getNotAfter().toInstant(),
                Optional.ofNullable(renewedFrom));
        String subject = certificate.getSubjectX500Principal().getName();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pki_issued "
                + "(fingerprint, serial, rne, subject, not_after, renewed_from, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, identity.fingerprint());
            ps.setString(2, identity.serialNumber());
            ps.setString(3, rne);
            ps.setString(4, subject.length() > SUBJECT_COLUMN ? subject.substring(0, SUBJECT_COLUMN) : subject);
            ps.setTimestamp(5, Timestamp.from(identity.notAfter()), UTC.get());
            ps.setString(6, renewedFrom);
            ps.setTimestamp(7, Timestamp.from(now), UTC.get());
            ps.executeUpdate();
        }
        return identity;
    }

    private String whyRefused(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT used_at, expires_at FROM pki_challenge WHERE hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "the challenge is unknown";
                }
                Timestamp usedAt = rs.getTimestamp(1, UTC.get());
                if (usedAt != null) {
                    return "the challenge was already used at " + usedAt.toInstant();
                }
                return "the challenge expired at " + rs.getTimestamp(2, UTC.get()).toInstant();
            }
        }
    }

    /** SHA-256 of the challenge's UTF-8 bytes, lower-case hex: all the database keeps of it. */
    static String hash(String challenge) {
        return Crypto.fingerprint(challenge.getBytes(StandardCharsets.UTF_8));
    }
}
