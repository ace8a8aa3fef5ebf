package fr.chariot.inventory.api;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.api.DeviceId;

/**
 * The inventory of every device: what each last reported and how fresh that is.
 *
 * <p>Reads are not scoped to a caller: the caller restricts {@link InventoryQuery#sites()} and checks
 * {@link DeviceInventory#site()} of what it shows.
 */
public interface Inventory {

    /** One page of the devices a query matches, with the total over all pages. */
    InventoryPage search(InventoryQuery query);

    /** One device's row; empty when the inventory does not know it. */
    Optional<DeviceInventory> find(DeviceId device);

    /** The device's apps by name: managed ones ({@link InstalledApp#managed()}) and the others. */
    List<InstalledApp> apps(DeviceId device);

    /** The device's installed profiles, by display name. */
    List<InstalledProfile> profiles(DeviceId device);

    /** The users resident on a Shared iPad, at most 10, in the device's order; empty for other devices. */
    List<SharedIpadUser> users(DeviceId device);

    /**
     * Writes every device the query matches (all pages, in its order) with the chosen fields.
     *
     * @param columns the fields written, in order; at least one
     * @throws IllegalArgumentException when no column is chosen
     */
    void export(InventoryQuery query, List<InventoryField> columns, ExportFormat format, Writer out)
            throws IOException;

    /**
     * Queues a full inventory (DeviceInformation, SecurityInfo, the app lists, ProfileList; UserList follows on
     * Shared iPads) for each device: the "Update Inventory" group action. Devices that are unknown or no longer
     * enrolled are refused, each with its reason; the others are queued.
     */
    RefreshReport refresh(Collection<DeviceId> devices);

    /**
     * Sets a device's role and what its name is built from (see {@link DeviceNaming}).
     *
     * @param teacherNumber N of {@code RNE-Prof N}; required for {@link DeviceRole#TEACHER_SHARED}
     * @param teacherName   required for {@link DeviceRole#TEACHER_PERSONAL}
     * @throws IllegalArgumentException when the device is unknown or what the role needs is missing; then nothing
     *                                  changes
     */
    void assignRole(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber, Optional<String> teacherName);

    /**
     * Every device of a college, enrolled or not, in UDID order: what a smart group's full recompute reads.
     *
     * @param site an RNE
     */
    List<DeviceInventory> devicesOf(String site);

    /** The bundle identifiers of the apps each device of a college reports installed; devices without apps absent. */
    Map<DeviceId, Set<String>> appIdsOf(String site);

    /** Hours after which a college's devices are asked their DeviceInformation again; the default until changed. */
    int refreshHours(String site);

    /**
     * Changes how often a college's devices are inventoried.
     *
     * @param hours from 1 to {@value #MAX_REFRESH_HOURS}
     * @throws IllegalArgumentException when out of range or the college is not an RNE; nothing changes then
     */
    void changeRefreshHours(String site, int hours);

    /** A month: a longer period would leave the inventory stale for longer than any threshold makes sense. */
    int MAX_REFRESH_HOURS = 24 * 30;

    /**
     * Days without a successful inventory after which a college's devices are stale ({@link InventoryField#STALE},
     * the {@code stale} filter, exports); the configured default until changed.
     *
     * @since 1.2
     */
    int staleDays(String site);

    /**
     * Changes after how many days without inventory a college's devices show as stale.
     *
     * @param days from 1 to {@value #MAX_STALE_DAYS}
     * @throws IllegalArgumentException when out of range or the college is not an RNE; nothing changes then
     * @since 1.2
     */
    void changeStaleDays(String site, int days);

    /** A year: past it a device is lost, not late. */
    int MAX_STALE_DAYS = 365;

    /** The columns a console user chose for the general inventory, in their order; empty until they choose. */
    Optional<List<InventoryField>> chosenColumns(String userName);

    /**
     * Remembers a console user's columns.
     *
     * @param columns at least one, each at most once
     * @throws IllegalArgumentException when empty or repeated; nothing changes then
     */
    void chooseColumns(String userName, List<InventoryField> columns);
}
