package fr.chariot.actions.api;

/** What a group action does on each device. */
public enum ActionType {
    /** Queues a full inventory (the inventory's own refresh); done when the device answers DeviceInformation. */
    UPDATE_INVENTORY,
    /**
     * Supervised devices only: AvailableOSUpdates, then ScheduleOSUpdate of the newest update offered with the chosen
     * install action; done when the device acknowledges ScheduleOSUpdate, or when it offers no update.
     */
    UPDATE_OS,
    /** Supervised devices only: RestartDevice; done when the device acknowledges it. */
    RESTART
}
