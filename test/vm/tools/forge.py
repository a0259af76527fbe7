#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""forge.py: forged and corrupted TCP segments in live connections through
the knits gateway, and whether the connections survive them.

Run in the client's network namespace (ip netns exec CLIENT_NS), as root,
with /usr/bin/python3 (standard library only). For every KIND x MODE it
opens one keep-alive HTTP/1.1 connection to the VIP, all at once:

  plain    GET /n1/F1: served by node 1, never handed off
  spliced  GET /n1/F1 then GET /nK/FK: node 1 hands the connection off to
           node K (3 for data-badsum, whose node-side numbers are taken
           from the only connection node 1 opened to node 3; 2 otherwise)

learns the connection's exact sequence numbers from what crossed the wire
(AF_PACKET captures: the client's own segments on its interface; for the
spliced data-badsum, node 3's segments on its c2 to node 1), injects one
forged segment per connection through a raw socket (IP_HDRINCL, headers and
checksum made here), checks that each forged segment reached the gateway
as made (a capture in the gateway's namespace), waits, and then asks on the
same connection for every node's file in turn, starting with a node that
does not serve it (plain: /n2/F2, /n3/F3, /n1/F1; spliced: /n1/F1, /n2/F2,
/n3/F3), so the first request after the injection is a hand-off, made
before the serving node writes anything more, and there are three
hand-offs in all; each body is checked byte for byte (SHA-256 of the origin
file) and must come from the node asked.

Kinds (the RFC 5961 / RFC 9293 view: none of them may change a thing):
  rst-badsum   client RST|ACK at exactly the client's snd_nxt, bad checksum
  rst-far      client RST|ACK at snd_nxt + 2^30, good checksum
  data-badsum  100 bytes PSH|ACK from the serving node at its snd_nxt (in
               its own sequence space), sent from its namespace, bad checksum
  syn-badsum   client SYN on the live tuple, new random ISN, bad checksum
  syn-good     the same SYN with a good checksum (the node answers with a
               challenge ACK)

Prints one line per connection ("forged: KIND/MODE ... PASS|FAIL") and exits
1 if any connection failed, 2 on a usage or setup error.
"""

import argparse
import ctypes
import hashlib
import os
import random
import socket
import struct
import sys
import threading
import time
import traceback
from collections import namedtuple

KINDS = ("rst-badsum", "rst-far", "data-badsum", "syn-badsum", "syn-good")
MODES = ("plain", "spliced")

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
SO_ATTACH_FILTER = 26
SO_RCVBUFFORCE = 33
PACKET_OUTGOING = 4
BAD_SUM_MASK = 0x00FF  # flipped bits: never the other zero (0x0000/0xffff)
SNAPLEN = 256  # headers only

_libc = ctypes.CDLL(None, use_errno=True)

Seg = namedtuple("Seg", "src dst sport dport seq ack flags win csum plen ts opts")


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------- namespaces


class Netns:
    """with Netns(name): the calling thread is in /var/run/netns/NAME; the
    sockets made inside stay there after it returns."""

    def __init__(self, name):
        self.name = name
        self.back = None

    @staticmethod
    def _setns(fd, what):
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"setns({what}): {os.strerror(err)}")

    def __enter__(self):
        self.back = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        fd = os.open(f"/var/run/netns/{self.name}", os.O_RDONLY)
        try:
            self._setns(fd, self.name)
        finally:
            os.close(fd)
        return self

    def __exit__(self, *exc):
        try:
            self._setns(self.back, "back")
        finally:
            os.close(self.back)


# ------------------------------------------------------------------ packets


def csum16(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def seq_after(a, b):
    d = (a - b) & 0xFFFFFFFF
    return 0 < d < 0x80000000


def flag_names(flags):
    names = [n for bit, n in ((SYN, "SYN"), (RST, "RST"), (FIN, "FIN"),
                              (PSH, "PSH"), (ACK, "ACK")) if flags & bit]
    return "|".join(names) or "none"


def parse_ts(opts):
    """(tsval, tsecr) of a TCP option block, or None."""
    i = 0
    while i < len(opts):
        kind = opts[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= len(opts) or opts[i + 1] < 2:
            break
        size = opts[i + 1]
        if kind == 8 and size == 10 and i + 10 <= len(opts):
            return struct.unpack_from("!II", opts, i + 2)
        i += size
    return None


def with_ts(opts, tsval, tsecr):
    """opts (a SYN's option block) with its timestamps replaced."""
    out = bytearray(opts)
    i = 0
    while i < len(out):
        kind = out[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        size = out[i + 1]
        if kind == 8 and size == 10:
            struct.pack_into("!II", out, i + 2, tsval, tsecr)
        i += max(size, 2)
    return bytes(out)


def parse_ipv4_tcp(pkt):
    if len(pkt) < 40 or pkt[0] >> 4 != 4 or pkt[9] != socket.IPPROTO_TCP:
        return None
    ihl = (pkt[0] & 0x0F) * 4
    total = struct.unpack_from("!H", pkt, 2)[0]
    if len(pkt) < ihl + 20:
        return None
    sport, dport, seq, ack, off_flags, win, csum = struct.unpack_from("!HHIIHHH", pkt, ihl)
    doff = (off_flags >> 12) * 4
    opts = bytes(pkt[ihl + 20:ihl + doff])
    return Seg(socket.inet_ntoa(pkt[12:16]), socket.inet_ntoa(pkt[16:20]), sport, dport,
               seq, ack, off_flags & 0xFF, win, csum, total - ihl - doff, parse_ts(opts), opts)


def tcp_packet(src, dst, sport, dport, seq, ack, flags, win, opts=b"", payload=b"",
               bad_sum=False):
    """An IPv4 + TCP packet; returns (bytes, tcp checksum as sent, correct sum)."""
    opts = opts + b"\x01" * (-len(opts) % 4)
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      (20 + len(opts)) // 4 << 4, flags, win, 0, 0) + opts + payload
    s, d = socket.inet_aton(src), socket.inet_aton(dst)
    good = csum16(s + d + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(seg)) + seg)
    sent = good ^ BAD_SUM_MASK if bad_sum else good
    seg = seg[:16] + struct.pack("!H", sent) + seg[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), random.getrandbits(16) | 1,
                     0x4000, 64, socket.IPPROTO_TCP, 0, s, d)
    ip = ip[:10] + struct.pack("!H", csum16(ip)) + ip[12:]
    return ip + seg, sent, good


# ----------------------------------------------------------------- captures


def bpf_program(src, dst=None):
    """Classic BPF for an AF_PACKET SOCK_DGRAM socket: IPv4 TCP from SRC
    (to DST if given), first SNAPLEN bytes."""
    ld_proto = (0x28, 0, 0, 0xFFFFF000)  # ldh skb->protocol (SKF_AD_PROTOCOL)
    checks = [(0x30, 9, socket.IPPROTO_TCP),  # ldb [9]: protocol
              (0x20, 12, struct.unpack("!I", socket.inet_aton(src))[0])]  # ld [12]
    if dst:
        checks.append((0x20, 16, struct.unpack("!I", socket.inet_aton(dst))[0]))
    prog = [ld_proto, (0x15, 0, 0, 0x0800)]
    for code, off, value in checks:
        prog += [(code, 0, 0, off), (0x15, 0, 0, value)]
    prog += [(0x06, 0, 0, SNAPLEN), (0x06, 0, 0, 0)]
    drop = len(prog) - 1
    # every jeq falls through on a match and jumps to the drop on a miss
    prog = [(c, 0, drop - i - 1, k) if c == 0x15 else (c, jt, jf, k)
            for i, (c, jt, jf, k) in enumerate(prog)]
    return b"".join(struct.pack("HBBI", *ins) for ins in prog), len(prog)


def packet_socket(ifname=None, src=None, dst=None):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 16 << 20)
    if src:
        code, n = bpf_program(src, dst)
        buf = ctypes.create_string_buffer(code, len(code))  # the kernel copies it
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER,
                        struct.pack("HL", n, ctypes.addressof(buf)))
    if ifname:
        sock.bind((ifname, ETH_P_ALL))
    return sock


