-- Single-use values (hashes, nonces) per scope until they expire. See JdbcReplayGuardStore.
CREATE TABLE replay_guard (
    scope      TEXT    NOT NULL,
    guard_key  TEXT    NOT NULL,
    expires_at INTEGER NOT NULL, -- epoch milliseconds, rounded up
    PRIMARY KEY (scope, guard_key)
) WITHOUT ROWID;

CREATE INDEX replay_guard_expires_at ON replay_guard (expires_at);
