package fr.chariot.protocol.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes completed commands past the retention period, hourly, so the queue table stays small (one public MDM
 * reached 1.3 million queue rows at 1,200 devices). Pending commands are never pruned.
 */
@Component(immediate = true, configurationPid = ProtocolConfig.PID, service = {})
public class CommandPruner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPruner.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chariot-command-pruner");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public CommandPruner(@Reference CommandStore commands, ProtocolConfig config) {
        Duration retention = Duration.ofDays(Math.max(1, config.commandRetentionDays()));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int pruned = commands.prune(Instant.now().minus(retention));
                if (pruned > 0) {
                    LOG.info("Pruned {} commands completed more than {} days ago", pruned, retention.toDays());
                }
            } catch (RuntimeException e) {
                LOG.error("Pruning completed commands failed", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
