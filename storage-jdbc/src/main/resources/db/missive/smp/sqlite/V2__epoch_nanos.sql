-- Instants are epoch nanoseconds in every Missive table (docs/storage.md, "Instants"). V1 stored
-- received_at in epoch milliseconds; SMP timestamps are whole milliseconds, so this is exact.
UPDATE smp_messages SET received_at = CASE
    WHEN received_at > 9223372036854 THEN 9223372036854775807
    WHEN received_at < -9223372036854 THEN -9223372036854775807 - 1
    ELSE received_at * 1000000
END;
