-- SMP queue records and their messages. See JdbcQueueStore and JdbcMessageStore.

-- Every RID and SID in use: one key space, so no ID is ever both a RID and a SID.
CREATE TABLE smp_queue_ids (
    queue_id BYTEA PRIMARY KEY
);

CREATE TABLE smp_queues (
    recipient_id  BYTEA PRIMARY KEY,
    sender_id     BYTEA NOT NULL UNIQUE,
    recipient_key BYTEA NOT NULL,
    sender_key    BYTEA,            -- NULL until KEY secures the queue
    status        VARCHAR(16) NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED'))
);

-- One FIFO per queue: seq orders it.
CREATE TABLE smp_messages (
    seq          BIGSERIAL PRIMARY KEY,
    recipient_id BYTEA  NOT NULL,
    msg_id       BYTEA  NOT NULL,
    received_at  BIGINT NOT NULL, -- epoch milliseconds
    body         BYTEA  NOT NULL
);

CREATE INDEX smp_messages_queue ON smp_messages (recipient_id, seq);
CREATE INDEX smp_messages_received_at ON smp_messages (received_at);
