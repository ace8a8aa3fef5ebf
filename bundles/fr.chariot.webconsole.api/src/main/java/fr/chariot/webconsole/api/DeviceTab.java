package fr.chariot.webconsole.api;

/** The tabs of a device's page, as in seed §2.4. */
public enum DeviceTab {
    /** « Inventaire »: what the iPad told. */
    INVENTORY,
    /** « Gestion »: what a technician may send to it, the groups it is in. */
    MANAGEMENT,
    /** « Historique »: commands done, pending and failed. */
    HISTORY
}
