# Independent MIDI byte table for MidiCodecPeerTests: python3-mido builds seeded random messages of every kind and
# prints one line per message: "<kind> <channel> <a> <b> <hex bytes>" (a/b = the kind's fields, 0 when unused).
import random
import sys

import mido

rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
d = lambda: rng.randrange(128)
ch = lambda: rng.randrange(16)
makers = [
    lambda: ("note_on", mido.Message("note_on", channel=ch(), note=d(), velocity=d())),
    lambda: ("note_off", mido.Message("note_off", channel=ch(), note=d(), velocity=d())),
    lambda: ("polytouch", mido.Message("polytouch", channel=ch(), note=d(), value=d())),
    lambda: ("control_change", mido.Message("control_change", channel=ch(), control=d(), value=d())),
    lambda: ("program_change", mido.Message("program_change", channel=ch(), program=d())),
    lambda: ("aftertouch", mido.Message("aftertouch", channel=ch(), value=d())),
    lambda: ("pitchwheel", mido.Message("pitchwheel", channel=ch(), pitch=rng.randrange(-8192, 8192))),
    lambda: ("sysex", mido.Message("sysex", data=[d() for _ in range(rng.randrange(0, 20))])),
    lambda: ("quarter_frame", mido.Message("quarter_frame", frame_type=rng.randrange(8), frame_value=rng.randrange(16))),
    lambda: ("songpos", mido.Message("songpos", pos=rng.randrange(16384))),
    lambda: ("song_select", mido.Message("song_select", song=d())),
    lambda: ("tune_request", mido.Message("tune_request")),
    lambda: ("clock", mido.Message("clock")),
    lambda: ("start", mido.Message("start")),
    lambda: ("continue", mido.Message("continue")),
    lambda: ("stop", mido.Message("stop")),
    lambda: ("active_sensing", mido.Message("active_sensing")),
    lambda: ("reset", mido.Message("reset")),
]

for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 400):
    kind, m = rng.choice(makers)()
    channel = getattr(m, "channel", 0)
    if kind in ("note_on", "note_off"):
        a, b = m.note, m.velocity
    elif kind == "polytouch":
        a, b = m.note, m.value
    elif kind == "control_change":
        a, b = m.control, m.value
    elif kind == "program_change":
        a, b = m.program, 0
    elif kind == "aftertouch":
        a, b = m.value, 0
    elif kind == "pitchwheel":
        a, b = m.pitch, 0
    elif kind == "quarter_frame":
        a, b = m.frame_type, m.frame_value
    elif kind == "songpos":
        a, b = m.pos, 0
    elif kind == "song_select":
        a, b = m.song, 0
    else:
        a, b = 0, 0
    print(kind, channel, a, b, bytes(m.bytes()).hex().upper())