class Capture(threading.Thread):
    """Every IPv4 TCP segment a packet socket sees, in arrival order."""

    def __init__(self, sock, what):
        super().__init__(daemon=True)
        self.sock, self.what = sock, what
        self.segs, self.lock = [], threading.Lock()
        self.stopping = threading.Event()
        self.sock.settimeout(0.2)

    def run(self):
        while not self.stopping.is_set():
            try:
                pkt = self.sock.recv(65535)
            except socket.timeout:
                continue
            seg = parse_ipv4_tcp(pkt)
            if seg:
                with self.lock:
                    self.segs.append(seg)

    def stop(self):
        self.stopping.set()
        self.join()
        self.sock.close()

    def snapshot(self):
        with self.lock:
            return list(self.segs)


def sender_state(segs):
    """What a sender's segments on one connection say: its snd_nxt, the ack,
    window and timestamps of its latest segment, its SYN's options."""
    nxt, syn_opts = None, None
    for s in segs:
        end = (s.seq + s.plen + bool(s.flags & SYN) + bool(s.flags & FIN)) & 0xFFFFFFFF
        if nxt is None or seq_after(end, nxt):
            nxt = end
        if s.flags & SYN and syn_opts is None:
            syn_opts = s.opts
    last = segs[-1]
    return {"nxt": nxt, "ack": last.ack, "win": last.win, "ts": last.ts,
            "syn_opts": syn_opts, "count": len(segs)}


