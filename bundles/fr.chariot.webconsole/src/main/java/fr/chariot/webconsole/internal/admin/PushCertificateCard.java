package fr.chariot.webconsole.internal.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushService;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DashboardCard;
import fr.chariot.webconsole.api.Section;

/**
 * The push certificate's expiry on the « Tableau de bord ». Without a valid one no iPad can be woken, in any college,
 * and Apple's renewal must keep the same topic: a technician should see it coming a month ahead, not learn it from
 * iPads that stopped answering.
 */
@Component(service = DashboardCard.class)
public final class PushCertificateCard implements DashboardCard {

    /** From when the expiry is shown as a warning. */
    static final Duration WARN_BEFORE = Duration.ofDays(30);
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final PushService push;
    private final Clock clock;

    @Activate
    public PushCertificateCard(@Reference PushService push) {
        this(push, Clock.systemUTC());
    }

    PushCertificateCard(PushService push, Clock clock) {
        this.push = push;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Section> sections(ConsoleUser user) {
        Locale locale = user.locale();
        Optional<PushCertificate> certificate = push.certificate();
        Section.Row row;
        if (certificate.isEmpty()) {
            row = new Section.Row(text(locale, "push.card.expiry"), text(locale, "push.card.none"), Optional.empty(),
                    Section.Level.PROBLEM);
        } else {
            Instant notAfter = certificate.get().notAfter();
            Instant now = clock.instant();
            String date = DateTimeFormatter.ofPattern("dd/MM/yyyy", locale).format(notAfter.atZone(FRANCE));
            Section.Level level = !notAfter.isAfter(now) ? Section.Level.PROBLEM
                    : notAfter.isBefore(now.plus(WARN_BEFORE)) ? Section.Level.WARNING : Section.Level.NORMAL;
            String value = level == Section.Level.PROBLEM ? text(locale, "push.card.expired", date)
                    : text(locale, "push.card.until", date, Duration.between(now, notAfter).toDays());
            row = new Section.Row(text(locale, "push.card.expiry"), value, Optional.empty(), level);
        }
        return List.of(new Section(text(locale, "push.card.title"), List.of(row), List.of()));
    }

    private static String text(Locale locale, String key, Object... arguments) {
        return AdminSupport.text(locale, key, arguments);
    }
}
