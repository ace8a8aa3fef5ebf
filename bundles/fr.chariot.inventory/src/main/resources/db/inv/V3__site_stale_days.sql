-- Each college's own staleness threshold in days, when a technician changed it; other colleges use the
-- configuration's staleDays. A college may change one setting and keep the default of the other, so the refresh
-- period becomes optional too.
ALTER TABLE inv_site_settings ADD COLUMN stale_days INTEGER;
ALTER TABLE inv_site_settings ALTER COLUMN refresh_hours NULL;
