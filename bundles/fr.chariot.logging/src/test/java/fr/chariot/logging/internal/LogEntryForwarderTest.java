package fr.chariot.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.slf4j.event.Level;

class LogEntryForwarderTest {

    private final List<Forwarded> forwarded = new ArrayList<>();
    private final LogEntryForwarder forwarder = new LogEntryForwarder(
            (logger, level, message, exception) -> forwarded.add(new Forwarded(logger, level, message, exception)));

    @Test
    void usesTheBundleSymbolicNameAsLoggerAndKeepsMessageAndException() {
        IllegalStateException failure = new IllegalStateException("boom");
        forwarder.logged(new FakeLogEntry(bundle("org.apache.felix.scr", 7), LogLevel.ERROR, "cannot activate",
                failure));

        assertEquals(1, forwarded.size());
        Forwarded event = forwarded.get(0);
        assertEquals("osgi.org.apache.felix.scr", event.logger());
        assertEquals(Level.ERROR, event.level());
        assertEquals("cannot activate", event.message());
        assertSame(failure, event.exception());
    }

    @Test
    void usesTheFrameworkLoggerWithoutABundleAndTheIdWithoutASymbolicName() {
        forwarder.logged(new FakeLogEntry(null, LogLevel.INFO, "started", null));
        forwarder.logged(new FakeLogEntry(bundle(null, 42), LogLevel.INFO, "legacy", null));

        assertEquals(List.of("osgi.framework", "osgi.bundle.42"), forwarded.stream().map(Forwarded::logger).toList());
    }

    @Test
    void keepsEveryLevelAndLogsAuditAsInfo() {
        assertEquals(Level.INFO, LogEntryForwarder.level(LogLevel.AUDIT));
        assertEquals(Level.ERROR, LogEntryForwarder.level(LogLevel.ERROR));
        assertEquals(Level.WARN, LogEntryForwarder.level(LogLevel.WARN));
        assertEquals(Level.INFO, LogEntryForwarder.level(LogLevel.INFO));
        assertEquals(Level.DEBUG, LogEntryForwarder.level(LogLevel.DEBUG));
        assertEquals(Level.TRACE, LogEntryForwarder.level(LogLevel.TRACE));
    }

    @Test
    void appendsTheServiceTheEntryIsAbout() {
        FakeLogEntry entry = new FakeLogEntry(bundle("org.apache.felix.fileinstall", 3), LogLevel.INFO,
                "ServiceEvent REGISTERED", null);
        entry.serviceReference = serviceReference(12L, "org.osgi.service.cm.ManagedServiceFactory",
                "org.apache.felix.fileinstall.ArtifactListener");

        forwarder.logged(entry);

        assertEquals("ServiceEvent REGISTERED [service 12: org.osgi.service.cm.ManagedServiceFactory, "
                + "org.apache.felix.fileinstall.ArtifactListener]", forwarded.get(0).message());
    }

    @Test
    void forwardsAnEmptyMessageRatherThanNull() {
        forwarder.logged(new FakeLogEntry(null, LogLevel.WARN, null, null));

        assertEquals("", forwarded.get(0).message());
    }

    @Test
    void dropsEntriesThatComeBackFromItsOwnLoggers() {
        FakeLogEntry echo = new FakeLogEntry(bundle("org.apache.felix.scr", 7), LogLevel.INFO, "again", null);
        echo.loggerName = "osgi.org.apache.felix.scr";

        forwarder.logged(echo);

        assertTrue(forwarded.isEmpty());
    }

    @Test
    void replaysTheHistoryOldestFirstFromTheGivenTime() {
        FakeLogEntry beforeUpdate = new FakeLogEntry(null, LogLevel.INFO, "forwarded by the previous bridge", null);
        beforeUpdate.time = 100;
        FakeLogEntry first = new FakeLogEntry(null, LogLevel.INFO, "first", null);
        first.time = 200;
        FakeLogEntry second = new FakeLogEntry(null, LogLevel.ERROR, "second", null);
        second.time = 300;

        forwarder.replay(Collections.enumeration(List.<LogEntry>of(second, first, beforeUpdate)), 200);

        assertEquals(List.of("first", "second"), forwarded.stream().map(Forwarded::message).toList());
    }

    private record Forwarded(String logger, Level level, String message, Throwable exception) {
    }

    /** Only what the forwarder reads; any other call fails the test. */
    private static Bundle bundle(String symbolicName, long id) {
        return fake(Bundle.class, Map.of("getSymbolicName", symbolicName == null ? NULL : symbolicName,
                "getBundleId", id));
    }

    private static ServiceReference<?> serviceReference(long id, String... objectClass) {
        return fake(ServiceReference.class, Map.of("getProperty", (Answer) key -> switch ((String) key) {
            case Constants.SERVICE_ID -> id;
            case Constants.OBJECTCLASS -> objectClass;
            default -> null;
        }));
    }

    private static final Object NULL = new Object();

    @FunctionalInterface
    private interface Answer {
        Object answer(Object argument);
    }

    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            Object answer = answers.get(method.getName());
            if (answer instanceof Answer function) {
                return function.answer(args[0]);
            }
            return answer == NULL ? null : answer;
        }));
    }

    private static final class FakeLogEntry implements LogEntry {
        private final Bundle bundle;
        private final LogLevel level;
        private final String message;
        private final Throwable exception;
        ServiceReference<?> serviceReference;
        String loggerName = "LogService";
        long time;

        FakeLogEntry(Bundle bundle, LogLevel level, String message, Throwable exception) {
            this.bundle = bundle;
            this.level = level;
            this.message = message;
            this.exception = exception;
        }

        @Override
        public Bundle getBundle() {
            return bundle;
        }

        @Override
        public ServiceReference<?> getServiceReference() {
            return serviceReference;
        }

        @Override
        @Deprecated
        public int getLevel() {
            throw new UnsupportedOperationException("the forwarder must read getLogLevel()");
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public Throwable getException() {
            return exception;
        }

        @Override
        public long getTime() {
            return time;
        }

        @Override
        public LogLevel getLogLevel() {
            return level;
        }

        @Override
        public String getLoggerName() {
            return loggerName;
        }

        @Override
        public String getThreadInfo() {
            return "main";
        }

        @Override
        public long getSequence() {
            return 0;
        }

        @Override
        public StackTraceElement getLocation() {
            return null;
        }
    }
}
