package dev.missive.tcp.emsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DnsDiscovery} against real DNS packets from {@link LoopbackDnsServer}: every step of the order. */
class DnsDiscoveryTest {

    private final LoopbackDnsServer dns;
    private final DnsDiscovery discovery;

    DnsDiscoveryTest() throws IOException {
        dns = new LoopbackDnsServer();
        discovery = DnsDiscovery.usingServer(dns.address(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private static List<String> hostPorts(List<InetSocketAddress> servers) {
        return servers.stream()
                .map(s -> s.getHostString() + "/" + s.getAddress().getHostAddress() + ":" + s.getPort())
                .toList();
    }

    @Test
    void srvTargetsComeInPriorityThenWeightOrderResolvedThroughTheSameServer() throws IOException {
        dns.srv("_emsg-server._tcp.a.test", 20, 0, 7001, "backup.a.test")
                .srv("_emsg-server._tcp.a.test", 10, 5, 7002, "light.a.test")
                .srv("_emsg-server._tcp.a.test", 10, 50, 7003, "heavy.a.test")
                .a("backup.a.test", "127.0.0.3")
                .a("light.a.test", "127.0.0.2")
                .a("heavy.a.test", "127.0.0.1")
                .aaaa("heavy.a.test", "::1");

        assertThat(hostPorts(discovery.discover("A.Test")))
                .containsExactly(
                        "heavy.a.test/127.0.0.1:7003",
                        "heavy.a.test/0:0:0:0:0:0:0:1:7003",
                        "light.a.test/127.0.0.2:7002",
                        "backup.a.test/127.0.0.3:7001");
    }

    @Test
    void anSrvTargetOfRootMeansNoServer() throws IOException {
        dns.srv("_emsg-server._tcp.none.test", 0, 0, 0, ".").a("none.test", "127.0.0.1");

        assertThat(discovery.discover("none.test")).isEmpty();
    }

    @Test
    void withoutSrvTheTxtRecordNamesTheServerAsABareUrl() throws IOException {
        dns.txt("_emsg.b.test", "esmp://chat.b.test:7100").a("chat.b.test", "127.0.0.9");

        assertThat(hostPorts(discovery.discover("b.test"))).containsExactly("chat.b.test/127.0.0.9:7100");
    }

    @Test
    void aTxtRecordMayBeJsonWithServerOrUrl() throws IOException {
        dns.txt("_emsg.c.test", "{\"server\":\"esmp://127.0.0.5:7200\",\"version\":\"0.2\"}")
                .txt("_emsg.d.test", "{\"url\":\"https://web.d.test:8443/api\",", "\"pubkey\":\"AAAA\"}")
                .a("web.d.test", "127.0.0.6");

        assertThat(hostPorts(discovery.discover("c.test"))).containsExactly("127.0.0.5/127.0.0.5:7200");
        // An http(s) URL names the host; its port is a web server's, so ESMP keeps 5888.
        assertThat(hostPorts(discovery.discover("d.test"))).containsExactly("web.d.test/127.0.0.6:5888");
    }

    @Test
    void aTxtRecordMayBeKeyValuePairs() throws IOException {
        dns.txt("_emsg.e.test", "v=emsg1 pubkey=AAAA url=esmp://127.0.0.7:7300");

        assertThat(hostPorts(discovery.discover("e.test"))).containsExactly("127.0.0.7/127.0.0.7:7300");
    }

    @Test
    void aTxtRecordThatNamesNoServerIsSkippedForTheNextOne() throws IOException {
        dns.txt("_emsg.f.test", "v=emsg1").txt("_emsg.f.test", "127.0.0.8:7400");

        assertThat(hostPorts(discovery.discover("f.test"))).containsExactly("127.0.0.8/127.0.0.8:7400");
    }

    @Test
    void withoutSrvOrTxtTheDomainsOwnAddressesServeOn5888() throws IOException {
        dns.a("g.test", "127.0.0.10").aaaa("g.test", "::1");

        assertThat(hostPorts(discovery.discover("g.test")))
                .containsExactly("g.test/127.0.0.10:5888", "g.test/0:0:0:0:0:0:0:1:5888");
    }

    @Test
    void anUnknownDomainHasNoServer() throws IOException {
        assertThat(discovery.discover("unknown.test")).isEmpty();
    }

    @Test
    void aStaticOverrideWinsWithoutAskingDns() throws IOException {
        dns.a("h.test", "127.0.0.11");
        DnsDiscovery overridden = discovery.withOverride("H.test", new InetSocketAddress("127.0.0.12", 7500));

        assertThat(hostPorts(overridden.discover("h.test"))).containsExactly("127.0.0.12/127.0.0.12:7500");
        assertThat(dns.queries()).isZero();
    }

    @Test
    void aFailingServerIsAnErrorNotAnAbsentRecord() throws IOException {
        dns.fail("_emsg-server._tcp.i.test").a("i.test", "127.0.0.13");

        assertThatThrownBy(() -> discovery.discover("i.test"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("_emsg-server._tcp.i.test");
    }

    @Test
    void txtValuesParse() {
        assertThat(DnsDiscovery.parseTxt("emsg.example:6000"))
                .contains(new DnsDiscovery.HostPort("emsg.example", 6000));
        assertThat(DnsDiscovery.parseTxt("emsg.example")).contains(new DnsDiscovery.HostPort("emsg.example", 5888));
        assertThat(DnsDiscovery.parseTxt("[::1]:6001")).contains(new DnsDiscovery.HostPort("::1", 6001));
        assertThat(DnsDiscovery.parseTxt("server=tls://s.example:6002;pubkey=x"))
                .contains(new DnsDiscovery.HostPort("s.example", 6002));
        assertThat(DnsDiscovery.parseTxt("{\"pubkey\":\"x\"}")).isEmpty();
        assertThat(DnsDiscovery.parseTxt("{broken")).isEmpty();
        assertThat(DnsDiscovery.parseTxt("   ")).isEmpty();
        assertThat(DnsDiscovery.parseTxt("host/with/path")).isEmpty();
    }
}
