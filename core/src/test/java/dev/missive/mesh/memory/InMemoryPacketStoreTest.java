package dev.missive.mesh.memory;

import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.PacketStoreContract;
import dev.missive.mesh.spi.TombstoneStore;

class InMemoryPacketStoreTest extends PacketStoreContract {

    @Override
    protected PacketStore newStore() {
        return new InMemoryPacketStore();
    }

    @Override
    protected TombstoneStore newTombstoneStore() {
        return new InMemoryTombstoneStore();
    }
}
