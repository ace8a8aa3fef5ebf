package fr.chariot.webconsole.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Role;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushOutcome;
import fr.chariot.apns.api.PushService;
import fr.chariot.apns.api.PushTarget;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.internal.render.TemplateChecks;

class PushCertificateCardTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static Section.Row row(Optional<Instant> notAfter, boolean english) {
        PushService push = new PushService() {
            @Override
            public CompletionStage<List<PushOutcome>> push(Collection<PushTarget> targets) {
                throw new UnsupportedOperationException("the card only reads the certificate");
            }

            @Override
            public Optional<PushCertificate> certificate() {
                return notAfter.map(at -> new PushCertificate("com.apple.mgmt.External.x", "CN=APSP:x", at));
            }
        };
        var user = TemplateChecks.user(Role.READ_ONLY, "0310001A");
        List<Section> sections = new PushCertificateCard(push, Clock.fixed(NOW, ZoneOffset.UTC))
                .sections(english ? TemplateChecks.english(user) : user);
        assertEquals(1, sections.size());
        return sections.get(0).rows().get(0);
    }

    @Test
    void farExpiryIsPlainNearIsAWarningPastOrMissingIsAProblem() {
        Section.Row far = row(Optional.of(Instant.parse("2027-06-30T12:00:00Z")), false);
        assertEquals(Section.Level.NORMAL, far.level());
        assertEquals("le 30/06/2027 (dans 221 jours)", far.value());

        Section.Row near = row(Optional.of(Instant.parse("2026-12-11T10:00:00Z")), false);
        assertEquals(Section.Level.WARNING, near.level());
        assertEquals("le 11/12/2026 (dans 20 jours)", near.value());

        Section.Row past = row(Optional.of(Instant.parse("2026-11-01T10:00:00Z")), false);
        assertEquals(Section.Level.PROBLEM, past.level());
        assertEquals("expiré depuis le 01/11/2026 : plus aucun iPad ne peut être joint.", past.value());

        Section.Row none = row(Optional.empty(), true);
        assertEquals(Section.Level.PROBLEM, none.level());
        assertEquals("No certificate installed: no iPad can be reached.", none.value());
    }
}
