-- OSMS directory server and client state. See the Jdbc*Store classes in dev.missive.jdbc.osms.
-- Instants are epoch nanoseconds (docs/storage.md, "Instants").

-- Accounts: a username and one OTR public key each (PUBKEY encoding); both unique.
CREATE TABLE osms_users (
    id          VARCHAR(32) NOT NULL PRIMARY KEY,  -- never on the wire
    username    VARCHAR(32) NOT NULL UNIQUE,       -- lower case
    public_key  BYTEA       NOT NULL,
    fingerprint VARCHAR(40) NOT NULL UNIQUE,       -- lower-case hex
    created_at  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL
);

-- from_user accepts data messages from to_user.
CREATE TABLE osms_consents (
    from_user  VARCHAR(32) NOT NULL,
    to_user    VARCHAR(32) NOT NULL,
    granted_at BIGINT      NOT NULL,
    PRIMARY KEY (from_user, to_user)
);

-- The server's one OTR key.
CREATE TABLE osms_server_key (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    pkcs8      BYTEA   NOT NULL,
    public_key BYTEA   NOT NULL,
    created_at BIGINT  NOT NULL
);

-- Login sessions, by the SHA-256 of their header value.
CREATE TABLE osms_sessions (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    state      VARCHAR(16) NOT NULL CHECK (state IN ('HANDSHAKE', 'ESTABLISHED', 'TERMINATED')),
    user_id    VARCHAR(32),
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX osms_sessions_expires ON osms_sessions (expires_at);

-- Opaque OTR messages waiting for their recipients; seq orders each queue and is the item id.
CREATE TABLE osms_queue (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient       VARCHAR(32) NOT NULL,
    sender          VARCHAR(32) NOT NULL,
    sender_username VARCHAR(32) NOT NULL,
    message         TEXT        NOT NULL,
    received_at     BIGINT      NOT NULL
);
CREATE INDEX osms_queue_recipient ON osms_queue (recipient, seq);

-- A client's trust-on-first-use pins.
CREATE TABLE osms_pins (
    server      TEXT        NOT NULL,
    subject     VARCHAR(40) NOT NULL,
    fingerprint VARCHAR(40) NOT NULL,
    pinned_at   BIGINT      NOT NULL,
    PRIMARY KEY (server, subject)
);
