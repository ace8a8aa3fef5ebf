package fr.chariot.api;

import java.util.List;
import java.util.Optional;

/** The devices that enrolled, and their enrollment state. Provided by the protocol bundle. */
public interface DeviceDirectory {

    Optional<DeviceRecord> find(DeviceId udid);

    /** The devices of one college, by UDID. */
    List<DeviceRecord> list(String rne);
}
