-- The user's own choice of console language (fr or en).
ALTER TABLE acct_users ADD COLUMN language VARCHAR(2) NOT NULL DEFAULT 'fr';

-- The login throttle: after the third failure in a row no attempt is checked before last_failure_at plus a delay
-- that doubles with each failure (failed_attempts counts them; a success or a lock starts the count again).
ALTER TABLE acct_users ADD COLUMN last_failure_at TIMESTAMP;

-- The administrative journal (AuditLog): rows are only ever inserted. recorded_at is UTC ("at" is reserved in
-- Derby). site is the college's RNE, NULL for a department-wide change (an account, the push certificate).
-- objects holds the event's list one item per line (line breaks inside an item are stored as spaces).
CREATE TABLE acct_audit (
    id           BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at  TIMESTAMP     NOT NULL,
    username     VARCHAR(64)   NOT NULL,
    from_address VARCHAR(128)  NOT NULL,
    site         CHAR(8),
    action       VARCHAR(64)   NOT NULL,
    objects      CLOB          NOT NULL,
    details      VARCHAR(1000) NOT NULL
);

-- A technician reads their colleges' entries newest first; a department admin reads all of them by the primary key.
CREATE INDEX acct_audit_site ON acct_audit (site, id DESC);
