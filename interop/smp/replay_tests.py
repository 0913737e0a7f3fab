"""Replays the 2020 reference server's own tests/Test.hs conversations (simplexmq 35f83b604 /
480ff8690) byte-for-byte against any seed-dialect server, re-signing signed commands when the
server verifies real signatures.

usage: replay_tests.py PORT ref|ed25519|rsa|rsa-prefixed [CONN|NEW] [--no-greeting]
"""
import sys
import traceback

from smpwire import CRLF, Conn, EncConn, Ed25519Keys, RefKeys, RsaPssKeys, b64, transmission, unb64

PORT = int(sys.argv[1])
KEYS = {"ref": RefKeys, "ed25519": Ed25519Keys, "rsa": RsaPssKeys,
        "rsa-prefixed": lambda: RsaPssKeys(b"rsa:")}[sys.argv[2]]()
CREATE = (sys.argv[3] if len(sys.argv) > 3 else "CONN").encode()
GREETING = "--no-greeting" not in sys.argv
ENC_HASH = sys.argv[sys.argv.index("--encrypted") + 1] if "--encrypted" in sys.argv else None

results = []  # (test, step, ok, detail)
current = ["?"]


def check(step, actual, expected):
    ok = actual == expected
    results.append((current[0], step, ok, "" if ok else "expected %r got %r" % (expected, actual)))
    if not ok:
        print("  FAIL %s: expected %r got %r" % (step, expected, actual))
    return ok


def conn():
    if ENC_HASH:
        c = EncConn(PORT, ENC_HASH)
        check("version greeting", c.version.startswith(b"SMP ") and len(c.version.split(b" ")[1].split(b".")) == 4, True)
        return c
    c = Conn(PORT, greeting=GREETING)
    if GREETING:
        check("greeting", c.greeting, b"Welcome to SMP")
    return c


def send_recv(c, sig, cid, cmd, body=None):
    c.send(transmission(KEYS, sig, cid, cmd, body))
    return c.recv_t()


def resp(t):
    """(connId line, command line, body) of a server transmission, checking the empty signature."""
    sig, cid, cmd, body = t
    if sig != b"":
        raise AssertionError("server signature line not empty: %r" % sig)
    return cid, cmd, body


def ids(t):
    cid, cmd, _ = resp(t)
    parts = cmd.split(b" ")
    if parts[0] != b"IDS" or len(parts) != 3:
        raise AssertionError("expected IDS, got %r" % cmd)
    unb64(parts[1]), unb64(parts[2])
    return cid, parts[1], parts[2]


def msg(t):
    cid, cmd, body = resp(t)
    parts = cmd.split(b" ")
    if parts[0] != b"MSG" or len(parts) != 4:
        raise AssertionError("expected MSG, got %r" % cmd)
    return cid, parts[1], parts[2], body


def key(name):
    return KEYS.wire_key(name)


# ---------------------------------------------------------------- conversations of Test.hs

def test_create_secure():
    h = conn()
    rid1, rid, sid = ids(send_recv(h, "", b"", CREATE + b" " + key("1234")))
    check("creates queue (empty connId)", rid1, b"")
    sid1, ok1, _ = resp(send_recv(h, "", sid, b"SEND :hello"))
    check("accepts unsigned SEND", ok1, b"OK")
    check("same queue ID in response 1", sid1, sid)
    _, _, _, m1 = msg(h.recv_t())
    check("delivers message", m1, b"hello")
    check("replies OK when message acknowledged if no more messages", resp(send_recv(h, "1234", rid, b"ACK"))[1], b"OK")
    check("replies ERR when message acknowledged without messages", resp(send_recv(h, "1234", rid, b"ACK"))[1], b"ERR PROHIBITED")
    sid2, e1, _ = resp(send_recv(h, "4567", sid, b"SEND :hello"))
    check("rejects signed SEND", e1, b"ERR AUTH")
    check("same queue ID in response 2", sid2, sid)
    check("rejects KEY with wrong signature", resp(send_recv(h, "12345678", rid, b"KEY " + key("4567")))[1], b"ERR AUTH")
    check("rejects KEY with sender's ID", resp(send_recv(h, "1234", sid, b"KEY " + key("4567")))[1], b"ERR AUTH")
    rid2, ok2, _ = resp(send_recv(h, "1234", rid, b"KEY " + key("4567")))
    check("secures queue", ok2, b"OK")
    check("same queue ID in response 3", rid2, rid)
    check("rejects KEY if already secured", resp(send_recv(h, "1234", rid, b"KEY " + key("4567")))[1], b"ERR AUTH")
    check("accepts signed SEND (binary body)", resp(send_recv(h, "4567", sid, b"SEND 11", b"hello again"))[1], b"OK")
    _, _, _, m2 = msg(h.recv_t())
    check("delivers message 2", m2, b"hello again")
    check("replies OK when message acknowledged 2", resp(send_recv(h, "1234", rid, b"ACK"))[1], b"OK")
    check("rejects unsigned SEND", resp(send_recv(h, "", sid, b"SEND :hello"))[1], b"ERR AUTH")
    return [h]


