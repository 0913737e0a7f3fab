-- SMP queue records and their messages. See JdbcQueueStore and JdbcMessageStore.

-- Every RID and SID in use: one key space, so no ID is ever both a RID and a SID.
CREATE TABLE smp_queue_ids (
    queue_id BLOB PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE smp_queues (
    recipient_id  BLOB PRIMARY KEY,
    sender_id     BLOB NOT NULL UNIQUE,
    recipient_key BLOB NOT NULL,
    sender_key    BLOB,            -- NULL until KEY secures the queue
    status        TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED'))
) WITHOUT ROWID;

-- One FIFO per queue: seq orders it.
CREATE TABLE smp_messages (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_id BLOB    NOT NULL,
    msg_id       BLOB    NOT NULL,
    received_at  INTEGER NOT NULL, -- epoch milliseconds
    body         BLOB    NOT NULL
);

CREATE INDEX smp_messages_queue ON smp_messages (recipient_id, seq);
CREATE INDEX smp_messages_received_at ON smp_messages (received_at);
