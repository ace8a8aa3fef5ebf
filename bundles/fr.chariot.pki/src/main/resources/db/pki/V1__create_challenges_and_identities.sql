-- One-time SCEP challenges. Only the SHA-256 of a challenge is kept: the database never holds one a device could use.
CREATE TABLE pki_challenge (
    hash        CHAR(64)     NOT NULL PRIMARY KEY,
    rne         VARCHAR(16)  NOT NULL,
    expires_at  TIMESTAMP    NOT NULL,
    used_at     TIMESTAMP,
    created_at  TIMESTAMP    NOT NULL
);

-- Device identity certificates issued through SCEP, keyed by the SHA-256 of their DER encoding (lower-case hex).
CREATE TABLE pki_issued (
    fingerprint   CHAR(64)       NOT NULL PRIMARY KEY,
    serial        VARCHAR(64)    NOT NULL,
    rne           VARCHAR(16)    NOT NULL,
    subject       VARCHAR(1024)  NOT NULL,
    not_after     TIMESTAMP      NOT NULL,
    renewed_from  CHAR(64),
    issued_at     TIMESTAMP      NOT NULL
);

CREATE INDEX pki_challenge_expires ON pki_challenge (expires_at);
CREATE INDEX pki_issued_renewed_from ON pki_issued (renewed_from)
