package fr.chariot.api;

import java.util.List;
import java.util.Optional;

/** The colleges this server manages. Provided by the protocol bundle. */
public interface SiteDirectory {

    /** Every college, by RNE. */
    List<Site> list();

    /** @param rne an RNE as typed by a person (normalised first) */
    Optional<Site> find(String rne);

    /**
     * Adds a college.
     *
     * @throws IllegalArgumentException when a college with that RNE exists; nothing changes then
     */
    Site create(Site site);
}
