"""A minimal Appendix A server written from docs/smp.md ("Encrypted mode") only, to check a Missive
client's side of the layout: header, RSA-OAEP handshake, tag-first AES-GCM blocks, the version
line, and the client's refusal of a newer major.minor. It answers every CONN with IDS and every
other command with OK.

usage: fake_enc_server.py PORT VERSION        (e.g. 0.1.0.0); prints "key-hash <base64>" then serves
"""
import base64
import hashlib
import os
import socket
import struct
import sys
import threading

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PORT, VERSION = int(sys.argv[1]), sys.argv[2].encode()
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
DER = KEY.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
print("key-hash", base64.b64encode(hashlib.sha256(DER).digest()).decode(), flush=True)


def iv(base, n):
    return struct.pack(">I", struct.unpack(">I", base[:4])[0] ^ n) + base[4:]


def exact(s, n):
    out = b""
    while len(out) < n:
        d = s.recv(n - len(out))
        if not d:
            raise EOFError()
        out += d
    return out


def serve(s):
    try:
        s.sendall(struct.pack(">IHH", 4096, 0, len(DER)) + DER)
        hs = KEY.decrypt(exact(s, 256), padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
        block, reserved = struct.unpack(">IH", hs[:6])
        assert len(hs) == 102 and reserved == 0
        rkey, riv, skey, siv = hs[6:38], hs[38:54], hs[54:86], hs[86:102]
        state = {"s": 0, "r": 0}

        def send(payload):
            pt = struct.pack(">H", len(payload)) + payload + b"#" * (block - 18 - len(payload))
            ct = AESGCM(skey).encrypt(iv(siv, state["s"]), pt, None)
            state["s"] += 1
            s.sendall(ct[-16:] + ct[:-16])

        send(b"SMP " + VERSION + b"\r\n")
        buf = b""
        while True:
            blk = exact(s, block)
            pt = AESGCM(rkey).decrypt(iv(riv, state["r"]), blk[16:] + blk[:16], None)
            state["r"] += 1
            n = struct.unpack(">H", pt[:2])[0]
            buf += pt[2:2 + n]
            while buf.count(b"\r\n") >= 3:
                sig, cid, cmd, buf = buf.split(b"\r\n", 3)
                if cmd.startswith(b"CONN ") or cmd.startswith(b"NEW "):
                    send(b"\r\n\r\nIDS " + base64.b64encode(os.urandom(12)) + b" " + base64.b64encode(os.urandom(12)) + b"\r\n")
                else:
                    send(b"\r\n" + cid + b"\r\nOK\r\n")
    except (EOFError, ConnectionError, OSError):
        pass
    finally:
        s.close()


srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", PORT))
srv.listen()
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
