import dev.missive.tcp.smp.*;
import dev.missive.smp.*;
import dev.missive.smp.client.*;
import dev.missive.smp.wire.*;
import dev.missive.spi.RandomSource;
import java.util.concurrent.TimeUnit;
int port = Integer.parseInt(System.getenv("PORT"));
byte[] hash = dev.missive.crypto.Encodings.fromBase64OrBase64Url(System.getenv("HASH"));
try {
    var tcp = SmpTcpConnection.connect(SmpTcpConnection.Options.encrypted("127.0.0.1", port, hash));
    var session = new ClientSession(tcp.sink(), new ClientSession.Listener() {
        public void onMessage(QueueId q, ServerMessage.Msg m) { System.out.println("MSG " + m); }
        public void onEnd(QueueId q) { System.out.println("END " + q); }
    });
    tcp.onClose(session::close);
    tcp.start(session::onBytes);
    var rk = SignatureScheme.standard().generateKey(RandomSource.secure());
    var ids = session.request(null, null, new Command.Create(rk.publicKey())).get(10, TimeUnit.SECONDS);
    System.out.println("RESULT connected; CONN -> " + ids.line());
    var q = ((ServerMessage.Ids) ids).recipientId();
    System.out.println("RESULT SUB -> " + session.request(rk, q, new Command.Subscribe()).get(10, TimeUnit.SECONDS).line());
    tcp.close();
} catch (Exception e) {
    System.out.println("RESULT refused: " + e);
}
/exit
