import dev.missive.tcp.smp.*;
import dev.missive.smp.*;
import dev.missive.smp.client.*;
import dev.missive.spi.RandomSource;
import java.util.concurrent.*;
import java.nio.charset.StandardCharsets;
int port = Integer.parseInt(System.getenv("PORT"));
String h = System.getenv("HASH");
byte[] hash = h == null || h.isEmpty() ? null : dev.missive.crypto.Encodings.fromBase64OrBase64Url(h);
var random = RandomSource.secure();
var open = new CopyOnWriteArrayList<SmpTcpConnection>();
SmpClient client(ServerAddress a) {
    try {
        var o = hash == null ? SmpTcpConnection.Options.plain(a.host(), a.port()) : SmpTcpConnection.Options.encrypted(a.host(), a.port(), hash);
        var tcp = SmpTcpConnection.connect(o);
        var c = new SmpClient(a, tcp.sink(), random, SignatureScheme.standard(), e -> System.out.println("protocol error " + e));
        tcp.onClose(c::close); tcp.start(c::onBytes); open.add(tcp);
        return c;
    } catch (Exception e) { throw new RuntimeException(e); }
}
var address = new ServerAddress("127.0.0.1", port, hash);
var aliceGot = new CopyOnWriteArrayList<String>();
var bobGot = new CopyOnWriteArrayList<String>();
try {
    var init = DuplexConnection.initiate(client(address), a -> client(a), b -> aliceGot.add(new String(b, StandardCharsets.UTF_8))).get(20, TimeUnit.SECONDS);
    String uri = init.invitation().toUri();
    System.out.println("RESULT invitation " + uri.substring(0, Math.min(60, uri.length())) + "...");
    var bob = DuplexConnection.accept(client(address), Invitation.parse(uri), a -> client(a), b -> bobGot.add(new String(b, StandardCharsets.UTF_8))).get(20, TimeUnit.SECONDS);
    var alice = init.established().get(20, TimeUnit.SECONDS);
    for (int i = 0; i < 20; i++) {
        bob.send(("b" + i + " \n binary \r\n " + "x".repeat(i * 100)).getBytes(StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
        alice.send(("a" + i).getBytes(StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 20000;
    while ((aliceGot.size() < 20 || bobGot.size() < 20) && System.currentTimeMillis() < deadline) Thread.sleep(50);
    boolean inOrder = true;
    for (int i = 0; i < 20; i++) { inOrder &= aliceGot.get(i).startsWith("b" + i + " \n binary \r\n ") && bobGot.get(i).equals("a" + i); }
    System.out.println("RESULT duplex ok: alice got " + aliceGot.size() + ", bob got " + bobGot.size() + ", in order and intact: " + inOrder);
} catch (Exception e) {
    System.out.println("RESULT failed: " + e);
} finally { open.forEach(SmpTcpConnection::close); }
/exit
