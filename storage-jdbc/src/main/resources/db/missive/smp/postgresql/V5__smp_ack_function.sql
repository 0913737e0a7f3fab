-- ACK's delete and the next head (JdbcMessageStore.deleteHeadAndPeek, one call per acknowledgement of
-- a group): deletes the queue's head if it is the acknowledged message, then reads the queue's next
-- head (NULLs when the queue is empty). The one statement it replaces, a WITH that joined the
-- group's acknowledgements with smp_messages, was planned anew on every execution: PostgreSQL
-- estimates a parameter array at 10 rows, so its cached plan never looked cheaper than a fresh one,
-- and planning took 29 % of the database's CPU in an SMP load run. The statements here are planned
-- a few times per connection and then kept, and each reads a fresh snapshot that includes the
-- calls before it.
CREATE FUNCTION smp_ack(
    p_recipient_id       BYTEA,
    p_msg_id             BYTEA,
    OUT next_msg_id      BYTEA,
    OUT next_received_at BIGINT,
    OUT next_body        BYTEA)
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM smp_messages
        WHERE seq = (SELECT h.seq FROM smp_messages h WHERE h.recipient_id = p_recipient_id ORDER BY h.seq LIMIT 1)
        AND msg_id = p_msg_id;
    SELECT m.msg_id, m.received_at, m.body INTO next_msg_id, next_received_at, next_body
        FROM smp_messages m WHERE m.recipient_id = p_recipient_id ORDER BY m.seq LIMIT 1;
END
$$;