# ------------------------------------------------------------------- client


class Failure(Exception):
    """A request that went wrong: (what, True if the framing still holds and
    the connection can go on)."""


class Conn:
    """One client connection: its plan, its socket, what it saw."""

    def __init__(self, kind, mode, args):
        self.kind, self.mode, self.args = kind, mode, args
        self.first_hop = 3 if kind == "data-badsum" else 2
        self.setup_nodes = [1] if mode == "plain" else [1, self.first_hop]
        self.serving = self.setup_nodes[-1]
        self.after_nodes = [2, 3, 1] if mode == "plain" else [1, 2, 3]
        self.sock, self.port, self.buf = None, None, b""
        self.notes, self.ok = [], True  # notes: what was injected, and seen
        self.setup_log, self.after_log = [], []  # one entry per request

    @property
    def name(self):
        return f"{self.kind}/{self.mode}"

    def fail(self, log_, what):
        self.ok = False
        log_.append(what)

    def connect(self):
        self.sock = socket.create_connection((self.args.vip, self.args.port),
                                             timeout=self.args.timeout)
        self.port = self.sock.getsockname()[1]

    def _recv(self, deadline, got):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Failure(f"timed out after {self.args.timeout} s ({got})")
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(1 << 20)
        except socket.timeout:
            raise Failure(f"timed out after {self.args.timeout} s ({got})") from None
        except OSError as e:
            raise Failure(f"{e.strerror or e} ({got})") from None
        if not data:
            raise Failure(f"closed by the peer ({got})")
        return data

    def request(self, node):
        """GET /nNODE/FILE; raises Failure on anything but the right body."""
        name = self.args.files[node]
        deadline = time.monotonic() + self.args.timeout
        try:
            self.sock.sendall(f"GET /n{node}/{name} HTTP/1.1\r\nHost: {self.args.vip}\r\n"
                              "User-Agent: forge\r\n\r\n".encode())
        except OSError as e:
            raise Failure(f"send: {e.strerror or e}") from None
        while b"\r\n\r\n" not in self.buf:
            self.buf += self._recv(deadline, f"{len(self.buf)} B of the response head")
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        fields = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or parts[0] != "HTTP/1.1" or "content-length" not in fields:
            raise Failure(f"bad response head {lines[0]!r}")
        status, by = parts[1], fields.get("x-served-by", "?")
        length = int(fields["content-length"])
        while len(self.buf) < length:
            self.buf += self._recv(deadline, f"{len(self.buf)} of {length} B of the body")
        body, self.buf = self.buf[:length], self.buf[length:]
        if status != "200":
            raise Failure(f"status {status} from {by}", True)
        if hashlib.sha256(body).hexdigest() != self.args.sha[node]:
            raise Failure(f"{length} B from {by}, SHA-256 differs from the origin file", True)
        if self.buf:
            raise Failure(f"{len(self.buf)} B after the body")
        if by != f"n{node}":
            raise Failure(f"right body but served by {by}", True)
        return f"{length} B from {by}"

    def run(self, nodes, log_):
        for node in nodes:
            try:
                log_.append(f"n{node} ok ({self.request(node)})")
            except Failure as e:
                self.fail(log_, f"n{node} FAIL ({e.args[0]})")
                # a whole response with the wrong content keeps the framing
                if len(e.args) < 2:
                    log_.append("stopped")
                    return


