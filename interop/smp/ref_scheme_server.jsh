import dev.missive.smp.*;
import dev.missive.smp.memory.*;
import dev.missive.tcp.smp.*;
import dev.missive.spi.*;
var engine = SmpServer.builder().queueStore(new InMemoryQueueStore()).messageStore(new InMemoryMessageStore()).clock(Clock.system()).random(RandomSource.secure()).signatureScheme(new Reference2020SignatureScheme()).build();
var server = SmpTcpServer.builder(engine).host("127.0.0.1").port(Integer.parseInt(System.getenv("PORT"))).plain(true).start();
System.out.println("listening on " + server.address());
Thread.sleep(Long.MAX_VALUE);
