package fr.chariot.api;

/**
 * Receives the results of the commands a feature queued (whiteboard). Register it with the service property
 * {@value #ORIGIN} set to the origin the feature passes to {@link CommandQueue#enqueue}.
 *
 * <p>Called after the result is stored, outside the device's request: a handler that throws or takes long never
 * fails or delays the device, and is logged. Results may be handed over again after a restart: be idempotent
 * on {@link CommandResult#commandUuid()}.
 */
@FunctionalInterface
public interface CommandResultHandler {

    /** Service property naming the origin whose results this handler takes. */
    String ORIGIN = "chariot.origin";

    void handle(CommandResult result);
}
