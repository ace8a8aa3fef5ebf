-- How often each college's devices are inventoried, when a technician changed it; other colleges use the
-- configuration's refreshHours.
CREATE TABLE inv_site_settings (
    site VARCHAR(8) NOT NULL PRIMARY KEY,
    refresh_hours INTEGER NOT NULL
);

-- The general inventory's columns each console user chose: field names, comma-separated, in their order.
CREATE TABLE inv_user_columns (
    user_name VARCHAR(255) NOT NULL PRIMARY KEY,
    column_names VARCHAR(2000) NOT NULL
);

-- The last name the naming rule asked a device to take (Settings DeviceName) and when: the same name is not asked
-- again before staleDays, so a device that stays offline or refuses never piles up Settings commands.
ALTER TABLE inv_device ADD COLUMN name_requested VARCHAR(255);
ALTER TABLE inv_device ADD COLUMN name_requested_at TIMESTAMP;

-- Department-wide pages (no college filter) are read in index order and stop after the page instead of sorting
-- 50,000 rows: one (column, udid) index per direction for the columns people sort on, the UDID being the tiebreak.
-- They replace V1's one-column indexes on the same columns.
DROP INDEX inv_device_name;
DROP INDEX inv_device_serial;
DROP INDEX inv_device_last_inventory;
DROP INDEX inv_device_battery;
DROP INDEX inv_device_os;
DROP INDEX inv_device_available;
CREATE INDEX inv_device_name_asc ON inv_device (name, udid);
CREATE INDEX inv_device_name_desc ON inv_device (name DESC, udid);
CREATE INDEX inv_device_serial_asc ON inv_device (serial_number, udid);
CREATE INDEX inv_device_serial_desc ON inv_device (serial_number DESC, udid);
CREATE INDEX inv_device_model_asc ON inv_device (model, udid);
CREATE INDEX inv_device_model_desc ON inv_device (model DESC, udid);
CREATE INDEX inv_device_product_asc ON inv_device (product_name, udid);
CREATE INDEX inv_device_product_desc ON inv_device (product_name DESC, udid);
CREATE INDEX inv_device_os_asc ON inv_device (os_version_sort, udid);
CREATE INDEX inv_device_os_desc ON inv_device (os_version_sort DESC, udid);
CREATE INDEX inv_device_battery_asc ON inv_device (battery_level, udid);
CREATE INDEX inv_device_battery_desc ON inv_device (battery_level DESC, udid);
CREATE INDEX inv_device_capacity_asc ON inv_device (capacity_mb, udid);
CREATE INDEX inv_device_capacity_desc ON inv_device (capacity_mb DESC, udid);
CREATE INDEX inv_device_available_asc ON inv_device (available_capacity_mb, udid);
CREATE INDEX inv_device_available_desc ON inv_device (available_capacity_mb DESC, udid);
CREATE INDEX inv_device_last_inventory_asc ON inv_device (last_inventory, udid);
CREATE INDEX inv_device_last_inventory_desc ON inv_device (last_inventory DESC, udid);
CREATE INDEX inv_device_enrolled_at_asc ON inv_device (enrolled_at, udid);
CREATE INDEX inv_device_enrolled_at_desc ON inv_device (enrolled_at DESC, udid);
CREATE INDEX inv_device_role_asc ON inv_device (role, udid);
CREATE INDEX inv_device_role_desc ON inv_device (role DESC, udid);
