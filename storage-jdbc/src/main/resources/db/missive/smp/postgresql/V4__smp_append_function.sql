-- SEND's append in one round trip (JdbcMessageStore.append): take the queue's transaction-scoped
-- advisory lock, count the queue up to its quota, insert. In PL/pgSQL each statement reads a fresh
-- snapshot, so the count sees every append committed by the previous holder of the lock, and
-- sequence order equals commit order across instances. With a channel, a stored message is also
-- announced there (pg_notify, delivered when the transaction commits), so a cluster member tells
-- the other instances without a transaction of its own. Returns the messages queued before this
-- one (0: it is the head), or -1 if the queue is full and nothing was stored.
CREATE FUNCTION smp_append(
    p_recipient_id BYTEA,
    p_msg_id       BYTEA,
    p_received_at  BIGINT,
    p_body         BYTEA,
    p_quota        INTEGER,
    p_lock_key     BIGINT,
    p_channel      TEXT,
    p_payload      TEXT) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    queued INTEGER;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock_key);
    SELECT COUNT(*) INTO queued
        FROM (SELECT 1 FROM smp_messages WHERE recipient_id = p_recipient_id LIMIT p_quota) AS q;
    IF queued >= p_quota THEN
        RETURN -1;
    END IF;
    INSERT INTO smp_messages (recipient_id, msg_id, received_at, body)
        VALUES (p_recipient_id, p_msg_id, p_received_at, p_body);
    IF p_channel IS NOT NULL THEN
        PERFORM pg_notify(p_channel, p_payload);
    END IF;
    RETURN queued;
END
$$;
