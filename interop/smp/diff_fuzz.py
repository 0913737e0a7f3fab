"""Differential fuzzing of the transmission syntax layer: random signature/connId/command lines
(unknown queues only, so signatures never matter beyond being present) sent to the 2020 reference
server and to a Missive server; every case whose replies differ is grouped and printed.

usage: diff_fuzz.py REF_PORT MISSIVE_PORT [CASES] [SEED]
"""
import random
import sys
from collections import defaultdict

from smpwire import Conn, Ed25519Keys, RefKeys, Timeout

REF_PORT, MIS_PORT = int(sys.argv[1]), int(sys.argv[2])
CASES = int(sys.argv[3]) if len(sys.argv) > 3 else 400
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)

SIGS = [b"", b"MTIzNA==", b"!!", b"MTIz", b"MTI"]
CIDS = [b"", b"MQ==", b"!!", b"MQ", b"QUJDREVGR0hJSktM"]
KEYWORDS = [b"CONN", b"NEW", b"SUB", b"KEY", b"ACK", b"OFF", b"DEL", b"SEND", b"IDS", b"MSG", b"END",
            b"OK", b"ERR", b"HELLO", b"sub", b"PING"]
PARAMS = [b"<KEY>", b"1", b"MTIz", b"!!", b":text", b":", b":a b", b"abc", b"AUTH", b"SYNTAX", b"2",
          b"2020-10-18T20:19:36.874Z", b"rsa:<KEY>", b"<KEY>="]
SEPS = [b" ", b" ", b" ", b"  ", b"\t"]


def case():
    words = [rng.choice(KEYWORDS)] + [rng.choice(PARAMS) for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))]
    line = words[0]
    for w in words[1:]:
        line += rng.choice(SEPS) + w
    if rng.random() < 0.1:
        line += b" "
    return rng.choice(SIGS), rng.choice(CIDS), line


def run(port, keys, sig, cid, line):
    line = line.replace(b"<KEY>", keys.wire_key("1234"))
    c = Conn(port)
    try:
        c.send(sig + b"\r\n" + cid + b"\r\n" + line + b"\r\n")
        try:
            t = c.recv_t(1.0)
            out = t[2].decode("latin1")
            if out.startswith("IDS "):
                out = "IDS"
            return "%s|%s" % (t[1].decode("latin1"), out)
        except Timeout:
            return "(waits)"
        except EOFError:
            return "(closed)"
    finally:
        c.close()


diffs = defaultdict(list)
same = 0
for _ in range(CASES):
    sig, cid, line = case()
    r = run(REF_PORT, RefKeys(), sig, cid, line)
    m = run(MIS_PORT, Ed25519Keys(), sig, cid, line)
    if r == m:
        same += 1
    else:
        diffs[(r, m)].append((sig, cid, line))
print("cases %d, same %d, differing %d in %d groups" % (CASES, same, CASES - same, len(diffs)))
for (r, m), examples in sorted(diffs.items(), key=lambda kv: -len(kv[1])):
    sig, cid, line = examples[0]
    print("%4d x  ref %-22s missive %-22s e.g. sig=%r cid=%r line=%r" % (len(examples), r, m, sig, cid, line))
