"""Appendix A checks beyond the replayed conversations (encrypted mode of missive smp-server).

usage: enc_checks.py PORT KEY_HASH_B64
"""
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from smpwire import EncConn, Ed25519Keys, Timeout, _iv, transmission

PORT, HASH = int(sys.argv[1]), sys.argv[2]
K = Ed25519Keys()
results = []


def record(name, ok, detail=""):
    results.append((name, ok, detail))
    print("%s %s %s" % ("PASS" if ok else "FAIL", name, detail))


def closed_without_reply(c, secs=3.0):
    try:
        t = c.recv_t(secs)
        return False, "got %r" % (t,)
    except EOFError:
        return True, "connection closed"
    except Timeout:
        return False, "no close within %.0f s" % secs
    except ConnectionResetError:
        return True, "connection reset"


def create(c):
    c.send(transmission(K, "", b"", b"CONN " + K.wire_key("rk")))
    _, _, cmd, _ = c.recv_t()
    _, rid, sid = cmd.split(b" ")
    return rid, sid


# 1. wrong key hash: the client must hang up before sending anything
try:
    EncConn(PORT, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    record("wrong pinned hash refused by client", False)
except ValueError as e:
    record("wrong pinned hash refused by client", True, str(e))

# 2. header fields
c = EncConn(PORT, HASH)
record("server header: block 4096, mode 0, RSA SPKI key", c.server_block == 4096 and c.mode == 0 and c.server_key_der[:2] == b"\x30\x82",
       "block=%d mode=%d keylen=%d" % (c.server_block, c.mode, len(c.server_key_der)))
record("version line 'SMP a.b.c.d'", c.version == b"SMP 0.1.0.0", repr(c.version))

# 3. packing: three transmissions in one block, replies in order
data = b"".join(transmission(K, "", b"", b"CONN " + K.wire_key("p%d" % i)) for i in range(3))
c.send(data)
replies = [c.recv_t()[2][:3] for _ in range(3)]
record("3 transmissions packed in one block -> 3 IDS", replies == [b"IDS"] * 3, repr(replies))

# 4. fragmentation: a 10000-byte binary body (all byte values, LF and CR included) over 3 blocks
rid, sid = create(c)
body = bytes(range(256)) * 39 + b"\n\r\n" + b"x" * 13
before = c.send_n
c.send(transmission(K, "", sid, b"SEND %d" % len(body), body))
sent_blocks = c.send_n - before
r1 = c.recv_t()
r2 = c.recv_t()
record("10000-byte body fragmented over %d blocks -> OK + MSG with identical body" % sent_blocks,
       r1[2] == b"OK" and r2[3] == body, "reply=%r body_ok=%s" % (r1[2], r2[3] == body))
c.close()

# 5. empty-payload block (L = 0) followed by a command
c = EncConn(PORT, HASH)
c.s.sendall(c.seal_block(b""))
c.send(transmission(K, "", b"", b"CONN " + K.wire_key("e")))
try:
    t = c.recv_t()
    record("empty-payload block is ignored", t[2].startswith(b"IDS"), repr(t[2]))
except Exception as e:  # noqa
    record("empty-payload block is ignored", False, repr(e))
c.close()

# 6. tampered, replayed, bad padding, bad length: the server must close without replying
def tamper(name, make):
    c = EncConn(PORT, HASH)
    good = transmission(K, "", b"", b"CONN " + K.wire_key("t"))
    c.s.sendall(make(c, good))
    ok, detail = closed_without_reply(c)
    record(name, ok, detail)
    c.close()


def flip(c, good):
    b = bytearray(c.seal_block(good))
    b[100] ^= 1
    return bytes(b)


def replay(c, good):
    blk = c.seal_block(good)
    return blk + blk


def custom_plaintext(pt_fn):
    def make(c, good):
        pt = pt_fn(c, good)
        sealed = AESGCM(c.send_key).encrypt(_iv(c.send_iv, c.send_n), pt, None)
        c.send_n += 1
        return sealed[-16:] + sealed[:-16]
    return make


def bad_padding(c, good):
    cap = c.block - 18
    return struct.pack(">H", len(good)) + good + b"X" * (cap - len(good))


def bad_length(c, good):
    cap = c.block - 18
    return struct.pack(">H", cap + 1) + good + b"#" * (cap - len(good))


def reordered(c, good):
    c.send_n = 1
    return c.seal_block(good)


tamper("flipped ciphertext bit -> close, no reply", flip)
tamper("padding byte not '#' -> close", custom_plaintext(bad_padding))
tamper("payload length > blockSize-18 -> close", custom_plaintext(bad_length))
tamper("block sealed with counter 1 first (reordered) -> close", reordered)

# replayed block: the first copy is answered, then close
c = EncConn(PORT, HASH)
blk = c.seal_block(transmission(K, "", b"", b"CONN " + K.wire_key("r")))
c.s.sendall(blk)
first = c.recv_t()
c.s.sendall(blk)
ok, detail = closed_without_reply(c)
record("replayed block: first answered (%s), the copy closes" % first[2][:3].decode(), first[2].startswith(b"IDS") and ok, detail)
c.close()
# observation: a valid block immediately followed by its copy in one write
c = EncConn(PORT, HASH)
blk = c.seal_block(transmission(K, "", b"", b"CONN " + K.wire_key("r2")))
c.s.sendall(blk + blk)
try:
    t = c.recv_t(3)
    print("OBSERVED valid block + replayed copy in one write: reply %r before close" % t[2][:3])
except Exception as e:  # noqa
    print("OBSERVED valid block + replayed copy in one write: no reply to the valid block (%r)" % e)
c.close()

# 7. handshake variants
for size in (8192, 16384, 65536):
    try:
        c = EncConn(PORT, HASH, block_size=size)
        c.send(transmission(K, "", b"", b"CONN " + K.wire_key("b")))
        t = c.recv_t()
        record("client-chosen block size %d" % size, t[2].startswith(b"IDS") and len(c.wire) % size == 0, repr(t[2][:3]))
        c.close()
    except Exception as e:  # noqa
        record("client-chosen block size %d" % size, False, repr(e))

for name, fn in [("block size 5000 refused", lambda hs: struct.pack(">I", 5000) + hs[4:]),
                 ("non-zero reserved field refused", lambda hs: hs[:4] + b"\x00\x01" + hs[6:]),
                 ("101-byte handshake refused", lambda hs: hs[:101])]:
    try:
        c = EncConn(PORT, HASH, handshake_override=fn)
        record(name, False, "server sent a version line %r" % c.version)
    except (EOFError, ConnectionResetError) as e:
        record(name, True, "closed: %r" % e)
    except Timeout:
        record(name, False, "no close")

failed = [r for r in results if not r[1]]
print("TOTAL %d, failed %d" % (len(results), len(failed)))
