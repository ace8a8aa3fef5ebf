-- One row per group action asked: what, by whom, when. Removed with its devices after the retention period.
CREATE TABLE act_action (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action_type VARCHAR(20) NOT NULL,
    -- Apple's InstallAction of an UPDATE_OS; NULL for the other actions
    install_action VARCHAR(32),
    requested_by VARCHAR(255) NOT NULL,
    requested_at TIMESTAMP NOT NULL
);

CREATE INDEX act_action_requested_at ON act_action (requested_at);

-- Where each device of an action stands. UDIDs and command UUIDs are the protocol's, referenced by value only.
CREATE TABLE act_device (
    action_id BIGINT NOT NULL REFERENCES act_action (id) ON DELETE CASCADE,
    -- the device's place in the request, so the report keeps the order asked
    position INTEGER NOT NULL,
    udid VARCHAR(64) NOT NULL,
    -- the college (RNE) the inventory gave when the action started; NULL for a device it did not know
    site VARCHAR(16),
    status VARCHAR(10) NOT NULL,
    reason VARCHAR(1000),
    -- the command the device is waiting on or last answered; NULL when nothing was queued
    command_uuid VARCHAR(64),
    -- that command's RequestType, the step the device is at (AvailableOSUpdates, then ScheduleOSUpdate...)
    step VARCHAR(32),
    -- UPDATE_OS: the update chosen from the device's AvailableOSUpdates (its ProductKey, and its version shown
    -- in the report), matched against the ScheduleOSUpdate answer
    product_key VARCHAR(255),
    target_version VARCHAR(64),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (action_id, position)
);

-- a result is matched to its device's row by CommandUUID
CREATE INDEX act_device_command ON act_device (command_uuid);
