package fr.chariot.webconsole.api;

import java.util.List;

/**
 * Counts a feature shows on the « Tableau de bord » (groups flagged for it, stale devices, the push certificate's
 * expiry, …), registered as an OSGi service. The shell lays the sections out in {@link #order()}; a card that fails
 * is left out (and logged), the dashboard still shows.
 */
public interface DashboardCard {

    /** Rank on the dashboard, smallest first. */
    int order();

    /**
     * The sections to show this user, only about the colleges they see; empty when there is nothing to show.
     * Row links open the console elsewhere, typically the inventory filtered on the counted devices.
     */
    List<Section> sections(ConsoleUser user);
}
