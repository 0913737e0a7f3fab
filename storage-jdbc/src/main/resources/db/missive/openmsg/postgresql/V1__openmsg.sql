-- Openmsg node state. See dev.missive.jdbc.openmsg.JdbcOpenmsgStore.
-- Instants are epoch nanoseconds (exact round trip of java.time.Instant up to the year 2262).
-- Addresses are stored in wire form "id*domain".

CREATE TABLE openmsg_users (
    id                 TEXT    NOT NULL PRIMARY KEY,
    display_name       TEXT    NOT NULL,
    pass_code_failures INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE openmsg_pass_codes (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    code       TEXT   NOT NULL,
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX openmsg_pass_codes_user ON openmsg_pass_codes (user_id);
CREATE INDEX openmsg_pass_codes_expires ON openmsg_pass_codes (expires_at);

-- The initiator's handshakes waiting for auth-confirm: at most one per pair.
CREATE TABLE openmsg_pending_handshakes (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    initiator     TEXT   NOT NULL,
    acceptor      TEXT   NOT NULL,
    passcode_hash TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    UNIQUE (initiator, acceptor)
);
CREATE INDEX openmsg_pending_acceptor ON openmsg_pending_handshakes (acceptor);
CREATE INDEX openmsg_pending_expires ON openmsg_pending_handshakes (expires_at);

CREATE TABLE openmsg_connections (
    self_address           TEXT    NOT NULL,
    other_address          TEXT    NOT NULL,
    other_name             TEXT    NOT NULL,
    other_accepts_messages BOOLEAN NOT NULL,
    auth_code              TEXT    NOT NULL,
    ident_code             TEXT    NOT NULL,
    message_crypt_key      TEXT    NOT NULL,
    created_at             BIGINT  NOT NULL,
    PRIMARY KEY (self_address, other_address)
);
CREATE INDEX openmsg_connections_ident ON openmsg_connections (self_address, ident_code);

-- Messages this node sent; message-confirm succeeds once per hash (status PENDING -> CONFIRMED).
CREATE TABLE openmsg_outbound (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_hash      TEXT   NOT NULL UNIQUE,
    sender            TEXT   NOT NULL,
    recipient         TEXT   NOT NULL,
    message_nonce     TEXT   NOT NULL,
    text              TEXT   NOT NULL,
    created_at        BIGINT NOT NULL,
    confirmable_until BIGINT NOT NULL,
    status            TEXT   NOT NULL
);
CREATE INDEX openmsg_outbound_sender ON openmsg_outbound (sender, created_at);

-- Replay guard: a received hash is accepted once while its row is unexpired. The primary key makes
-- acceptance atomic across node instances sharing the database.
CREATE TABLE openmsg_replay_guard (
    message_hash TEXT   NOT NULL PRIMARY KEY,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX openmsg_replay_guard_expires ON openmsg_replay_guard (expires_at);

CREATE TABLE openmsg_inbox (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient    TEXT   NOT NULL,
    sender       TEXT   NOT NULL,
    sender_name  TEXT   NOT NULL,
    message_hash TEXT   NOT NULL,
    text         TEXT   NOT NULL,
    sent_at      BIGINT NOT NULL,
    received_at  BIGINT NOT NULL
);
CREATE INDEX openmsg_inbox_recipient ON openmsg_inbox (recipient, received_at);
