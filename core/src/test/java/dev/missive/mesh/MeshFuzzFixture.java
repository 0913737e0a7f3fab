package dev.missive.mesh;

import dev.missive.mesh.model.MeshProfile;

/**
 * The deterministic server the fuzz targets attack: origin {@value #ORIGIN}, key {@code server-a},
 * J1 and D0 on, {@value #PEER} ({@code server-b}) a configured peer, clock at {@link MeshNet#START}.
 * Committed seeds were made against it, so they reach the deep checks.
 */
final class MeshFuzzFixture {

    static final String ORIGIN = "http://127.0.0.1:7001";
    static final String PEER = "http://127.0.0.1:7002";

    private MeshFuzzFixture() {}

    static MeshNet.Node server() {
        MeshNet net = new MeshNet();
        MeshNet.Node node = net.add(
                ORIGIN, "server-a", MeshNet.config().withProfile(MeshProfile.J1).withProfile(MeshProfile.D0), s -> s);
        node.server().addPeer(PEER);
        return node;
    }
}
