package fr.chariot.inventory.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.chariot.api.Command;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/** Stand-ins for the protocol bundle's services, recording what the inventory asks of them. */
final class Fakes {

    private Fakes() {
    }

    /** One enqueue call per device, as the protocol would store it. */
    record Queued(String origin, Command command, DeviceId device, String commandUuid) {
    }

    static final class Queue implements CommandQueue {
        final List<Queued> queued = new ArrayList<>();
        /** Devices the protocol does not know: a batch holding one is refused whole. */
        Set<DeviceId> unknown = Set.of();

        @Override
        public synchronized List<String> enqueue(String origin, Command command, Collection<DeviceId> devices) {
            if (devices.stream().anyMatch(unknown::contains)) {
                throw new IllegalArgumentException("unknown device");
            }
            List<String> uuids = new ArrayList<>();
            for (DeviceId device : devices) {
                String uuid = UUID.randomUUID().toString();
                queued.add(new Queued(origin, command, device, uuid));
                uuids.add(uuid);
            }
            return uuids;
        }

        List<String> requestTypes(DeviceId device) {
            return queued.stream().filter(q -> q.device().equals(device)).map(q -> q.command().requestType())
                    .toList();
        }

        Queued last(String requestType, DeviceId device) {
            return queued.stream().filter(q -> q.device().equals(device)
                    && q.command().requestType().equals(requestType)).reduce((a, b) -> b).orElseThrow();
        }
    }

    static final class Directory implements DeviceDirectory, SiteDirectory {
        final Map<DeviceId, DeviceRecord> devices = new LinkedHashMap<>();
        final Map<String, Site> sites = new LinkedHashMap<>();

        DeviceRecord enroll(String udid, String rne, String serial, Instant at) {
            sites.putIfAbsent(rne, new Site(rne, "Collège " + rne));
            DeviceRecord record = new DeviceRecord(new DeviceId(udid), rne, Optional.of(serial),
                    Optional.of("iPad13,18"), Optional.of("17.0"), Optional.of("iPad"), true, Optional.of(at),
                    Optional.of(at), true);
            devices.put(record.udid(), record);
            return record;
        }

        @Override
        public Optional<DeviceRecord> find(DeviceId udid) {
            return Optional.ofNullable(devices.get(udid));
        }

        @Override
        public List<DeviceRecord> list(String rne) {
            return devices.values().stream().filter(d -> d.rne().equals(rne)).toList();
        }

        @Override
        public List<Site> list() {
            return List.copyOf(sites.values());
        }

        @Override
        public Optional<Site> find(String rne) {
            return Optional.ofNullable(sites.get(rne));
        }

        @Override
        public Site create(Site site) {
            sites.put(site.rne(), site);
            return site;
        }
    }

    static CommandResult acknowledged(Fakes.Queued command, Map<String, ?> response, Instant at) {
        return new CommandResult(command.commandUuid(), command.device(), Optional.empty(),
                command.command().requestType(), command.origin(), CommandStatus.ACKNOWLEDGED,
                new LinkedHashMap<String, Object>(response), List.of(), at);
    }

    static CommandResult failed(Fakes.Queued command, CommandStatus status, Instant at) {
        List<Map<String, Object>> chain = status == CommandStatus.ERROR
                ? List.of(Map.of("ErrorCode", 12021L, "ErrorDomain", "MCMDMErrorDomain")) : List.of();
        return new CommandResult(command.commandUuid(), command.device(), Optional.empty(),
                command.command().requestType(), command.origin(), status, Map.of(), chain, at);
    }

    /** A DeviceInformation answer as an iPad gives it. */
    static Map<String, Object> deviceInformation(String name, String serial, double battery, String os,
            boolean shared) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("DeviceName", name);
        answers.put("SerialNumber", serial);
        answers.put("BatteryLevel", battery);
        answers.put("OSVersion", os);
        answers.put("BuildVersion", "21E236");
        answers.put("Model", "MK2K3NF/A");
        answers.put("ModelName", "iPad");
        answers.put("ProductName", "iPad12,1");
        answers.put("DeviceCapacity", 64.0);
        answers.put("AvailableDeviceCapacity", 12.345);
        answers.put("WiFiMAC", "a4:83:e7:11:22:33");
        answers.put("IsSupervised", true);
        answers.put("IsMultiUser", shared);
        if (shared) {
            answers.put("QuotaSize", 4096L);
            answers.put("ResidentUsers", 8L);
            answers.put("EstimatedResidentUsers", 7L);
            answers.put("MaximumResidentUsers", 32L);
            answers.put("TemporarySessionOnly", false);
        }
        return Map.of("QueryResponses", answers);
    }
}
