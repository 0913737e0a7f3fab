-- Instants are epoch nanoseconds in every Missive table (docs/storage.md, "Instants"). V1 stored
-- the expiry in epoch milliseconds rounded up; multiplying keeps every entry guarding at least as
-- long as before. Values beyond the range of nanoseconds saturate, as Sql.epochNanos does.
UPDATE replay_guard SET expires_at = CASE
    WHEN expires_at > 9223372036854 THEN 9223372036854775807
    WHEN expires_at < -9223372036854 THEN -9223372036854775807 - 1
    ELSE expires_at * 1000000
END;
