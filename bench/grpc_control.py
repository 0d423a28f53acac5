"""gRPC control benchmark client, run by bench/grpc-control.sh against a running `mixengine serve`.

Usage: grpc_control.py STUBS_DIR ADDRESS FADER SECONDS PHASE    (PHASE: sets, latency or meters)
Prints one JSON object for the phase:
  sets      unary SetParameter calls per second from one client, back to back, for SECONDS
  latency   p50/p99/max ms from a set leaving this process to the change arriving on another client's events stream
            (paced at 200 sets/s, every value distinct so each arrival is matched to its send; without API keys every
            client is the same anonymous caller, so the listener asks for its own client's changes too)
  meters    16 clients each streaming meters at 30 Hz for SECONDS: frames received per client per second
Each phase runs in its own processes (multiprocessing), so the Python GIL of one client does not slow another.
"""
import json
import multiprocessing as mp
import statistics
import sys
import time

stubs, address, fader, seconds, phase = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
sys.path.insert(0, stubs)
import grpc  # noqa: E402
from mixengine.v1 import events_service_pb2 as ev, events_service_pb2_grpc as ev_grpc  # noqa: E402
from mixengine.v1 import meters_service_pb2 as me, meters_service_pb2_grpc as me_grpc  # noqa: E402
from mixengine.v1 import mixer_service_pb2 as mx, mixer_service_pb2_grpc as mx_grpc  # noqa: E402


def channel():
    c = grpc.insecure_channel(address)
    grpc.channel_ready_future(c).result(timeout=60)
    return c


def throughput(duration):
    mixer = mx_grpc.MixerServiceStub(channel())
    n, end = 0, time.monotonic() + duration
    while time.monotonic() < end:
        mixer.SetParameter(mx.ParameterSet(address=fader, value=-20 + (n % 200) * 0.1, mode=mx.VALUE_MODE_ABSOLUTE), timeout=10)
        n += 1
    return n / duration


def listen(ready, arrivals, duration):
    stream = ev_grpc.EventsServiceStub(channel()).Subscribe(ev.SubscribeRequest(echo_own_changes=True), timeout=duration + 30)
    seen = {}
    ready.set()
    try:
        for event in stream:
            if event.WhichOneof("change") == "parameter" and event.parameter.address == fader:
                seen.setdefault(round(event.parameter.value, 6), time.monotonic())
    except grpc.RpcError:
        pass
    arrivals.put(seen)


def latency(duration, rate=200):
    ready, arrivals = mp.Event(), mp.Queue()
    listener = mp.Process(target=listen, args=(ready, arrivals, duration + 2))
    listener.start()
    ready.wait(60)
    time.sleep(0.5)
    mixer = mx_grpc.MixerServiceStub(channel())
    sent, n, start = {}, 0, time.monotonic()
    while time.monotonic() - start < duration:
        value = round(-40 + n * 0.001, 6)
        sent[value] = time.monotonic()
        mixer.SetParameter(mx.ParameterSet(address=fader, value=value, mode=mx.VALUE_MODE_ABSOLUTE), timeout=10)
        n += 1
        pause = start + n / rate - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    seen = arrivals.get(timeout=duration + 60)
    listener.join()
    ms = sorted((seen[v] - t) * 1000 for v, t in sent.items() if v in seen)
    return {"sent": len(sent), "received": len(ms), "p50_ms": ms[len(ms) // 2], "p99_ms": ms[int(len(ms) * 0.99)], "max_ms": ms[-1]}


def meter_client(duration, frames):
    stream = me_grpc.MetersServiceStub(channel()).StreamMeters(me.StreamMetersRequest(rate_hz=30), timeout=duration)
    n = 0
    try:
        for _ in stream:
            n += 1
    except grpc.RpcError as e:
        if e.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
            raise
    frames.put(n / duration)


def meters(duration, clients=16):
    frames = mp.Queue()
    procs = [mp.Process(target=meter_client, args=(duration, frames)) for _ in range(clients)]
    for p in procs:
        p.start()
    rates = [frames.get(timeout=duration + 120) for _ in procs]
    for p in procs:
        p.join()
    return {"clients": clients, "requested_hz": 30, "min_hz": min(rates), "median_hz": statistics.median(rates)}


if __name__ == "__main__":
    mp.set_start_method("fork")
    run = {"sets": lambda: {"sets_per_second": throughput(seconds)}, "latency": lambda: latency(seconds), "meters": lambda: meters(seconds)}
    print(json.dumps(run[phase]()), flush=True)
