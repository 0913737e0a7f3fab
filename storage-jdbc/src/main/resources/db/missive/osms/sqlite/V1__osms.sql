-- OSMS directory server and client state. See the Jdbc*Store classes in dev.missive.jdbc.osms.
-- Instants are epoch nanoseconds (docs/storage.md, "Instants").

-- Accounts: a username and one OTR public key each (PUBKEY encoding); both unique.
CREATE TABLE osms_users (
    id          TEXT    NOT NULL PRIMARY KEY,  -- 32 hex characters, never on the wire
    username    TEXT    NOT NULL UNIQUE,       -- lower case
    public_key  BLOB    NOT NULL,
    fingerprint TEXT    NOT NULL UNIQUE,       -- 40 lower-case hex characters
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- from_user accepts data messages from to_user.
CREATE TABLE osms_consents (
    from_user  TEXT    NOT NULL,
    to_user    TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (from_user, to_user)
) WITHOUT ROWID;

-- The server's one OTR key.
CREATE TABLE osms_server_key (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    pkcs8      BLOB    NOT NULL,
    public_key BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Login sessions, by the SHA-256 of their header value.
CREATE TABLE osms_sessions (
    id         TEXT    NOT NULL PRIMARY KEY,
    state      TEXT    NOT NULL CHECK (state IN ('HANDSHAKE', 'ESTABLISHED', 'TERMINATED')),
    user_id    TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX osms_sessions_expires ON osms_sessions (expires_at);

-- Opaque OTR messages waiting for their recipients; seq orders each queue and is the item id.
CREATE TABLE osms_queue (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient       TEXT    NOT NULL,
    sender          TEXT    NOT NULL,
    sender_username TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    received_at     INTEGER NOT NULL
);
CREATE INDEX osms_queue_recipient ON osms_queue (recipient, seq);

-- A client's trust-on-first-use pins.
CREATE TABLE osms_pins (
    server      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    pinned_at   INTEGER NOT NULL,
    PRIMARY KEY (server, subject)
) WITHOUT ROWID;
