// SMP across two instances: a client against two smp-server processes that share one PostgreSQL
// schema (docs/storage.md, "Several instances on one PostgreSQL"). Start them first:
//
//   ./mvnw -q -DskipTests package
//   STORE='jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=smp_shared'
//   java -jar examples/target/missive.jar smp-server --port 5223 --store "$STORE" &   # instance A
//   java -jar examples/target/missive.jar smp-server --port 5224 --store "$STORE" &   # instance B
//   jshell --class-path examples/target/missive.jar examples/jshell/smp-cluster.jsh
//
// Other ports: jshell -R-Dsmp.a=PORT -R-Dsmp.b=PORT ... (plain TCP on 127.0.0.1).

import dev.missive.smp.SignatureScheme;
import dev.missive.smp.client.QueueHandler;
import dev.missive.smp.client.ReceivedMessage;
import dev.missive.smp.client.RecipientQueue;
import dev.missive.smp.client.SenderQueue;
import dev.missive.smp.model.ServerAddress;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

var a = ServerAddress.plain("127.0.0.1", Integer.getInteger("smp.a", 5223));
var b = ServerAddress.plain("127.0.0.1", Integer.getInteger("smp.b", 5224));

// 1. Through A: create a queue and secure it with a sender key.
var sk = SignatureScheme.standard().generateKey(RandomSource.secure());
var setup = SmpTcpClient.connect(a);
var created = setup.client().createQueue((q, m) -> {}).get(30, TimeUnit.SECONDS);
setup.client().secure(created, sk.publicKey()).get(30, TimeUnit.SECONDS);
setup.close();
System.out.println("queue created and secured through A");

// The same queue as reached through each instance.
RecipientQueue recipientOn(ServerAddress server) {
    return new RecipientQueue(server, created.recipientId(), created.senderId(), created.recipientKey(), created.encryptionKey());
}
SenderQueue senderOn(ServerAddress server) {
    return new SenderQueue(server, created.senderId(), sk, created.encryptionKey().publicKey());
}

// 2. Subscribe through B; send through A; B receives it.
var received = new CompletableFuture<String>();
var ended = new CompletableFuture<Void>();
var onB = SmpTcpClient.connect(b);
onB.client().register(recipientOn(b), new QueueHandler() {
    public void onMessage(RecipientQueue queue, ReceivedMessage message) {
        received.complete(new String(message.envelope().orElseThrow().content(), StandardCharsets.UTF_8));
        onB.client().acknowledge(queue);
    }
    public void onEnd(RecipientQueue queue) {
        ended.complete(null);
    }
});
onB.client().subscribe(recipientOn(b)).get(30, TimeUnit.SECONDS);
var sender = SmpTcpClient.connect(a);
sender.client().send(senderOn(a), "hello across instances".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
System.out.println("sent through A; B received: " + received.get(30, TimeUnit.SECONDS));

// 3. Subscribe through A: B's subscriber gets END.
var onA = SmpTcpClient.connect(a);
onA.client().register(recipientOn(a), (q, m) -> {});
onA.client().subscribe(recipientOn(a)).get(30, TimeUnit.SECONDS);
ended.get(30, TimeUnit.SECONDS);
System.out.println("subscribed through A; B's subscriber got END");

// 4. Delete through A: B refuses the queue from then on.
onA.client().delete(recipientOn(a)).get(30, TimeUnit.SECONDS);
String refusal;
try {
    SmpTcpClient.connect(b).client().send(senderOn(b), "too late".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
    refusal = "FAILED: B still accepts the deleted queue";
} catch (ExecutionException e) {
    refusal = "deleted through A; B answers " + e.getCause().getMessage();
}
System.out.println(refusal);

onA.close();
onB.close();
sender.close();
/exit refusal.startsWith("deleted") ? 0 : 1