def test_create_delete():
    rh, sh = conn(), conn()
    rid1, rid, sid = ids(send_recv(rh, "", b"", CREATE + b" " + key("1234")))
    check("creates queue", rid1, b"")
    check("secures queue", resp(send_recv(rh, "1234", rid, b"KEY " + key("4567")))[1], b"OK")
    check("accepts signed SEND", resp(send_recv(sh, "4567", sid, b"SEND :hello"))[1], b"OK")
    check("accepts signed SEND 2", resp(send_recv(sh, "4567", sid, b"SEND :hello 2"))[1], b"OK")
    _, _, _, m1 = msg(rh.recv_t())
    check("delivers message", m1, b"hello")
    check("rejects OFF with wrong signature", resp(send_recv(rh, "12345678", rid, b"OFF"))[1], b"ERR AUTH")
    check("rejects OFF with sender's ID", resp(send_recv(rh, "1234", sid, b"OFF"))[1], b"ERR AUTH")
    rid2, ok3, _ = resp(send_recv(rh, "1234", rid, b"OFF"))
    check("suspends queue", ok3, b"OK")
    check("same queue ID in response 2", rid2, rid)
    check("rejects signed SEND (off)", resp(send_recv(sh, "4567", sid, b"SEND :hello"))[1], b"ERR AUTH")
    check("rejects unsigned SEND too (off)", resp(send_recv(sh, "", sid, b"SEND :hello"))[1], b"ERR AUTH")
    check("accepts OFF when suspended", resp(send_recv(rh, "1234", rid, b"OFF"))[1], b"OK")
    t = send_recv(rh, "1234", rid, b"SUB")
    check("accepts SUB when suspended and re-delivers unACKed message", (resp(t)[1][:3], t[3]), (b"MSG", b"hello"))
    check("rejects DEL with wrong signature", resp(send_recv(rh, "12345678", rid, b"DEL"))[1], b"ERR AUTH")
    check("rejects DEL with sender's ID", resp(send_recv(rh, "1234", sid, b"DEL"))[1], b"ERR AUTH")
    rid3, ok6, _ = resp(send_recv(rh, "1234", rid, b"DEL"))
    check("deletes queue", ok6, b"OK")
    check("same queue ID in response 3", rid3, rid)
    check("rejects signed SEND when deleted", resp(send_recv(sh, "4567", sid, b"SEND :hello"))[1], b"ERR AUTH")
    check("rejects unsigned SEND too when deleted", resp(send_recv(sh, "", sid, b"SEND :hello"))[1], b"ERR AUTH")
    check("rejects ACK when deleted", resp(send_recv(rh, "1234", rid, b"ACK"))[1], b"ERR AUTH")
    check("rejects OFF when deleted", resp(send_recv(rh, "1234", rid, b"OFF"))[1], b"ERR AUTH")
    check("rejects SUB when deleted", resp(send_recv(rh, "1234", rid, b"SUB"))[1], b"ERR AUTH")
    return [rh, sh]


