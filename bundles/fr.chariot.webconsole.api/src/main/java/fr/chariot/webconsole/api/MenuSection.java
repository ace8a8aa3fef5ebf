package fr.chariot.webconsole.api;

/** The console's menus, as a Jamf user knows them (seed §2.2). */
public enum MenuSection {
    /** « Tableau de bord »: the dashboard itself; pages here sit beside it in the top bar. */
    DASHBOARD,
    /** « Appareils »: Inventaire, Groupes statiques, Groupes intelligents, Profils de configuration, Apps. */
    DEVICES,
    /** « Préférences »: the user's choices, the colleges, the accounts, the audit log. */
    PREFERENCES
}
