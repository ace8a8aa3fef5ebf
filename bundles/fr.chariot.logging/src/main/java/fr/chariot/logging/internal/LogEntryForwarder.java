package fr.chariot.logging.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.slf4j.event.Level;

/**
 * Turns OSGi Log Service entries into SLF4J events: logger {@code osgi.<bundle symbolic name>}, same level (AUDIT
 * becomes INFO, SLF4J has no AUDIT), same message and exception, and the service the entry is about, if any,
 * appended to the message.
 */
final class LogEntryForwarder implements LogListener {

    /** Every logger this class writes to starts with it; entries from such loggers are ours coming back. */
    static final String LOGGER_PREFIX = "osgi.";
    static final String FRAMEWORK_LOGGER = LOGGER_PREFIX + "framework";

    private final LogSink sink;

    LogEntryForwarder(LogSink sink) {
        this.sink = sink;
    }

    @Override
    public void logged(LogEntry entry) {
        // Only a backend that bridges SLF4J back into the Log Service could bring our own events here, and they
        // would then circle for ever; such a bridge keeps the SLF4J logger name, so the name gives them away.
        String origin = entry.getLoggerName();
        if (origin != null && origin.startsWith(LOGGER_PREFIX)) {
            return;
        }
        sink.log(loggerName(entry.getBundle()), level(entry.getLogLevel()), message(entry), entry.getException());
    }

    /**
     * Forwards, oldest first, the entries of a Log Service history (which lists the most recent first) logged at
     * or after {@code since}: what was logged before this bridge started, such as a component failing at boot.
     */
    void replay(Enumeration<LogEntry> newestFirst, long since) {
        List<LogEntry> entries = new ArrayList<>();
        for (LogEntry entry : Collections.list(newestFirst)) {
            if (entry.getTime() >= since) {
                entries.add(entry);
            }
        }
        Collections.reverse(entries);
        entries.forEach(this::logged);
    }

    static String loggerName(Bundle bundle) {
        if (bundle == null) {
            return FRAMEWORK_LOGGER;
        }
        String symbolicName = bundle.getSymbolicName();
        // A legacy bundle may have no symbolic name; its id is then the only stable way to tell it apart.
        return LOGGER_PREFIX + (symbolicName != null ? symbolicName : "bundle." + bundle.getBundleId());
    }

    static Level level(LogLevel level) {
        return switch (level) {
            case AUDIT, INFO -> Level.INFO;
            case ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case DEBUG -> Level.DEBUG;
            case TRACE -> Level.TRACE;
        };
    }

    static String message(LogEntry entry) {
        String message = entry.getMessage() != null ? entry.getMessage() : "";
        ServiceReference<?> service = entry.getServiceReference();
        return service == null ? message : message + " [" + describe(service) + "]";
    }

    /** e.g. {@code service 42: org.osgi.service.cm.ManagedService}, enough to find it with Gogo's {@code services}. */
    static String describe(ServiceReference<?> service) {
        Object types = service.getProperty(Constants.OBJECTCLASS);
        String names = types instanceof String[] array ? String.join(", ", array) : String.valueOf(types);
        return "service " + service.getProperty(Constants.SERVICE_ID) + ": " + names;
    }
}
