"""Edge cases beyond Test.hs, sent as identical byte scripts (re-signed where needed) to the 2020
reference server and to a Missive server; prints both replies side by side.

usage: edge_probe.py REF_PORT MISSIVE_PORT
"""
import sys

from smpwire import Conn, Ed25519Keys, RefKeys, Timeout, b64, transmission

REF_PORT, MIS_PORT = int(sys.argv[1]), int(sys.argv[2])


def show(t):
    if t is None:
        return "(nothing within 1.5 s)"
    if isinstance(t, str):
        return t
    sig, cid, cmd, body = t
    s = "%s|%s|%s" % (sig.decode("latin1"), "<cid>" if len(cid) > 8 else cid.decode("latin1"), cmd.decode("latin1"))
    if cmd.startswith(b"IDS "):
        s = "%s|%s|IDS <rid> <sid>" % (sig.decode("latin1"), cid.decode("latin1"))
    if cmd.startswith(b"MSG "):
        s = "MSG <id> <ts> " + cmd.split(b" ")[3].decode() + " body=%r" % body
    return s


def recv(c, secs=1.5):
    try:
        return c.recv_t(secs)
    except Timeout:
        return None
    except EOFError:
        return "(connection closed)"
    except AssertionError as e:
        return "(framing: %s)" % e


class Probe:
    def __init__(self, port, keys):
        self.port, self.keys = port, keys

    def conn(self):
        return Conn(self.port)

    def queue(self, c, rk="1234"):
        c.send(transmission(self.keys, "", b"", b"CONN " + self.keys.wire_key(rk)))
        _, _, cmd, _ = c.recv_t()
        _, rid, sid = cmd.split(b" ")
        return rid, sid

    def tx(self, sig, cid, cmd, body=None):
        return transmission(self.keys, sig, cid, cmd, body)


