package fr.chariot.logging.internal;

import org.slf4j.event.Level;

/** Where forwarded Log Service entries go; an interface so that tests can capture them without a logging backend. */
interface LogSink {

    /**
     * @param loggerName the SLF4J logger to write to
     * @param level      the SLF4J level
     * @param message    plain text, never an SLF4J pattern
     * @param exception  the entry's exception, or {@code null}
     */
    void log(String loggerName, Level level, String message, Throwable exception);
}