def test_duplex():
    alice, bob = conn(), conn()
    _, a_rcv, a_snd = ids(send_recv(alice, "", b"", CREATE + b" " + key("1234")))
    check("bob: unsigned SEND :key efgh", resp(send_recv(bob, "", a_snd, b"SEND :key " + key("efgh")))[1], b"OK")
    _, _, _, m1 = msg(alice.recv_t())
    check("alice ACK", resp(send_recv(alice, "1234", a_rcv, b"ACK"))[1], b"OK")
    w = m1.split()
    check("key received from Bob", w, [b"key", key("efgh")])
    check("alice KEY", resp(send_recv(alice, "1234", a_rcv, b"KEY " + w[1]))[1], b"OK")
    _, b_rcv, b_snd = ids(send_recv(bob, "", b"", CREATE + b" " + key("abcd")))
    check("bob signed SEND :reply_id", resp(send_recv(bob, "efgh", a_snd, b"SEND :reply_id " + b_snd))[1], b"OK")
    _, _, _, m2 = msg(alice.recv_t())
    check("alice ACK 2", resp(send_recv(alice, "1234", a_rcv, b"ACK"))[1], b"OK")
    check("reply queue ID received from Bob", m2.split(), [b"reply_id", b_snd])
    check("alice unsigned SEND :key 5678", resp(send_recv(alice, "", b_snd, b"SEND :key " + key("5678")))[1], b"OK")
    _, _, _, m3 = msg(bob.recv_t())
    check("bob ACK", resp(send_recv(bob, "abcd", b_rcv, b"ACK"))[1], b"OK")
    check("key received from Alice", m3.split(), [b"key", key("5678")])
    check("bob KEY", resp(send_recv(bob, "abcd", b_rcv, b"KEY " + m3.split()[1]))[1], b"OK")
    check("bob SEND :hi alice", resp(send_recv(bob, "efgh", a_snd, b"SEND :hi alice"))[1], b"OK")
    _, _, _, m4 = msg(alice.recv_t())
    check("alice ACK 3", resp(send_recv(alice, "1234", a_rcv, b"ACK"))[1], b"OK")
    check("message received from Bob", m4, b"hi alice")
    check("alice SEND :how are you bob", resp(send_recv(alice, "5678", b_snd, b"SEND :how are you bob"))[1], b"OK")
    _, _, _, m5 = msg(bob.recv_t())
    check("bob ACK 2", resp(send_recv(bob, "abcd", b_rcv, b"ACK"))[1], b"OK")
    check("message received from alice", m5, b"how are you bob")
    return [alice, bob]


def test_switch_sub():
    rh1, rh2, sh = conn(), conn(), conn()
    _, rid, sid = ids(send_recv(rh1, "", b"", CREATE + b" " + key("1234")))
    check("sent test message 1", resp(send_recv(sh, "", sid, b"SEND :test1"))[1], b"OK")
    check("sent test message 2", resp(send_recv(sh, "", sid, b"SEND :test2, no ACK"))[1], b"OK")
    _, _, _, m1 = msg(rh1.recv_t())
    check("test message 1 delivered to the 1st TCP connection", m1, b"test1")
    _, _, _, m2 = msg(send_recv(rh1, "1234", rid, b"ACK"))
    check("test message 2 delivered, no ACK", m2, b"test2, no ACK")
    _, id2b, _, m2b = msg(send_recv(rh2, "1234", rid, b"SUB"))
    check("SUB on 2nd TCP connection re-delivers test2", m2b, b"test2, no ACK")
    check("rh2 ACK", resp(send_recv(rh2, "1234", rid, b"ACK"))[1], b"OK")
    cid, end, _ = resp(rh1.recv_t())
    check("unsubscribed the 1st TCP connection (END)", (cid, end), (rid, b"END"))
    check("SEND test3", resp(send_recv(sh, "", sid, b"SEND :test3"))[1], b"OK")
    _, _, _, m3 = msg(rh2.recv_t())
    check("delivered to the 2nd TCP connection", m3, b"test3")
    check("rejects ACK from the 1st TCP connection", resp(send_recv(rh1, "1234", rid, b"ACK"))[1], b"ERR PROHIBITED")
    check("accepts ACK from the 2nd TCP connection", resp(send_recv(rh2, "1234", rid, b"ACK"))[1], b"OK")
    check("nothing else is delivered to the 1st TCP connection", rh1.expect_nothing(1.0), None)
    return [rh1, rh2, sh]


