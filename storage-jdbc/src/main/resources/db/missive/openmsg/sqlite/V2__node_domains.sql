-- The domains of the nodes that serve from this database, so that operator tools sharing the
-- database (missive openmsg passcode/inbox) know the domain of a bare user id.
CREATE TABLE openmsg_node_domains (
    domain        TEXT    NOT NULL PRIMARY KEY,
    registered_at INTEGER NOT NULL
);
