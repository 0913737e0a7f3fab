package dev.missive.mesh.memory;

import dev.missive.mesh.spi.PeerStore;
import dev.missive.mesh.spi.PeerStoreContract;

class InMemoryPeerStoreTest extends PeerStoreContract {

    @Override
    protected PeerStore newStore() {
        return new InMemoryPeerStore();
    }
}
