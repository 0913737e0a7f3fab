package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.ProfileStore;
import dev.missive.emsg.spi.ProfileStoreContract;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;

/** The {@link ProfileStoreContract} on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcProfileStoreTest extends ProfileStoreContract {

    private final TestDatabase backend;

    JdbcProfileStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected ProfileStore newStore() {
        ProfileStore store = new JdbcProfileStore(backend.database());
        backend.clear("emsg_profile_fields", "emsg_profiles", "emsg_contacts");
        return store;
    }
}
