-- Device groups of each college. site is the college's RNE; devices are referenced by UDID only, never by foreign
-- key to another bundle's tables (architecture.md 5).
CREATE TABLE grp_groups (
    id         BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site       CHAR(8)      NOT NULL,
    name       VARCHAR(120) NOT NULL,
    -- upper-cased name: one college cannot have two groups whose names differ only by case
    name_key   VARCHAR(120) NOT NULL,
    type       VARCHAR(8)   NOT NULL CONSTRAINT grp_groups_type CHECK (type IN ('STATIC', 'SMART')),
    dashboard  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP    NOT NULL,
    CONSTRAINT grp_groups_name UNIQUE (site, name_key)
);

-- A smart group's criteria as rows, in order: typed columns checked by the database, and "which groups name group
-- N in a member-of criterion" (asked before a delete) is a plain indexed query, with no JSON function that would
-- differ between Derby and PostgreSQL.
CREATE TABLE grp_criteria (
    group_id  BIGINT       NOT NULL REFERENCES grp_groups (id) ON DELETE CASCADE,
    seq       INTEGER      NOT NULL,
    join_op   VARCHAR(3)   NOT NULL CONSTRAINT grp_criteria_join CHECK (join_op IN ('AND', 'OR')),
    field     VARCHAR(64)  NOT NULL,
    operator  VARCHAR(32)  NOT NULL,
    criterion_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (group_id, seq)
);

CREATE INDEX grp_criteria_field_value ON grp_criteria (field, criterion_value);

-- Members a person chose, for static groups.
CREATE TABLE grp_static_members (
    group_id BIGINT      NOT NULL REFERENCES grp_groups (id) ON DELETE CASCADE,
    udid     VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, udid)
);

-- Members of smart groups as last computed, so the server starts with them and announces only real changes.
CREATE TABLE grp_smart_members (
    group_id BIGINT      NOT NULL REFERENCES grp_groups (id) ON DELETE CASCADE,
    udid     VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, udid)
);

CREATE INDEX grp_static_members_udid ON grp_static_members (udid);
CREATE INDEX grp_smart_members_udid ON grp_smart_members (udid)
