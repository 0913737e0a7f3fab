package dev.missive.http.openmsg;

import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgStore;

class OpenmsgHttpsEndToEndMemoryTest extends OpenmsgHttpsEndToEndContract {

    @Override
    protected OpenmsgStore newStore(String name) {
        return new InMemoryOpenmsgStore();
    }
}
