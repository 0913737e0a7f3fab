-- Which instance holds each queue's subscription, when several smp-server instances share this
-- schema (PostgresSmpCluster, docs/smp.md "Several instances on one database"). The last claim
-- wins; the row goes with its queue.
CREATE TABLE smp_subscribers (
    recipient_id BYTEA PRIMARY KEY REFERENCES smp_queues (recipient_id) ON DELETE CASCADE,
    instance_id  VARCHAR(64) NOT NULL
);