def in_threads(conns, fn):
    threads = [threading.Thread(target=fn, args=(c,)) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# -------------------------------------------------------------------- forge


def forge(conn, client, node_state, rng):
    """The forged segment for CONN: (packet, namespace of the raw socket,
    description, match fields for the gateway's capture)."""
    a = conn.args
    kind = conn.kind
    if kind == "data-badsum":
        if conn.mode == "plain":
            # NAT changes addresses only: node 1 numbers its bytes as the
            # client sees them.
            src, sport, dst, dport = a.node_ip[1], a.port, a.client_ip, conn.port
            seq, ack = client["ack"], client["nxt"]
            ts = (client["ts"][1], client["ts"][0]) if client["ts"] else None
            win = client["win"]
            basis = "node 1 = the client's view"
        else:
            src, sport, dst, dport = a.node_ip[3], a.port, a.node_ip[1], node_state["c2_port"]
            seq, ack, ts, win = (node_state["nxt"], node_state["ack"], node_state["ts"],
                                 node_state["win"])
            basis = f"node 3's c2 {dst}:{dport} (captured, {node_state['count']} segments)"
        opts = b"\x01\x01\x08\x0a" + struct.pack("!II", *ts) if ts else b""
        payload = bytes(rng.getrandbits(8) for _ in range(100))
        pkt, sent, good = tcp_packet(src, dst, sport, dport, seq, ack, PSH | ACK, win, opts,
                                     payload, bad_sum=True)
        what = f"100 B PSH|ACK seq={seq} ack={ack} from {src}:{sport} ({basis})"
        ns = a.node_ns[conn.serving]
    else:
        src, sport, dst, dport = a.client_ip, conn.port, a.vip, a.port
        if kind.startswith("rst"):
            far = kind == "rst-far"
            seq = (client["nxt"] + (1 << 30 if far else 0)) & 0xFFFFFFFF
            pkt, sent, good = tcp_packet(src, dst, sport, dport, seq, client["ack"],
                                         RST | ACK, 0, bad_sum=not far)
            what = (f"RST|ACK seq={seq} (snd_nxt {client['nxt']}{' + 2^30' if far else ''})"
                    f" ack={client['ack']}")
        else:
            isn = rng.getrandbits(32)
            opts = client["syn_opts"]
            if opts is None:
                raise RuntimeError(f"{conn.name}: the client's SYN was not captured")
            if client["ts"]:
                opts = with_ts(opts, (client["ts"][0] + 1) & 0xFFFFFFFF, 0)
            pkt, sent, good = tcp_packet(src, dst, sport, dport, isn, 0, SYN, 64240, opts,
                                         bad_sum=kind == "syn-badsum")
            what = f"SYN seq={isn} (snd_nxt {client['nxt']}) with the client's SYN options"
        ns = None
    what += f", checksum 0x{sent:04x} ({'good' if sent == good else f'good is 0x{good:04x}'})"
    match = (src, dst, sport, dport, struct.unpack_from("!I", pkt, 24)[0], pkt[33], sent)
    return pkt, ns, what, match


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--vip", required=True)
    p.add_argument("--port", type=int, default=80)
    p.add_argument("--client-ip", required=True)
    p.add_argument("--client-if", default="c0")
    p.add_argument("--node", action="append", required=True, metavar="I=NS,IP",
                   help="node I's namespace and address (1, 2 and 3)")
    p.add_argument("--node-if", default="n0")
    p.add_argument("--gw-ns", required=True, help="the gateway's namespace (to see "
                   "the forged segments arrive)")
    p.add_argument("--docroot", required=True, help="node I serves DOCROOT/I/FILE")
    p.add_argument("--file", action="append", required=True, metavar="I=NAME")
    p.add_argument("--wait", type=float, default=30, help="seconds between the "
                   "injection and the requests after it")
    p.add_argument("--timeout", type=float, default=20, help="seconds per request")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--only", default=None, help="KIND/MODE substring (debugging)")
    p.add_argument("--control", action="store_true", help="everything but sending the "
                   "forged segments: every connection must pass on any module")
    a = p.parse_args()
    a.node_ns, a.node_ip, a.files, a.sha = {}, {}, {}, {}
    for spec in a.node:
        i, _, rest = spec.partition("=")
        a.node_ns[int(i)], a.node_ip[int(i)] = rest.split(",")
    for spec in a.file:
        i, _, name = spec.partition("=")
        a.files[int(i)] = name
        with open(os.path.join(a.docroot, i, name), "rb") as f:
            a.sha[int(i)] = hashlib.sha256(f.read()).hexdigest()
    if sorted(a.node_ns) != [1, 2, 3] or sorted(a.files) != [1, 2, 3]:
        p.error("--node and --file for nodes 1, 2 and 3")
    seed = a.seed if a.seed is not None else random.SystemRandom().getrandbits(32)
    rng = random.Random(seed)
    random.seed(seed)
    log(f"forged: seed {seed}; wait {a.wait:g} s; files "
        + ", ".join(f"n{i}/{a.files[i]}" for i in (1, 2, 3)))

    conns = [Conn(k, m, a) for k in KINDS for m in MODES]
    if a.only:
        conns = [c for c in conns if a.only in c.name]

    # Sockets of other namespaces are made here, in the main thread, which
    # returns to the client's namespace every time.
    raw = {None: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)}
    for i in (1, 3):
        with Netns(a.node_ns[i]):
            raw[a.node_ns[i]] = socket.socket(socket.AF_INET, socket.SOCK_RAW,
                                              socket.IPPROTO_RAW)
    client_cap = Capture(packet_socket(a.client_if, a.client_ip), "client")
    with Netns(a.node_ns[3]):
        node3_cap = Capture(packet_socket(a.node_if, a.node_ip[3], a.node_ip[1]), "node 3")
    client_cap.start()
    node3_cap.start()

    # 1. Every connection: node 1, and a hand-off for the spliced ones.
    def setup(c):
        try:
            c.connect()
        except OSError as e:
            c.fail(c.setup_log, f"connect FAIL ({e})")
            return
        c.run(c.setup_nodes, c.setup_log)

    in_threads(conns, setup)
    for c in conns:
        if not c.ok:
            log(f"forged: {c.name}: setup failed: {'; '.join(c.setup_log)}")
    if not all(c.ok for c in conns):
        return 2

    # 2. Their numbers, once nothing has moved for 0.5 s.
    def numbers():
        segs = client_cap.snapshot()
        per = {c.port: [s for s in segs if s.sport == c.port and s.dport == a.port]
               for c in conns}
        n3 = [s for s in node3_cap.snapshot() if s.sport == a.port]
        return per, n3

    before = None
    for _ in range(20):
        time.sleep(0.5)
        now = numbers()
        counts = ([len(v) for v in now[0].values()], len(now[1]))
        if counts == before:
            break
        before = counts
    else:
        log("forged: the connections never went quiet")
        return 2
    client_cap.stop()
    node3_cap.stop()
    per, n3 = now
    c2_ports = sorted({s.dport for s in n3})
    node_state = None
    if any(c.kind == "data-badsum" and c.mode == "spliced" for c in conns):
        if len(c2_ports) != 1:
            log(f"forged: node 3 sent on {len(c2_ports)} connections to node 1 "
                f"(ports {c2_ports}), expected exactly one")
            return 2
        node_state = sender_state(n3)
        node_state["c2_port"] = c2_ports[0]

    # 3. Inject, and see every forged segment arrive at the gateway.
    plan = []
    for c in conns:
        if not per[c.port]:
            log(f"forged: {c.name}: no segment of the client's port {c.port} captured")
            return 2
        client = sender_state(per[c.port])
        pkt, ns, what, match = forge(c, client, node_state, rng)
        c.notes.append(what)
        plan.append((c, pkt, ns, match))
    with Netns(a.gw_ns):
        gw = packet_socket()
    for c, pkt, ns, match in plan:
        if not a.control:
            raw[ns].sendto(pkt, (match[1], 0))
    seen = {}
    gw.settimeout(0.2)
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        try:
            pkt, addr = gw.recvfrom(65535)
        except socket.timeout:
            continue
        seg = parse_ipv4_tcp(pkt)
        if seg and addr[2] != PACKET_OUTGOING:
            key = (seg.src, seg.dst, seg.sport, seg.dport, seg.seq, seg.flags, seg.csum)
            seen.setdefault(key, addr[0])
    gw.close()
    for c, pkt, ns, match in plan:
        ifname = seen.get(match)
        if a.control:
            c.notes.append("control run: not sent" + (", yet seen FAIL" if ifname else ""))
            c.ok = c.ok and not ifname
        elif ifname:
            c.notes.append(f"seen entering the gateway on {ifname}")
        else:
            c.fail(c.notes, "FAIL: not seen entering the gateway")
    log(f"forged: {'made' if a.control else 'injected'} {len(plan)} segments; "
        f"waiting {a.wait:g} s")
    time.sleep(a.wait)

    # 4. Every node in turn on every connection that got this far.
    in_threads([c for c in conns if c.ok], lambda c: c.run(c.after_nodes, c.after_log))

    for c in conns:
        route = "n1" if c.mode == "plain" else f"n1 -> n{c.first_hop}"
        log(f"forged: {c.name} port {c.port} ({route}): {'; '.join(c.notes)}; after "
            f"{a.wait:g} s: {'; '.join(c.after_log) or 'not asked'}: "
            f"{'PASS' if c.ok else 'FAIL'}")
    failed = [c.name for c in conns if not c.ok]
    log(f"forged: {len(conns) - len(failed)} of {len(conns)} connections passed"
        + (f"; failed: {' '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # pylint: disable=broad-except
        traceback.print_exc()
        sys.exit(2)