def scenarios(p):
    k = p.keys
    out = {}

    def fresh(name, data, n=1):
        c = p.conn()
        c.send(data)
        out[name] = [show(recv(c)) for _ in range(n)]
        c.close()

    one = b64(b"1")
    fresh("E1 connId '!!' (bad base64)", b"\r\n!!\r\nSUB\r\n")
    fresh("E2 signature '!!' (bad base64), connId MQ==", b"!!\r\n" + one + b"\r\nSUB\r\n")
    fresh("E3 client sends 'OK 1'", p.tx("1234", one, b"OK 1"))
    fresh("E4a client sends 'ERR FOO'", p.tx("1234", one, b"ERR FOO"))
    fresh("E4b client sends 'ERR AUTH'", p.tx("1234", one, b"ERR AUTH"))
    fresh("E4c client sends 'END'", p.tx("1234", one, b"END"))
    fresh("E5 'SUB ' trailing space, unknown queue", p.tx("1234", one, b"SUB "))
    fresh("E14 lower-case 'sub'", p.tx("1234", one, b"sub"))
    fresh("E15 'KEY<TAB>key'", p.tx("1234", one, b"KEY\t" + k.wire_key("4567")))
    fresh("E16 'SEND -5'", p.tx("1234", one, b"SEND -5"))
    fresh("E17 unknown keyword with params 'PING 1'", p.tx("", one, b"PING 1"))
    fresh("E18 'CONN' key not base64", p.tx("", b"", b"CONN !!!!"))
    fresh("E19 empty line triple (empty command)", b"\r\n\r\n\r\n")
    fresh("E20 bare-LF transmission", p.tx("", b"", b"CONN " + k.wire_key("1234")).replace(b"\r\n", b"\n"))

    def with_queue(name, fn):
        c, s = p.conn(), p.conn()
        rid, sid = p.queue(c)
        try:
            out[name] = fn(c, s, rid, sid)
        except Exception as e:  # noqa
            out[name] = ["(exception %r)" % e]
        c.close()
        s.close()

    def send_and_deliver(cmd, body=None, raw=None):
        def fn(c, s, rid, sid):
            s.send(raw(sid) if raw else p.tx("", sid, cmd, body))
            return [show(recv(s)), show(recv(c))]
        return fn

    with_queue("E6 'SEND  :hi' (two spaces)", send_and_deliver(b"SEND  :hi"))
    with_queue("E7 'SEND :a  b\\tc' (whitespace runs in text)", send_and_deliver(b"SEND :a  b\tc"))
    with_queue("E8a binary body with LF 'a\\nb'", send_and_deliver(b"SEND 3", b"a\nb"))
    with_queue("E8b binary body with CRLF 'a\\r\\nb'", send_and_deliver(b"SEND 4", b"a\r\nb"))
    with_queue("E9 'SEND 0' (empty binary body)", send_and_deliver(b"SEND 0", b""))
    with_queue("E10 'SEND :' (empty text)", send_and_deliver(b"SEND :"))
    with_queue("E11 'SEND 5 ' (trailing space after size)", send_and_deliver(b"SEND 5 ", None,
               raw=lambda sid: b"\r\n" + sid + b"\r\nSEND 5 \r\nhello\r\n"))

    def two_crlf(c, s, rid, sid):
        s.send(b"\r\n" + sid + b"\r\nSEND 5\r\nhello\r\n\r\n" + p.tx("", sid, b"SEND :after"))
        return [show(recv(s)) for _ in range(3)] + ["recipient: " + show(recv(c))]
    with_queue("E12 two CRLFs after a binary body, then SEND :after", two_crlf)

    def pipelined(c, s, rid, sid):
        data = b"".join(p.tx("", sid, b"SEND :m%d" % i) for i in range(5))
        data += p.tx("1234", rid, b"ACK") + p.tx("1234", rid, b"ACK")
        s.send(data[:len(data) // 2])
        s.send(data[len(data) // 2:])
        return [show(recv(s)) for _ in range(7)] + ["recipient: " + show(recv(c))]
    with_queue("E13 5 SENDs + 2 ACKs (ACKs on sender conn) in two writes", pipelined)

    def double_sub(c, s, rid, sid):
        s.send(p.tx("", sid, b"SEND :x"))
        recv(s)
        first = show(recv(c))
        c.send(p.tx("1234", rid, b"SUB"))
        second = show(recv(c))
        c.send(p.tx("1234", rid, b"SUB"))
        return [first, second, show(recv(c))]
    with_queue("E21 repeated SUB on the same connection re-sends the unACKed MSG", double_sub)

    def sub_empty_then_send(c, s, rid, sid):
        c.send(p.tx("1234", rid, b"SUB"))
        r1 = show(recv(c))
        s.send(p.tx("", sid, b"SEND :late"))
        return [r1, show(recv(s)), show(recv(c))]
    with_queue("E22 SUB on empty queue then SEND -> pushed MSG", sub_empty_then_send)

    def ack_other_conn(c, s, rid, sid):
        s.send(p.tx("", sid, b"SEND :y"))
        recv(s)
        recv(c)
        s.send(p.tx("1234", rid, b"ACK"))
        return [show(recv(s))]
    with_queue("E23 ACK from a connection that is not subscribed", ack_other_conn)

    def key_on_sid_unsecured(c, s, rid, sid):
        s.send(p.tx("1234", sid, b"SEND :signed-before-KEY"))
        return [show(recv(s))]
    with_queue("E24 SEND signed with RK before KEY", key_on_sid_unsecured)

    def send_to_rid(c, s, rid, sid):
        s.send(p.tx("", rid, b"SEND :to-rid"))
        return [show(recv(s))]
    with_queue("E25 unsigned SEND to the RID", send_to_rid)

    def del_then_sender(c, s, rid, sid):
        s.send(p.tx("", sid, b"SEND :z"))
        recv(s)
        recv(c)
        c.send(p.tx("1234", rid, b"DEL"))
        r = show(recv(c))
        c.send(p.tx("1234", rid, b"KEY " + k.wire_key("4567")))
        return [r, show(recv(c))]
    with_queue("E26 DEL with an unACKed message, then KEY", del_then_sender)

    def key_after_off(c, s, rid, sid):
        c.send(p.tx("1234", rid, b"OFF"))
        r1 = show(recv(c))
        c.send(p.tx("1234", rid, b"KEY " + k.wire_key("4567")))
        r2 = show(recv(c))
        s.send(p.tx("4567", sid, b"SEND :after OFF and KEY"))
        return [r1, r2, show(recv(s))]
    with_queue("E27 OFF, then KEY, then signed SEND", key_after_off)

    def ack_twice_pending(c, s, rid, sid):
        s.send(p.tx("", sid, b"SEND :one"))
        recv(s)
        s.send(p.tx("", sid, b"SEND :two"))
        recv(s)
        first = show(recv(c))
        c.send(p.tx("1234", rid, b"ACK") + p.tx("1234", rid, b"ACK") + p.tx("1234", rid, b"ACK"))
        return [first] + [show(recv(c)) for _ in range(3)]
    with_queue("E28 two messages, three pipelined ACKs", ack_twice_pending)
    return out


ref = scenarios(Probe(REF_PORT, RefKeys()))
mis = scenarios(Probe(MIS_PORT, Ed25519Keys()))
for name in ref:
    same = ref[name] == mis[name]
    print("%s %s" % ("SAME" if same else "DIFF", name))
    print("    ref    : %s" % " ;; ".join(ref[name]))
    if not same:
        print("    missive: %s" % " ;; ".join(mis[name]))
