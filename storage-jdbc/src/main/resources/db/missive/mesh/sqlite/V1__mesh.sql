-- Mesh relay: packets, tombstones, peers and their pending availability checks.
-- See JdbcMeshPacketStore, JdbcMeshTombstoneStore and JdbcMeshPeerStore. Instants are epoch
-- nanoseconds (docs/storage.md, "Instants"); hashes are 64 lower-case hex digits.

CREATE TABLE mesh_packets (
    hash       TEXT    PRIMARY KEY,
    recipient  TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    signature  TEXT    NOT NULL,
    profile    TEXT    NOT NULL CHECK (profile IN ('J2', 'J1', 'D0')),
    first_seen INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX mesh_packets_recipient ON mesh_packets (recipient, first_seen, hash);
CREATE INDEX mesh_packets_expires_at ON mesh_packets (expires_at);

-- proof is the recipient's signed discard request (NULL for an expiry), forwarded to peers as is.
CREATE TABLE mesh_tombstones (
    hash            TEXT    PRIMARY KEY,
    reason          TEXT    NOT NULL CHECK (reason IN ('EXPIRED', 'DISCARDED')),
    recipient       TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    proof           TEXT -- DISCARDED: the signed request as JSON (MeshJson.encodeProof)
) WITHOUT ROWID;

CREATE INDEX mesh_tombstones_expires_at ON mesh_tombstones (expires_at);

CREATE TABLE mesh_peers (
    url             TEXT    PRIMARY KEY,
    entry_url       TEXT,    -- the peer's signed server entry: NULL until pinned
    entry_key       TEXT,
    entry_signed_at INTEGER,
    entry_signature TEXT,
    score           INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'DROPPED')),
    since           INTEGER NOT NULL,
    last_sync       INTEGER  -- NULL until a round completed
) WITHOUT ROWID;

CREATE TABLE mesh_peer_checks (
    peer_url    TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    accepted_at INTEGER NOT NULL,
    PRIMARY KEY (peer_url, hash)
) WITHOUT ROWID;
