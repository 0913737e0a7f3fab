package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.AccountStore;
import dev.missive.emsg.spi.AccountStoreContract;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;

/** The {@link AccountStoreContract} on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcAccountStoreTest extends AccountStoreContract {

    private final TestDatabase backend;

    JdbcAccountStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected AccountStore newStore() {
        AccountStore store = new JdbcAccountStore(backend.database());
        backend.clear("emsg_account_keys", "emsg_accounts", "emsg_domain_keys");
        return store;
    }
}