# syntaxTests: (signature name, raw connId, command line) >#> (connId, reply). A raw connId is
# base64-encoded on the wire like tPutRaw does ("1" -> "MQ=="); signatures are made by KEYS.
def syntax_cases():
    one = b64(b"1")
    k = key("4567")
    cases = [
        ("unknown command", "", b64(b"1234"), b"HELLO", None, b64(b"1234"), b"ERR UNKNOWN"),
        ("CREATE no parameters", "", b"", CREATE, None, b"", b"ERR SYNTAX 2"),
        ("CREATE many parameters", "", b"", CREATE + b" 1 2", None, b"", b"ERR SYNTAX 2"),
        ("CREATE has signature", "1234", b"", CREATE + b" " + key("1234"), None, b"", b"ERR SYNTAX 4"),
        ("CREATE queue ID", "", one, CREATE + b" " + key("1234"), None, one, b"ERR SYNTAX 4"),
        ("KEY valid syntax", "1234", one, b"KEY " + k, None, one, b"ERR AUTH"),
        ("KEY no parameters", "1234", one, b"KEY", None, one, b"ERR SYNTAX 2"),
        ("KEY many parameters", "1234", one, b"KEY 1 2", None, one, b"ERR SYNTAX 2"),
        ("KEY no signature", "", one, b"KEY " + k, None, one, b"ERR SYNTAX 3"),
        ("KEY no queue ID", "1234", b"", b"KEY " + k, None, b"", b"ERR SYNTAX 3"),
    ]
    for c in [b"SUB", b"ACK", b"OFF", b"DEL"]:
        n = c.decode()
        cases += [
            (n + " valid syntax", "1234", one, c, None, one, b"ERR AUTH"),
            (n + " parameters", "1234", one, c + b" 1", None, one, b"ERR SYNTAX 2"),
            (n + " no signature", "", one, c, None, one, b"ERR SYNTAX 3"),
            (n + " no queue ID", "1234", b"", c, None, b"", b"ERR SYNTAX 3"),
        ]
    cases += [
        ("SEND valid syntax 1", "1234", one, b"SEND :hello", None, one, b"ERR AUTH"),
        # Test.hs writes the command "SEND 11\nhello there\n": on the wire SEND 11 CRLF body CRLF CRLF
        ("SEND valid syntax 2", "1234", one, b"SEND 11", b"hello there", one, b"ERR AUTH"),
        ("SEND no parameters", "1234", one, b"SEND", None, one, b"ERR SYNTAX 2"),
        ("SEND no queue ID", "1234", b"", b"SEND :hello", None, b"", b"ERR SYNTAX 5"),
        ("SEND bad message body 1", "1234", one, b"SEND 11 hello", None, one, b"ERR SYNTAX 6"),
        ("SEND bad message body 2", "1234", one, b"SEND hello", None, one, b"ERR SYNTAX 6"),
        ("broker response OK not allowed", "1234", one, b"OK", None, one, b"ERR PROHIBITED"),
    ]
    return cases


def run_syntax():
    for name, sig, cid, cmd, body, ecid, ereply in syntax_cases():
        current[0] = "syntax"
        c = conn()
        try:
            if isinstance(KEYS, RefKeys) and sig:
                # tPutRaw base64-encodes the raw "1234": the wire signature line is "MTIzNA=="
                data = transmission(KEYS, None, cid, cmd, body, raw_sig=b64(sig.encode()))
            else:
                data = transmission(KEYS, sig, cid, cmd, body)
            if name == "SEND valid syntax 2":
                data += CRLF  # the trailing "\n" of Test.hs's command string
            c.send(data)
            t = c.recv_t()
            check(name, (t[0], t[1], t[2]), (b"", ecid, ereply))
        except Exception as e:  # noqa
            check(name, "exception %r" % e, ereply)
        finally:
            c.close()
    # "bigger body": Test.hs sends SEND 4 CRLF "hello" CRLF CRLF; 4 bytes are read, then "o" is not empty
    current[0] = "syntax"
    c = conn()
    signed = b64(b"1") + CRLF + b"SEND 4" + CRLF + b"hell"
    sig = b64(b"1234") if isinstance(KEYS, RefKeys) else b64(KEYS.sign("1234", signed))
    c.send(sig + CRLF + b64(b"1") + CRLF + b"SEND 4" + CRLF + b"hello" + CRLF + CRLF)
    t = c.recv_t()
    check("SEND bigger body", (t[0], t[1], t[2]), (b"", b64(b"1"), b"ERR SIZE"))
    c.close()


def main():
    print("server port %d, keys %s, create keyword %s" % (PORT, KEYS.name, CREATE.decode()))
    run_syntax()
    for t in [test_create_secure, test_create_delete, test_duplex, test_switch_sub]:
        current[0] = t.__name__
        conns = []
        try:
            conns = t()
        except Exception as e:  # noqa
            results.append((t.__name__, "exception", False, "".join(traceback.format_exception_only(type(e), e)).strip()))
            print("  EXCEPTION in %s: %r" % (t.__name__, e))
        for c in conns:
            if c.bare_lf:
                check("server lines end with CRLF", c.bare_lf, 0)
            c.close()
    failed = [r for r in results if not r[2]]
    by_test = {}
    for r in results:
        by_test.setdefault(r[0], [0, 0])[0 if r[2] else 1] += 1
    for k, (p, f) in by_test.items():
        print("%-22s pass %3d fail %d" % (k, p, f))
    print("TOTAL checks %d, failed %d" % (len(results), len(failed)))
    for r in failed:
        print("FAILED [%s] %s: %s" % (r[0], r[1], r[3]))
    sys.exit(1 if failed else 0)


main()
