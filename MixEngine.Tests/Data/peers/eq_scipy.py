#!/usr/bin/python3
"""scipy.signal as the independent filter peer of the EQ tests (Debian python3-scipy).

  eq_scipy.py sosfilt SECTIONS IN OUT     filter IN (raw float64) with the sections, write OUT (raw float64)
  eq_scipy.py sosfreqz SECTIONS RATE FREQS  print |H| in dB of the sections at each frequency in FREQS (one per line)
  eq_scipy.py butter ORDER HZ high|low RATE FREQS  the same for scipy's own Butterworth design

SECTIONS is a text file, one section per line: b0 b1 b2 a1 a2 (a0 = 1).
"""
import sys
import numpy as np
from scipy import signal


def sections(path):
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    return np.array([[b0, b1, b2, 1.0, a1, a2] for b0, b1, b2, a1, a2 in rows])


def print_db(sos, rate, freqs_path):
    freqs = np.loadtxt(freqs_path, ndmin=1)
    _, h = signal.sosfreqz(sos, worN=freqs, fs=rate)
    for value in 20 * np.log10(np.abs(h)):
        print(repr(float(value)))


mode = sys.argv[1]
if mode == "sosfilt":
    x = np.fromfile(sys.argv[3], dtype="<f8")
    signal.sosfilt(sections(sys.argv[2]), x).astype("<f8").tofile(sys.argv[4])
elif mode == "sosfreqz":
    print_db(sections(sys.argv[2]), float(sys.argv[3]), sys.argv[4])
elif mode == "butter":
    order, hz, kind, rate = int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    print_db(signal.butter(order, hz, btype=kind, fs=rate, output="sos"), rate, sys.argv[6])
else:
    sys.exit(f"unknown mode {mode}")
