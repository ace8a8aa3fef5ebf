package fr.chariot.logging.internal;

import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Writes to SLF4J, hence to the distribution's console and rotating file. */
final class Slf4jLogSink implements LogSink {

    @Override
    public void log(String loggerName, Level level, String message, Throwable exception) {
        // The message goes in as an argument: a Log Service message is plain text, and a literal "{}" in it must
        // not be taken for a placeholder.
        LoggerFactory.getLogger(loggerName).atLevel(level).setCause(exception).log("{}", message);
    }
}
