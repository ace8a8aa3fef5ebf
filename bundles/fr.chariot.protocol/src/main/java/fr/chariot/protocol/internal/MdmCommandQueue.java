package fr.chariot.protocol.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.Command;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.DeviceId;
import fr.chariot.apns.api.PushOutcome;
import fr.chariot.apns.api.PushService;
import fr.chariot.apns.api.PushTarget;

/** Queues commands in the database, then wakes the devices with a push. */
@Component(service = {CommandQueue.class, MdmCommandQueue.class})
public class MdmCommandQueue implements CommandQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MdmCommandQueue.class);

    private final CommandStore commands;
    private final DeviceStore devices;

    /** Without APNs, commands still queue; devices fetch them when they next connect on their own. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PushService push;

    @Activate
    public MdmCommandQueue(@Reference CommandStore commands, @Reference DeviceStore devices) {
        this.commands = commands;
        this.devices = devices;
    }

    @Override
    public List<String> enqueue(String origin, Command command, Collection<DeviceId> targets) {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("a command needs the name of the feature that queues it");
        }
        List<CommandStore.Channel> channels = new ArrayList<>();
        for (DeviceId device : targets) {
            if (devices.binding(device.udid()).isEmpty()) {
                throw new IllegalArgumentException("unknown device " + device.udid() + ": nothing was queued");
            }
            channels.add(CommandStore.Channel.device(device.udid()));
        }
        List<String> uuids = commands.enqueue(origin, command, channels);
        wake(channels);
        return uuids;
    }

    /** Pushes to each channel that has a live token; the outcome is handled when APNs answers. */
    void wake(List<CommandStore.Channel> channels) {
        PushService service = push;
        if (service == null) {
            LOG.debug("No push service: {} devices will get their commands when they next connect", channels.size());
            return;
        }
        List<PushTarget> targets = new ArrayList<>();
        for (CommandStore.Channel channel : channels) {
            Optional<PushTarget> target = devices.pushTarget(channel.udid(), channel.channel());
            target.ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            return;
        }
        service.push(targets).thenAccept(outcomes -> {
            for (PushOutcome outcome : outcomes) {
                if (outcome.result() == PushOutcome.Result.UNREGISTERED) {
                    devices.markPushDead(outcome.target().token());
                } else if (outcome.result() != PushOutcome.Result.ACCEPTED) {
                    LOG.warn("Push not delivered ({}): {}", outcome.result(), outcome.reason().orElse("no reason"));
                }
            }
        }).exceptionally(e -> {
            LOG.error("Pushes failed", e);
            return null;
        });
    }
}
