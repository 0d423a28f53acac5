# Independent AppleMIDI / RTP-MIDI peer for RtpMidiSessionPeerTests, Python standard library only.
# Written from the session protocol description (IN/OK/BY with version 2, token, SSRC, name; CK 0/1/2 with three
# 64-bit timestamps) and RFC 6295 (RTP header, short/long command section header, delta times).
#   listen:  binds a control port and the next port, accepts an invitation, answers clock sync, sends MIDI,
#            prints the MIDI it receives, waits for BY.
#   invite PORT: invites the session at control port PORT, runs clock sync, exchanges MIDI, ends with BY.
#   script PORT: a unit that comes and goes, driven by lines on stdin: "join" (invite from a fresh pair of ports, as a
#            restarted bridge does, and run clock sync; prints "UP <name>"), "send HEX" (one RTP-MIDI packet),
#            "bye" (BY; prints "BYE"), "quit". Every MIDI command received is printed as "MIDI <hex>" (SysEx whole),
#            a BY from the other side as "BY".
# Prints one event per line on stdout ("READY <port>", "IN control <name>", "CK2", "MIDI <hex>", "BY"), flushing each.
import socket
import struct
import sys
import threading
import time

SSRC = 0x5A5A0001
NAME = b"python-peer"
start = time.monotonic()


SAY_LOCK = threading.Lock()


def say(*words):
    # one write per line under a lock: in script mode the listener threads print while the main thread does
    line = " ".join(str(w) for w in words) + "\n"
    with SAY_LOCK:
        sys.stdout.write(line)
        sys.stdout.flush()


def now():
    return int((time.monotonic() - start) * 10000)


def session(cmd, token):
    return b"\xff\xff" + cmd + struct.pack(">III", 2, token, SSRC) + NAME + b"\x00"


def parse_session(pkt):
    cmd = pkt[2:4]
    if cmd == b"CK":
        ssrc, count = struct.unpack(">IB", pkt[4:9])
        ts = struct.unpack(">QQQ", pkt[12:36])
        return cmd, count, ts
    version, token, ssrc = struct.unpack(">III", pkt[4:16])
    assert version == 2, version
    return cmd, token, pkt[16:].split(b"\x00")[0].decode()


def clock(count, ts):
    return b"\xff\xffCK" + struct.pack(">IB3xQQQ", SSRC, count, *ts)


seq = 0


def rtp_midi(commands):
    # commands: list of byte strings; a zero delta time between them, Z = 0.
    global seq
    seq += 1
    body = b"\x00".join(commands)
    assert len(body) <= 15
    return struct.pack(">BBHII", 0x80, 0x61, seq, now(), SSRC) + bytes([len(body)]) + body


def parse_rtp_midi(pkt):
    assert pkt[0] >> 6 == 2
    flags = pkt[12]
    if flags & 0x80:
        length = ((flags & 0x0F) << 8) | pkt[13]
        body = pkt[14:14 + length]
    else:
        length = flags & 0x0F
        body = pkt[13:13 + length]
    # Strip delta times: a delta precedes every command but the first (Z = 0); our peer sends 1-byte deltas only
    # if their high bit is clear, otherwise up to 4 bytes.
    out, i, first, running = [], 0, not (flags & 0x20), 0
    while i < len(body):
        if not first:
            while body[i] & 0x80:
                i += 1
            i += 1
        first = False
        b = body[i]
        if b >= 0x80:
            running = b if b < 0xF0 else 0
            size = {0x80: 3, 0x90: 3, 0xA0: 3, 0xB0: 3, 0xC0: 2, 0xD0: 2, 0xE0: 3}.get(b & 0xF0, 1)
        else:
            size = {0x80: 2, 0x90: 2, 0xA0: 2, 0xB0: 2, 0xC0: 1, 0xD0: 1, 0xE0: 2}[running & 0xF0]
        out.append(body[i:i + size])
        i += size
    return out


def parse_commands(pkt):
    # RFC 6295 command section with SysEx and the long header; delta times skipped (none before the first, Z = 0).
    flags = pkt[12]
    if flags & 0x80:
        length, i = ((flags & 0x0F) << 8) | pkt[13], 14
    else:
        length, i = flags & 0x0F, 13
    body, i = pkt[i:i + length], 0
    out, first, running = [], not (flags & 0x20), 0
    while i < len(body):
        if not first:
            while body[i] & 0x80:
                i += 1
            i += 1
        first = False
        b = body[i]
        if b == 0xF0:
            end = body.index(0xF7, i)
            out.append(body[i:end + 1])
            i = end + 1
            continue
        if b >= 0x80:
            running = b
            size = {0x80: 3, 0x90: 3, 0xA0: 3, 0xB0: 3, 0xC0: 2, 0xD0: 2, 0xE0: 3}[b & 0xF0]
        else:
            size = {0x80: 2, 0x90: 2, 0xA0: 2, 0xB0: 2, 0xC0: 1, 0xD0: 1, 0xE0: 2}[running & 0xF0]
        out.append(body[i:i + size])
        i += size
    return out


def invite(sock, target, token):
    """Sends IN once a second until the session answers (as real peers retry), for up to 20 s; returns the answer."""
    sock.settimeout(1)
    for _ in range(20):
        sock.sendto(session(b"IN", token), target)
        try:
            return parse_session(sock.recvfrom(2048)[0])
        except socket.timeout:
            continue
    raise SystemExit("no answer to IN from %s:%d" % target)


