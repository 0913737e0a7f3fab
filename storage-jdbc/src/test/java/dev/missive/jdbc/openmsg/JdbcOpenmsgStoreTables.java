package dev.missive.jdbc.openmsg;

/** The tables a test clears between cases, children first. */
final class JdbcOpenmsgStoreTables {

    static final String[] ALL = {
        "openmsg_users",
        "openmsg_pass_codes",
        "openmsg_pending_handshakes",
        "openmsg_connections",
        "openmsg_outbound",
        "openmsg_inbox",
        "openmsg_node_domains",
        "replay_guard"
    };

    private JdbcOpenmsgStoreTables() {}
}
