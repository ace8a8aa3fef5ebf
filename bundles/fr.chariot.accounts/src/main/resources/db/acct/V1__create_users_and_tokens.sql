-- Console and REST API users. password_hash is a PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash) so the
-- cost parameters can be raised later without invalidating existing hashes.
CREATE TABLE acct_users (
    username             VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash        VARCHAR(255) NOT NULL,
    role                 VARCHAR(32)  NOT NULL
        CONSTRAINT acct_users_role CHECK (role IN ('DEPARTMENT_ADMIN', 'TECHNICIAN', 'READ_ONLY')),
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    failed_attempts      INTEGER      NOT NULL DEFAULT 0,
    locked_until         TIMESTAMP,
    created_at           TIMESTAMP    NOT NULL
);

-- The colleges (RNE) a technician or read-only user may see. No foreign key to the protocol's colleges: each
-- bundle owns its tables (architecture.md 5).
CREATE TABLE acct_user_sites (
    username VARCHAR(64) NOT NULL REFERENCES acct_users (username) ON DELETE CASCADE,
    rne      CHAR(8)     NOT NULL,
    PRIMARY KEY (username, rne)
);

-- Bearer tokens: only the SHA-256 of the token (hex) is kept, so a copy of the database gives no usable token.
CREATE TABLE acct_tokens (
    token_hash CHAR(64)    NOT NULL PRIMARY KEY,
    username   VARCHAR(64) NOT NULL REFERENCES acct_users (username) ON DELETE CASCADE,
    created_at TIMESTAMP   NOT NULL,
    expires_at TIMESTAMP   NOT NULL
);

CREATE INDEX acct_tokens_expires ON acct_tokens (expires_at);
