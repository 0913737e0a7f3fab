-- EMSG server state. See the stores in dev.missive.jdbc.emsg. Addresses and group ids are stored
-- in their normalised text form (local part exact, domain lower-cased); instants are epoch
-- nanoseconds (docs/storage.md, "Instants"); signed messages are kept byte for byte as text.

CREATE TABLE emsg_accounts (
    address    TEXT   PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- An account's keys, in the order they were added (position).
CREATE TABLE emsg_account_keys (
    address   TEXT    NOT NULL REFERENCES emsg_accounts (address),
    kid       TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    algorithm TEXT    NOT NULL,
    encoded   BYTEA   NOT NULL,
    PRIMARY KEY (address, kid)
);

-- Peer domains' keys, pinned on first use.
CREATE TABLE emsg_domain_keys (
    domain    TEXT   PRIMARY KEY,
    kid       TEXT   NOT NULL,
    algorithm TEXT   NOT NULL,
    encoded   BYTEA  NOT NULL,
    pinned_at BIGINT NOT NULL
);

CREATE TABLE emsg_groups (
    group_id        TEXT   PRIMARY KEY,
    name            TEXT   NOT NULL,
    description     TEXT,
    display_picture TEXT,
    created_at      BIGINT NOT NULL
);

CREATE TABLE emsg_group_members (
    group_id  TEXT   NOT NULL REFERENCES emsg_groups (group_id),
    address   TEXT   NOT NULL,
    role      TEXT   NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    since     BIGINT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, address)
);

-- One row per (owner, sender, message id): what makes delivery exactly-once.
CREATE TABLE emsg_inbox (
    seq         BIGSERIAL PRIMARY KEY,
    owner       TEXT   NOT NULL,
    sender      TEXT   NOT NULL,
    message_id  TEXT   NOT NULL,
    json        TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (owner, sender, message_id)
);

CREATE INDEX emsg_inbox_owner ON emsg_inbox (owner, seq);
CREATE INDEX emsg_inbox_received_at ON emsg_inbox (received_at);

CREATE TABLE emsg_outbox (
    entry_id        TEXT    PRIMARY KEY,
    destination     TEXT    NOT NULL,
    sender          TEXT    NOT NULL,
    message_id      TEXT    NOT NULL,
    json            TEXT    NOT NULL,
    notify          TEXT,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    UNIQUE (destination, sender, message_id)
);

CREATE INDEX emsg_outbox_due ON emsg_outbox (next_attempt_at, entry_id);

CREATE TABLE emsg_profiles (
    owner      TEXT   PRIMARY KEY,
    updated_at BIGINT NOT NULL
);

CREATE TABLE emsg_profile_fields (
    owner      TEXT NOT NULL REFERENCES emsg_profiles (owner),
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('PUBLIC', 'CONTACTS', 'PRIVATE')),
    PRIMARY KEY (owner, field)
);

-- A user's contacts in the order they were added (seq).
CREATE TABLE emsg_contacts (
    seq      BIGSERIAL PRIMARY KEY,
    owner    TEXT   NOT NULL,
    contact  TEXT   NOT NULL,
    added_at BIGINT NOT NULL,
    UNIQUE (owner, contact)
);
