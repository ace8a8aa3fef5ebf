package fr.chariot.logging.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogReaderService;

/**
 * Listens to every OSGi Log Service reader and forwards its entries to SLF4J, so that SCR, FileInstall and framework
 * events reach the same console and log file as Jetty and Chariot.
 */
@Component(immediate = true)
public class LogServiceBridge {

    private final LogEntryForwarder forwarder = new LogEntryForwarder(new Slf4jLogSink());
    private final long installedOrUpdated;

    @Activate
    public LogServiceBridge(BundleContext context) {
        // The entries logged before this time were forwarded by the bridge that ran before an update, if any.
        this.installedOrUpdated = context.getBundle().getLastModified();
    }

    /*
     * MULTIPLE + DYNAMIC rather than a static mandatory reference: the bridge then starts before the Log Service and
     * survives its restart or update without being deactivated, and should a second Log Service implementation
     * appear, its entries are forwarded too. Each reader replays its recent history first, so what was logged before
     * the bridge saw it (for instance a component that failed at boot) is not lost.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeLogReader")
    void addLogReader(LogReaderService reader) {
        forwarder.replay(reader.getLog(), installedOrUpdated);
        reader.addLogListener(forwarder);
    }

    void removeLogReader(LogReaderService reader) {
        reader.removeLogListener(forwarder);
    }
}
