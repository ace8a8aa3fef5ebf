package fr.chariot.groups.internal.console;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/** The services the console pages use besides the real groups service, held in memory. */
final class ConsoleFakes {

    private ConsoleFakes() {
    }

    static final class Colleges implements SiteDirectory {

        private final List<Site> sites;

        Colleges(Site... sites) {
            this.sites = List.of(sites);
        }

        @Override
        public List<Site> list() {
            return sites;
        }

        @Override
        public Optional<Site> find(String rne) {
            return sites.stream().filter(site -> site.rne().equals(rne)).findFirst();
        }

        @Override
        public Site create(Site site) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Audit implements AuditLog {

        final List<AuditEvent> recorded = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            recorded.add(event);
        }

        @Override
        public AuditPage entries(AuditQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void exportCsv(AuditQuery query, OutputStream out) {
            throw new UnsupportedOperationException();
        }
    }

    /** Membership events are the service's business, tested there. */
    static final class NoEvents implements EventAdmin {

        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
