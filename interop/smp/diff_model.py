"""Differential testing of queue semantics: the same random sequence of commands (SEND signed or
not, KEY, SUB from two recipient connections, ACK, OFF, DEL, wrong signatures) runs against the
2020 reference server and a Missive server; after each step everything each connection received is
compared (queue IDs and message IDs normalised, order within a step ignored).

usage: diff_model.py REF_PORT MISSIVE_PORT [RUNS] [STEPS] [SEED]
"""
import random
import sys
import threading

from smpwire import Conn, Ed25519Keys, RefKeys, Timeout, transmission

REF_PORT, MIS_PORT = int(sys.argv[1]), int(sys.argv[2])
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
STEPS = int(sys.argv[4]) if len(sys.argv) > 4 else 20
SEED = int(sys.argv[5]) if len(sys.argv) > 5 else 1
QUIET = 0.3

OPS = ["send_unsigned", "send_signed", "send_binary", "send_wrong_sig", "key", "key_wrong_sig", "sub1", "sub2",
       "ack1", "ack2", "off", "del", "sub_wrong_sig"]


def drain(c, names):
    out = []
    while True:
        try:
            sig, cid, cmd, body = c.recv_t(QUIET)
        except Timeout:
            return sorted(out)
        except EOFError:
            out.append("(closed)")
            return sorted(out)
        word = cmd.split(b" ")[0].decode()
        if word == "MSG":
            word = "MSG " + body.decode("latin1")
        elif word == "ERR":
            word = cmd.decode()
        out.append("%s:%s" % (names.get(cid, cid.decode()), word))


def run(port, keys, ops, result):
    r1, r2, s = Conn(port), Conn(port), Conn(port)
    conns = {"r1": r1, "r2": r2, "s": s}
    r1.send(transmission(keys, "", b"", b"CONN " + keys.wire_key("1234")))
    _, _, cmd, _ = r1.recv_t()
    _, rid, sid = cmd.split(b" ")
    names = {rid: "rid", sid: "sid", b"": "-"}
    n = 0
    for op in ops:
        n += 1
        if op == "send_unsigned":
            s.send(transmission(keys, "", sid, b"SEND :u%d" % n))
        elif op == "send_signed":
            s.send(transmission(keys, "4567", sid, b"SEND :s%d" % n))
        elif op == "send_binary":
            s.send(transmission(keys, "4567", sid, b"SEND 3", b"b%02d" % (n % 100)))
        elif op == "send_wrong_sig":
            s.send(transmission(keys, "abcd", sid, b"SEND :w%d" % n))
        elif op == "key":
            r1.send(transmission(keys, "1234", rid, b"KEY " + keys.wire_key("4567")))
        elif op == "key_wrong_sig":
            r1.send(transmission(keys, "abcd", rid, b"KEY " + keys.wire_key("4567")))
        elif op in ("sub1", "sub2"):
            (r1 if op == "sub1" else r2).send(transmission(keys, "1234", rid, b"SUB"))
        elif op in ("ack1", "ack2"):
            (r1 if op == "ack1" else r2).send(transmission(keys, "1234", rid, b"ACK"))
        elif op == "off":
            r2.send(transmission(keys, "1234", rid, b"OFF"))
        elif op == "del":
            r2.send(transmission(keys, "1234", rid, b"DEL"))
        elif op == "sub_wrong_sig":
            r2.send(transmission(keys, "abcd", rid, b"SUB"))
        result.append((op, {name: drain(c, names) for name, c in conns.items()}))
    for c in conns.values():
        c.close()


rng = random.Random(SEED)
differ = 0
for r in range(RUNS):
    ops = [rng.choice(OPS[:4] * 3 + OPS) for _ in range(STEPS)]
    ref, mis = [], []
    threads = [threading.Thread(target=run, args=(REF_PORT, RefKeys(), ops, ref)),
               threading.Thread(target=run, args=(MIS_PORT, Ed25519Keys(), ops, mis))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    for i, ((op, a), (_, b)) in enumerate(zip(ref, mis)):
        if a != b:
            differ += 1
            print("run %d step %d %-14s ref %s\n%38s missive %s" % (r, i, op, a, "", b))
            print("    steps so far: %s" % " ".join(ops[:i + 1]))
            break
print("runs %d x %d steps: %d runs differ" % (RUNS, STEPS, differ))
