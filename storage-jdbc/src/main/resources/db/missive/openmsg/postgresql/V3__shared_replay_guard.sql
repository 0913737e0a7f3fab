-- The hashes of accepted messages move to the replay guard shared by every protocol (table
-- replay_guard of the "guard" migrations, which JdbcOpenmsgStore runs first), scope
-- openmsg.message_hash. Both tables hold epoch nanoseconds. Nothing is lost: a hash present in both
-- keeps the later expiry.
INSERT INTO replay_guard (scope, guard_key, expires_at)
SELECT 'openmsg.message_hash', message_hash, expires_at FROM openmsg_replay_guard WHERE true
ON CONFLICT (scope, guard_key) DO UPDATE SET expires_at = excluded.expires_at
WHERE replay_guard.expires_at < excluded.expires_at;

DROP TABLE openmsg_replay_guard;
