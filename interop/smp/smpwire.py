"""Minimal socket-level SMP seed-dialect client for interop testing (written from
protocols/smp.md sections 2.2-2.6 and 2.14; no Missive or Haskell code used)."""
import base64
import hashlib
import os
import socket
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CRLF = b"\r\n"


def decode_key_hash(text: str) -> bytes:
    """A server key hash as smp-server prints it (base64url) or as older releases did (base64)."""
    return base64.urlsafe_b64decode(text.replace("+", "-").replace("/", "_").rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))


def b64(b: bytes) -> bytes:
    return base64.b64encode(b)


def unb64(t: bytes) -> bytes:
    return base64.b64decode(t, validate=True)


class Timeout(Exception):
    pass


class Conn:
    """One TCP connection. Records every raw byte received so line endings can be checked."""

    def __init__(self, port, greeting=True, host="127.0.0.1", timeout=5.0):
        self.s = socket.create_connection((host, port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.raw = b""
        self.bare_lf = 0
        self.greeting = None
        if greeting:
            self.greeting = self.readline()

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass

    def send(self, data: bytes):
        self.s.sendall(data)

    def _fill(self, timeout):
        self.s.settimeout(timeout)
        try:
            chunk = self.s.recv(65536)
        except socket.timeout:
            raise Timeout()
        if not chunk:
            raise EOFError("connection closed by peer")
        self.raw += chunk
        self.buf += chunk

    def readline(self, timeout=5.0) -> bytes:
        while b"\n" not in self.buf:
            self._fill(timeout)
        i = self.buf.index(b"\n")
        line, self.buf = self.buf[:i], self.buf[i + 1:]
        if line.endswith(b"\r"):
            return line[:-1]
        self.bare_lf += 1
        return line

    def read_exact(self, n, timeout=5.0) -> bytes:
        while len(self.buf) < n:
            self._fill(timeout)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv_t(self, timeout=5.0):
        """A server transmission as (signature line, connId line, command line, body or None)."""
        sig = self.readline(timeout)
        cid = self.readline(timeout)
        cmd = self.readline(timeout)
        body = None
        if cmd.startswith(b"MSG "):
            parts = cmd.split(b" ")
            n = int(parts[3])
            body = self.read_exact(n, timeout)
            end = self.readline(timeout)
            if end != b"":
                raise AssertionError("line after MSG body not empty: %r" % end)
        return sig, cid, cmd, body

    def expect_nothing(self, seconds=1.0):
        try:
            t = self.recv_t(seconds)
        except Timeout:
            return None
        return t


class RefKeys:
    """2020 reference server: key = base64-decoded name, 'signature' = the key bytes."""
    name = "ref"

    def wire_key(self, name: str) -> bytes:
        return name.encode()

    def sign(self, name: str, signed: bytes) -> bytes:
        return unb64(name.encode())


class Ed25519Keys:
    """Real keys: each symbolic name gets its own Ed25519 pair; key on the wire = base64(SPKI DER)."""
    name = "ed25519"

    def __init__(self):
        self.keys = {}

    def _key(self, name):
        if name not in self.keys:
            self.keys[name] = ed25519.Ed25519PrivateKey.generate()
        return self.keys[name]

    def spki(self, name) -> bytes:
        return self._key(name).public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    def wire_key(self, name: str) -> bytes:
        return b64(self.spki(name))

    def sign(self, name: str, signed: bytes) -> bytes:
        return self._key(name).sign(signed)


class RsaPssKeys(Ed25519Keys):
    """RSA-2048 keys, RSA-PSS SHA-256 / MGF1-SHA-256 / salt 32 (digest 2.5); prefix b"rsa:" optional."""
    name = "rsa-pss"

    def __init__(self, prefix=b""):
        super().__init__()
        self.prefix = prefix
        if prefix:
            self.name = "rsa-pss with %s prefix" % prefix.decode()

    def _key(self, name):
        from cryptography.hazmat.primitives.asymmetric import rsa
        if name not in self.keys:
            self.keys[name] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return self.keys[name]

    def wire_key(self, name: str) -> bytes:
        return self.prefix + b64(self.spki(name))

    def sign(self, name: str, signed: bytes) -> bytes:
        return self._key(name).sign(signed, asym_padding.PSS(mgf=asym_padding.MGF1(hashes.SHA256()), salt_length=32),
                                    hashes.SHA256())


def transmission(keys, sig_name, cid_line: bytes, cmd: bytes, body: bytes = None, raw_sig: bytes = None) -> bytes:
    """Client transmission. sig_name None/"" = unsigned; cid_line is the base64 connId text."""
    signed = cid_line + CRLF + cmd + (CRLF + body if body is not None else b"")
    if raw_sig is not None:
        sig_line = raw_sig
    elif sig_name:
        sig_line = b64(keys.sign(sig_name, signed))
    else:
        sig_line = b""
    return sig_line + CRLF + signed + CRLF


# ---------------------------------------------------------------- Appendix A (docs/smp.md ("Encrypted mode"))


def _iv(base: bytes, counter: int) -> bytes:
    head = struct.unpack(">I", base[:4])[0] ^ counter
    return struct.pack(">I", head) + base[4:]


class EncConn(Conn):
    """Encrypted mode written from docs/smp.md ("Encrypted mode") only: clear header with the server RSA key,
    RSA-OAEP-SHA256 client handshake, AES-256-GCM blocks (tag first), uint16 length + payload + '#'."""

    def __init__(self, port, key_hash_b64, host="127.0.0.1", timeout=5.0, block_size=None,
                 handshake_override=None):
        self.s = socket.create_connection((host, port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.raw = b""
        self.bare_lf = 0
        self.greeting = None
        self.wire = b""
        header = self._wire_exact(8, timeout)
        self.server_block, self.mode, key_len = struct.unpack(">IHH", header)
        self.server_key_der = self._wire_exact(key_len, timeout)
        if hashlib.sha256(self.server_key_der).digest() != decode_key_hash(key_hash_b64):
            self.s.close()
            raise ValueError("server key hash mismatch")
        self.block = block_size or self.server_block
        self.send_key, self.send_iv = os.urandom(32), os.urandom(16)
        self.recv_key, self.recv_iv = os.urandom(32), os.urandom(16)
        hs = struct.pack(">IH", self.block, 0) + self.send_key + self.send_iv + self.recv_key + self.recv_iv
        assert len(hs) == 102
        if handshake_override is not None:
            hs = handshake_override(hs)
        pub = serialization.load_der_public_key(self.server_key_der)
        ct = pub.encrypt(hs, asym_padding.OAEP(mgf=asym_padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
        self.s.sendall(ct)
        self.send_n = 0
        self.recv_n = 0
        self.version = self.readline(timeout)

    def _wire_exact(self, n, timeout):
        self.s.settimeout(timeout)
        while len(self.wire) < n:
            try:
                chunk = self.s.recv(65536)
            except socket.timeout:
                raise Timeout()
            if not chunk:
                raise EOFError("connection closed by peer")
            self.wire += chunk
        out, self.wire = self.wire[:n], self.wire[n:]
        return out

    def _fill(self, timeout):
        block = self._wire_exact(self.block, timeout)
        tag, ct = block[:16], block[16:]
        pt = AESGCM(self.recv_key).decrypt(_iv(self.recv_iv, self.recv_n), ct + tag, None)
        self.recv_n += 1
        n = struct.unpack(">H", pt[:2])[0]
        assert n <= self.block - 18, "payload length too large"
        assert set(pt[2 + n:]) <= {ord("#")}, "padding is not '#'"
        payload = pt[2:2 + n]
        self.raw += payload
        self.buf += payload

    def seal_block(self, payload: bytes) -> bytes:
        cap = self.block - 18
        assert len(payload) <= cap
        pt = struct.pack(">H", len(payload)) + payload + b"#" * (cap - len(payload))
        sealed = AESGCM(self.send_key).encrypt(_iv(self.send_iv, self.send_n), pt, None)
        self.send_n += 1
        return sealed[-16:] + sealed[:-16]

    def send(self, data: bytes):
        cap = self.block - 18
        out = b""
        for i in range(0, max(len(data), 1), cap):
            out += self.seal_block(data[i:i + cap])
        self.s.sendall(out)
