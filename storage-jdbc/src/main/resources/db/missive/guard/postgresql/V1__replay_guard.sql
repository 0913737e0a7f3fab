-- Single-use values (hashes, nonces) per scope until they expire. See JdbcReplayGuardStore.
CREATE TABLE replay_guard (
    scope      VARCHAR(64)  NOT NULL,
    guard_key  VARCHAR(256) NOT NULL,
    expires_at BIGINT       NOT NULL, -- epoch milliseconds, rounded up
    PRIMARY KEY (scope, guard_key)
);

CREATE INDEX replay_guard_expires_at ON replay_guard (expires_at);
