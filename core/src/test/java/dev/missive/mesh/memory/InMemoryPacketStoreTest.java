package dev.missive.mesh.memory;

import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.PacketStoreContract;

class InMemoryPacketStoreTest extends PacketStoreContract {

    @Override
    protected PacketStore newStore() {
        return new InMemoryPacketStore();
    }
}
