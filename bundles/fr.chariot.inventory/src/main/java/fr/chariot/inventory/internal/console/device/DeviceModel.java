package fr.chariot.inventory.internal.console.device;

import java.util.List;

/**
 * What the device page's template reads: texts already formatted in the reader's language, never {@code null} (an
 * empty text means "nothing to show"), so the template only lays them out. Public because the template engine
 * reads them by reflection.
 */
public final class DeviceModel {

    private DeviceModel() {
    }

    /**
     * The top of every tab.
     *
     * @param name          the device's name, else its UDID
     * @param lastInventory the date of the last successful inventory, empty when none yet
     */
    public record Header(String udid, String name, String serial, String college, String role, String lastInventory,
            boolean stale) {
    }

    /** A tab link; {@code current} marks the one shown. */
    public record Tab(String label, String path, boolean current) {
    }

    /** A box of facts on the Inventaire tab. */
    public record Card(String title, List<Fact> facts) {
        public Card {
            facts = List.copyOf(facts);
        }
    }

    public record Fact(String label, String value) {
    }

    public record App(String name, String bundleId, String version, String status) {
    }

    /**
     * A Shared iPad user.
     *
     * @param confirm the question asked before deleting them (warns when their data is not synced yet)
     */
    public record User(String name, String state, String dataUsed, String dataQuota, boolean hasDataToSync,
            String confirm) {
    }

    public record Profile(String name, String identifier, String organization, String managed,
            String removalDisallowed) {
    }

    /**
     * A command of the Historique tab.
     *
     * @param badge {@code ok}, {@code warn}, {@code problem} or empty
     */
    public record Command(String type, String user, String origin, String status, String badge, String queuedAt,
            String sentAt, String completedAt, String error) {
    }

    /** An option of a select: the value sent, the text shown. */
    public record Choice(String value, String label) {
    }

    /** The role form, as last entered, with the message of a refused change (empty when none). */
    public record RoleForm(String role, String teacherNumber, String teacherName, String error) {
    }

    /** A feature's section (DevicePanel), ready to lay out. */
    public record Panel(String title, List<Row> rows, List<Button> buttons) {
        public Panel {
            rows = List.copyOf(rows);
            buttons = List.copyOf(buttons);
        }
    }

    /**
     * @param link  a console path, empty when the row links nowhere
     * @param badge {@code warn}, {@code problem} or empty
     */
    public record Row(String label, String value, String link, String badge) {
    }

    /** @param confirm empty when the button asks nothing before posting */
    public record Button(String label, String action, List<Hidden> fields, String confirm) {
        public Button {
            fields = List.copyOf(fields);
        }
    }

    public record Hidden(String name, String value) {
    }
}
