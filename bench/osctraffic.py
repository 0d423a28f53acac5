#!/usr/bin/python3
"""Control traffic for bench/realtime-blocks.sh: OSC parameter sets to mixengine serve over UDP until stopped.

  osctraffic.py PORT TRACKS RATE     send RATE messages per second to 127.0.0.1:PORT, cycling over the trims and the
                                     second EQ band's gain of tracks "Noise 1" ... "Noise TRACKS" (RATE 0: none); prints the count on SIGTERM
"""
import math
import signal
import socket
import struct
import sys
import time


def osc(address, value):
    def pad(b):
        return b + b"\0" * (4 - len(b) % 4)
    return pad(address.encode()) + pad(b",f") + struct.pack(">f", value)


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    port, tracks, rate = int(argv[1]), int(argv[2]), float(argv[3])
    sent = 0

    def stop(*_):
        print(f"osc messages sent: {sent}")
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    if rate <= 0:  # no traffic: the engine's periods without control input, for comparison
        while True:
            signal.pause()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    start = time.monotonic()
    while True:
        i = sent % tracks
        t = time.monotonic() - start
        if (sent // tracks) % 2 == 0:
            msg = osc(f"/mixengine/param/track/Noise%20{i + 1}/trim", 3 * math.sin(t + i))
        else:
            msg = osc(f"/mixengine/param/track/Noise%20{i + 1}/eq/2/gain", 4 * math.sin(0.7 * t + i))
        sock.sendto(msg, ("127.0.0.1", port))
        sent += 1
        delay = start + sent / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)


if __name__ == "__main__":
    main(sys.argv)
