-- Colleges: the RNE (UAI) is the key every other table and bundle refers to.
CREATE TABLE mdm_site (
    rne VARCHAR(8) NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- One row per device UDID: its college, what it said at Authenticate, the identity certificate it is bound to
-- and its device channel's push token.
CREATE TABLE mdm_device (
    udid VARCHAR(64) NOT NULL PRIMARY KEY,
    rne VARCHAR(8) NOT NULL,
    identity_fingerprint VARCHAR(64) NOT NULL,
    serial_number VARCHAR(64),
    product_name VARCHAR(64),
    os_version VARCHAR(32),
    build_version VARCHAR(32),
    device_name VARCHAR(255),
    model VARCHAR(64),
    model_name VARCHAR(64),
    enrolled BOOLEAN NOT NULL,
    authenticated_at TIMESTAMP NOT NULL,
    enrolled_at TIMESTAMP,
    checked_out_at TIMESTAMP,
    last_seen_at TIMESTAMP,
    push_token VARCHAR(200),
    push_magic VARCHAR(200),
    push_dead BOOLEAN NOT NULL,
    unlock_token BLOB,
    awaiting_configuration BOOLEAN NOT NULL
);
CREATE INDEX mdm_device_rne ON mdm_device (rne);
CREATE UNIQUE INDEX mdm_device_identity ON mdm_device (identity_fingerprint);

-- Shared iPad user channels: one per (device, Managed Apple Account) that logged in.
CREATE TABLE mdm_user_channel (
    udid VARCHAR(64) NOT NULL,
    user_short_name VARCHAR(255) NOT NULL,
    user_id VARCHAR(64),
    user_long_name VARCHAR(255),
    push_token VARCHAR(200),
    push_magic VARCHAR(200),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (udid, user_short_name)
);

-- The per-channel FIFO queue and the history of every command: seq orders the queue (assigned by the server: an
-- identity column's generator becomes a lock hot spot under concurrent queueing), status says where each command
-- stands, and completed_at stays NULL while the command is open (pending, sent or NotNow). channel is '' for the
-- device channel, else the user's short name.
CREATE TABLE mdm_command (
    seq BIGINT NOT NULL,
    command_uuid VARCHAR(64) NOT NULL PRIMARY KEY,
    udid VARCHAR(64) NOT NULL,
    channel VARCHAR(255) NOT NULL,
    origin VARCHAR(64) NOT NULL,
    request_type VARCHAR(100) NOT NULL,
    command BLOB NOT NULL,
    status VARCHAR(16) NOT NULL,
    queued_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    completed_at TIMESTAMP,
    not_now_count INTEGER NOT NULL,
    result BLOB
);
-- A channel's next command is the first open one in seq order: read from this index, without sorting.
CREATE INDEX mdm_command_open ON mdm_command (udid, channel, completed_at, seq);
CREATE INDEX mdm_command_completed ON mdm_command (completed_at);
-- A device's history is read through this index, whose entries never move: completing a command moves its entry
-- in mdm_command_open, and a read-committed scan of that index running at the same moment could miss it.
CREATE INDEX mdm_command_history ON mdm_command (udid, seq);
