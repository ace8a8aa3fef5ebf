package fr.chariot.actions.internal;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.inventory.api.SharedIpadUser;

/** In-memory stand-ins for the services the actions consume. */
final class Fakes {

    private Fakes() {
    }

    /** Records every enqueue call and gives sequential UUIDs; refuses whole calls naming an unknown device. */
    static final class Queue implements CommandQueue {

        record Call(String origin, Command command, List<DeviceId> devices) {
        }

        final List<Call> calls = new ArrayList<>();
        final Set<DeviceId> unknown = new HashSet<>();
        private int next;

        @Override
        public synchronized List<String> enqueue(String origin, Command command, Collection<DeviceId> devices) {
            for (DeviceId device : devices) {
                if (unknown.contains(device)) {
                    throw new IllegalArgumentException("unknown device " + device);
                }
            }
            calls.add(new Call(origin, command, List.copyOf(devices)));
            List<String> uuids = new ArrayList<>();
            devices.forEach(device -> uuids.add("cmd-" + (++next)));
            return uuids;
        }

        List<Call> calls(String requestType) {
            return calls.stream().filter(call -> call.command().requestType().equals(requestType)).toList();
        }
    }

    static final class History implements CommandHistory {

        final Map<String, CommandRecord> records = new HashMap<>();

        void put(String uuid, DeviceId device, CommandStatus status, List<Map<String, Object>> errorChain,
                Instant completedAt) {
            records.put(uuid, new CommandRecord(uuid, device, Optional.empty(), "DeviceInformation", "inventory",
                    status, completedAt.minusSeconds(60), Optional.of(completedAt.minusSeconds(30)),
                    status == CommandStatus.ACKNOWLEDGED || status == CommandStatus.ERROR ? Optional.of(completedAt)
                            : Optional.empty(),
                    0, errorChain, Map.of()));
        }

        @Override
        public List<CommandRecord> history(DeviceId device, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CommandRecord> find(String commandUuid) {
            return Optional.ofNullable(records.get(commandUuid));
        }
    }

    /** The inventory's rows and its refresh: queues every known enrolled device unless told to refuse it. */
    static final class FakeInventory implements Inventory {

        final Map<DeviceId, DeviceInventory> devices = new LinkedHashMap<>();
        final Map<DeviceId, String> refreshRefuses = new HashMap<>();
        final List<List<DeviceId>> refreshCalls = new ArrayList<>();
        private int next;

        /** @param supervised null for a device whose DeviceInformation has not arrived yet */
        DeviceId add(String udid, String site, boolean enrolled, Boolean supervised) {
            Map<InventoryField, Object> values = new EnumMap<>(InventoryField.class);
            values.put(InventoryField.UDID, udid);
            values.put(InventoryField.SITE, site);
            values.put(InventoryField.STALE, false);
            values.put(InventoryField.ENROLLED, enrolled);
            if (supervised != null) {
                values.put(InventoryField.SUPERVISED, supervised);
            }
            DeviceId device = new DeviceId(udid);
            devices.put(device, new DeviceInventory(values));
            return device;
        }

        @Override
        public Optional<DeviceInventory> find(DeviceId device) {
            return Optional.ofNullable(devices.get(device));
        }

        @Override
        public RefreshReport refresh(Collection<DeviceId> asked) {
            refreshCalls.add(List.copyOf(asked));
            Map<DeviceId, String> queued = new HashMap<>();
            Map<DeviceId, String> refused = new HashMap<>();
            for (DeviceId device : asked) {
                if (refreshRefuses.containsKey(device)) {
                    refused.put(device, refreshRefuses.get(device));
                } else {
                    queued.put(device, "info-" + (++next));
                }
            }
            return new RefreshReport(queued, refused);
        }

        @Override
        public InventoryPage search(InventoryQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InstalledApp> apps(DeviceId device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InstalledProfile> profiles(DeviceId device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SharedIpadUser> users(DeviceId device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void export(InventoryQuery query, List<InventoryField> columns, ExportFormat format, Writer out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void assignRole(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
                Optional<String> teacherName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeviceInventory> devicesOf(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<DeviceId, Set<String>> appIdsOf(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int refreshHours(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeRefreshHours(String site, int hours) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int staleDays(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeStaleDays(String site, int days) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<List<InventoryField>> chosenColumns(String userName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void chooseColumns(String userName, List<InventoryField> columns) {
            throw new UnsupportedOperationException();
        }
    }
}
