-- Mesh relay: packets, tombstones, peers and their pending availability checks.
-- See JdbcMeshPacketStore, JdbcMeshTombstoneStore and JdbcMeshPeerStore. Instants are epoch
-- nanoseconds (docs/storage.md, "Instants"); hashes are 64 lower-case hex digits, collated "C" so
-- that sync pages ("hash > ? ORDER BY hash") follow the order of Java's String.compareTo.

CREATE TABLE mesh_packets (
    hash       TEXT COLLATE "C" PRIMARY KEY,
    recipient  TEXT   NOT NULL,
    message    TEXT   NOT NULL,
    signature  TEXT   NOT NULL,
    profile    TEXT   NOT NULL CHECK (profile IN ('J2', 'J1', 'D0')),
    first_seen BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX mesh_packets_recipient ON mesh_packets (recipient, first_seen, hash);
CREATE INDEX mesh_packets_expires_at ON mesh_packets (expires_at);

-- proof is the recipient's signed discard request (NULL for an expiry), forwarded to peers as is.
CREATE TABLE mesh_tombstones (
    hash            TEXT COLLATE "C" PRIMARY KEY,
    reason          TEXT   NOT NULL CHECK (reason IN ('EXPIRED', 'DISCARDED')),
    recipient       TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    proof           TEXT -- DISCARDED: the signed request as JSON (MeshJson.encodeProof)
);

CREATE INDEX mesh_tombstones_expires_at ON mesh_tombstones (expires_at);

CREATE TABLE mesh_peers (
    url             TEXT COLLATE "C" PRIMARY KEY,
    entry_url       TEXT,    -- the peer's signed server entry: NULL until pinned
    entry_key       TEXT,
    entry_signed_at BIGINT,
    entry_signature TEXT,
    score           INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'DROPPED')),
    since           BIGINT  NOT NULL,
    last_sync       BIGINT   -- NULL until a round completed
);

CREATE TABLE mesh_peer_checks (
    peer_url    TEXT COLLATE "C" NOT NULL,
    hash        TEXT COLLATE "C" NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (peer_url, hash)
);
