package fr.chariot.simulator.api;

/** A simulated device could not do what was asked (bad profile, failed SCEP, unreachable server...). */
public class SimulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
