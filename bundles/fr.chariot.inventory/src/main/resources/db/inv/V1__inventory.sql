-- One row per device the inventory knows: its college and role (set by people), what its last successful
-- DeviceInformation said, and when each part of the inventory was last received. Columns a device did not
-- report yet are NULL. UDIDs come from the protocol's mdm_device, referenced by value only (no foreign key).
CREATE TABLE inv_device (
    udid VARCHAR(64) NOT NULL PRIMARY KEY,
    site VARCHAR(8) NOT NULL,
    role VARCHAR(20),
    teacher_number INTEGER,
    teacher_name VARCHAR(200),
    enrolled BOOLEAN NOT NULL,
    enrolled_at TIMESTAMP,
    name VARCHAR(255),
    serial_number VARCHAR(64),
    model VARCHAR(64),
    model_name VARCHAR(100),
    model_number VARCHAR(64),
    product_name VARCHAR(64),
    os_version VARCHAR(32),
    -- os_version with each number zero-padded, so versions sort as versions (12.0.10 after 12.0.9)
    os_version_sort VARCHAR(64),
    build_version VARCHAR(32),
    battery_level INTEGER,
    capacity_mb BIGINT,
    available_capacity_mb BIGINT,
    wifi_mac VARCHAR(32),
    bluetooth_mac VARCHAR(32),
    supervised BOOLEAN,
    shared_ipad BOOLEAN,
    lost_mode BOOLEAN,
    activation_lock BOOLEAN,
    find_my BOOLEAN,
    cloud_backup BOOLEAN,
    last_cloud_backup TIMESTAMP,
    awaiting_configuration BOOLEAN,
    time_zone VARCHAR(64),
    software_update_device_id VARCHAR(64),
    quota_size_mb INTEGER,
    resident_users INTEGER,
    estimated_resident_users INTEGER,
    maximum_resident_users INTEGER,
    user_session_timeout INTEGER,
    temporary_session_timeout INTEGER,
    temporary_session_only BOOLEAN,
    passcode_present BOOLEAN,
    passcode_compliant BOOLEAN,
    hardware_encryption_caps INTEGER,
    -- the time of the last successful DeviceInformation answer; an Error or NotNow never moves it
    last_inventory TIMESTAMP,
    -- the outstanding DeviceInformation, so an offline device is not sent one more each day
    info_requested_at TIMESTAMP,
    info_pending_uuid VARCHAR(64),
    security_at TIMESTAMP,
    installed_apps_at TIMESTAMP,
    managed_apps_at TIMESTAMP,
    profiles_at TIMESTAMP,
    users_at TIMESTAMP,
    -- lower-case name, serial, UDID and Shared iPad user names: free search reads one narrow column
    search_text VARCHAR(4000) NOT NULL
);
-- Most screens are one college's devices, sorted by name.
CREATE INDEX inv_device_site_name ON inv_device (site, name);
CREATE INDEX inv_device_name ON inv_device (name);
CREATE INDEX inv_device_serial ON inv_device (serial_number);
CREATE INDEX inv_device_last_inventory ON inv_device (last_inventory);
CREATE INDEX inv_device_battery ON inv_device (battery_level);
CREATE INDEX inv_device_os ON inv_device (os_version_sort);
CREATE INDEX inv_device_available ON inv_device (available_capacity_mb);
CREATE INDEX inv_device_refresh ON inv_device (enrolled, last_inventory);

-- Apps on a device: installed (InstalledApplicationList) and/or managed by Chariot (ManagedApplicationList).
CREATE TABLE inv_app (
    udid VARCHAR(64) NOT NULL,
    bundle_id VARCHAR(255) NOT NULL,
    name VARCHAR(255),
    version VARCHAR(64),
    short_version VARCHAR(64),
    installed BOOLEAN NOT NULL,
    managed BOOLEAN NOT NULL,
    status VARCHAR(40),
    PRIMARY KEY (udid, bundle_id)
);
-- "devices with app X installed" (smart groups)
CREATE INDEX inv_app_bundle ON inv_app (bundle_id);

-- Profiles installed on a device (ProfileList).
CREATE TABLE inv_profile (
    udid VARCHAR(64) NOT NULL,
    identifier VARCHAR(255) NOT NULL,
    payload_uuid VARCHAR(64),
    display_name VARCHAR(255),
    organization VARCHAR(255),
    managed BOOLEAN,
    encrypted BOOLEAN,
    removal_disallowed BOOLEAN,
    PRIMARY KEY (udid, identifier)
);

-- Users resident on a Shared iPad (UserList), in the order the device listed them.
CREATE TABLE inv_user (
    udid VARCHAR(64) NOT NULL,
    user_name VARCHAR(255) NOT NULL,
    position INTEGER NOT NULL,
    logged_in BOOLEAN,
    has_data_to_sync BOOLEAN,
    data_quota BIGINT,
    data_used BIGINT,
    PRIMARY KEY (udid, user_name)
);

-- Command results already applied: a result handed over again (after a restart) changes nothing.
CREATE TABLE inv_handled (
    command_uuid VARCHAR(64) NOT NULL PRIMARY KEY,
    handled_at TIMESTAMP NOT NULL
);
CREATE INDEX inv_handled_at ON inv_handled (handled_at);