def script(target):
    peer_control, peer_data = ("127.0.0.1", target), ("127.0.0.1", target + 1)
    state = {"token": 100}

    def listen(control, data):
        def loop(sock):
            while True:
                try:
                    pkt, _ = sock.recvfrom(4096)
                except OSError:
                    return
                if pkt[:4] == b"\xff\xffBY":
                    say("BY")
                elif pkt[:2] != b"\xff\xff":
                    for c in parse_commands(pkt):
                        say("MIDI", c.hex().upper())
        for sock in (control, data):
            threading.Thread(target=loop, args=(sock,), daemon=True).start()

    control = data = None
    for line in sys.stdin:
        words = line.split()
        if words[0] == "join":
            state["token"] += 1
            control = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            data = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            control.bind(("127.0.0.1", 0))
            data.bind(("127.0.0.1", 0))
            cmd, token, name = invite(control, peer_control, state["token"])
            assert cmd == b"OK" and token == state["token"], (cmd, token)
            cmd, token, name = invite(data, peer_data, state["token"])
            assert cmd == b"OK" and token == state["token"], (cmd, token)
            control.settimeout(15)
            data.settimeout(15)
            t1 = now()
            data.sendto(clock(0, (t1, 0, 0)), peer_data)
            while True:
                pkt = data.recvfrom(4096)[0]
                if pkt[:4] == b"\xff\xffCK":
                    break
                if pkt[:2] == b"\xff\xff":
                    continue  # a second OK answering a repeated IN
                for c in parse_commands(pkt):  # MIDI may arrive before the clock sync answer
                    say("MIDI", c.hex().upper())
            cmd, count, ts = parse_session(pkt)
            assert cmd == b"CK" and count == 1 and ts[0] == t1, (cmd, count, ts)
            data.sendto(clock(2, (t1, ts[1], now())), peer_data)
            control.settimeout(None)
            data.settimeout(None)
            listen(control, data)
            say("UP", name)
        elif words[0] == "send":
            data.sendto(rtp_midi([bytes.fromhex(words[1])]), peer_data)
        elif words[0] == "bye":
            control.sendto(b"\xff\xffBY" + struct.pack(">III", 2, state["token"], SSRC), peer_control)
            control.close()
            data.close()
            say("BYE")
        elif words[0] == "quit":
            return


def main():
    mode = sys.argv[1]
    if mode == "script":
        script(int(sys.argv[2]))
        return
    control = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    data = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    control.settimeout(15)
    data.settimeout(15)
    if mode == "listen":
        while True:
            control.bind(("127.0.0.1", 0))
            try:
                data.bind(("127.0.0.1", control.getsockname()[1] + 1))
                break
            except OSError:
                control.close()
                control = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                control.settimeout(15)
        say("READY", control.getsockname()[1])
        pkt, peer_control = control.recvfrom(2048)
        cmd, token, name = parse_session(pkt)
        assert cmd == b"IN", cmd
        say("IN control", name)
        control.sendto(session(b"OK", token), peer_control)
        pkt, peer_data = data.recvfrom(2048)
        cmd, token, name = parse_session(pkt)
        assert cmd == b"IN", cmd
        say("IN data", name)
        data.sendto(session(b"OK", token), peer_data)
        pkt, _ = data.recvfrom(2048)
        cmd, count, ts = parse_session(pkt)
        assert cmd == b"CK" and count == 0, (cmd, count)
        data.sendto(clock(1, (ts[0], now(), 0)), peer_data)
        pkt, _ = data.recvfrom(2048)
        cmd, count, ts = parse_session(pkt)
        assert cmd == b"CK" and count == 2, (cmd, count)
        assert ts[2] >= ts[0], ts
        say("CK2")
    else:
        control.bind(("127.0.0.1", 0))
        data.bind(("127.0.0.1", 0))
        target = int(sys.argv[2])
        peer_control, peer_data = ("127.0.0.1", target), ("127.0.0.1", target + 1)
        control.sendto(session(b"IN", 77), peer_control)
        cmd, token, name = parse_session(control.recvfrom(2048)[0])
        assert cmd == b"OK" and token == 77, (cmd, token)
        say("OK control", name)
        data.sendto(session(b"IN", 77), peer_data)
        cmd, token, name = parse_session(data.recvfrom(2048)[0])
        assert cmd == b"OK" and token == 77, (cmd, token)
        say("OK data", name)
        t1 = now()
        data.sendto(clock(0, (t1, 0, 0)), peer_data)
        cmd, count, ts = parse_session(data.recvfrom(2048)[0])
        assert cmd == b"CK" and count == 1 and ts[0] == t1, (cmd, count, ts)
        data.sendto(clock(2, (t1, ts[1], now())), peer_data)
        say("CK1")
    data.sendto(rtp_midi([bytes([0x90, 0x3C, 0x7F]), bytes([0x3D, 0x40]), bytes([0xB0, 0x07, 0x64])]), peer_data)
    while True:
        pkt, sender = data.recvfrom(2048)
        if pkt[:2] == b"\xff\xff":
            continue
        say("MIDI", " ".join(c.hex().upper() for c in parse_rtp_midi(pkt)))
        break
    if mode == "listen":
        while True:
            pkt, _ = control.recvfrom(2048)
            if pkt[2:4] == b"BY":
                say("BY")
                break
    else:
        control.sendto(b"\xff\xffBY" + struct.pack(">III", 2, 77, SSRC), peer_control)
        say("BY sent")


main()
