package fr.chariot.logging.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging into SLF4J: FileInstall (with {@code felix.fileinstall.log.default=jul}), SPI Fly and
 * JLine log there, and without this their messages would reach the console only, never the log file.
 */
@Component(immediate = true, service = {})
public class JulBridge {

    @Activate
    public JulBridge() {
        // JUL's default console handler would print every message a second time.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    @Deactivate
    void uninstall() {
        SLF4JBridgeHandler.uninstall();
    }
}
