#!/usr/bin/env python3
"""Drive a running `mixengine serve` over gRPC: load a session, ride a fader, render and follow the job.

Stubs are generated at start from the repository's protos/ with grpc_tools.protoc (Debian python3-grpc-tools, or
pip's grpcio-tools) into a temporary folder, so nothing generated is kept in the repository. See examples/README.md.

    python3 examples/python/ride_and_render.py --session demo.session.json --fader "track/DX 1/fader" --out take1
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOS = os.path.normpath(os.path.join(HERE, "..", "..", "protos"))


def generate_stubs(folder):
    """Compiles protos/mixengine/v1/*.proto into Python modules under folder and makes them importable."""
    import grpc_tools
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    protos = sorted(glob.glob(os.path.join(PROTOS, "mixengine", "v1", "*.proto")))
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTOS}", f"-I{well_known}",
                    f"--python_out={folder}", f"--grpc_python_out={folder}", *protos], check=True)
    sys.path.insert(0, folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default="127.0.0.1:50051", help="the server's ADDRESS:PORT")
    parser.add_argument("--key", default=os.environ.get("MIXENGINE_KEY"),
                        help="admin API key (default: $MIXENGINE_KEY; none when the server has no keys)")
    parser.add_argument("--ca", help="PEM certificate to trust when the server speaks TLS")
    parser.add_argument("--session", default="demo.session.json", help="session file inside the server's media root")
    parser.add_argument("--fader", default="track/DX 1/fader", help="parameter address to ride")
    parser.add_argument("--ride", nargs=2, type=float, default=[-20.0, -4.0], metavar=("FROM_DB", "TO_DB"))
    parser.add_argument("--steps", type=int, default=24, help="values sent during the ride")
    parser.add_argument("--out", default="take1", help="render folder inside the server's render root")
    parser.add_argument("--json", action="store_true", help="end with one JSON line summing up what happened")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mixengine-stubs-") as stubs:
        generate_stubs(stubs)
        return run(args)


def run(args):
    import grpc
    from mixengine.v1 import events_service_pb2 as ev, events_service_pb2_grpc as ev_grpc
    from mixengine.v1 import mixer_service_pb2 as mx, mixer_service_pb2_grpc as mx_grpc
    from mixengine.v1 import render_service_pb2 as rd, render_service_pb2_grpc as rd_grpc
    from mixengine.v1 import session_service_pb2 as ss, session_service_pb2_grpc as ss_grpc

    if args.ca:
        with open(args.ca, "rb") as pem:
            channel = grpc.secure_channel(args.address, grpc.ssl_channel_credentials(root_certificates=pem.read()))
    else:
        channel = grpc.insecure_channel(args.address)
    grpc.channel_ready_future(channel).result(timeout=60)
    key = [("authorization", f"Bearer {args.key}")] if args.key else []
    summary = {}

    # 1. Load the session: the server swaps it in at a block boundary; playback never stops.
    session = ss_grpc.SessionServiceStub(channel)
    loaded = session.LoadSession(ss.LoadSessionRequest(path=args.session), metadata=key, timeout=60)
    name = json.loads(loaded.json)["name"]
    print(f"loaded '{name}' (revision {loaded.revision})")
    summary["session"] = name

    # 2. Watch events on a second stream: every change any client makes comes back here (this client's own too,
    #    as asked, so the values the server applied can be confirmed).
    echoes = []
    listening = threading.Event()
    events = ev_grpc.EventsServiceStub(channel).Subscribe(ev.SubscribeRequest(echo_own_changes=True), metadata=key, timeout=300)

    def watch():
        try:
            for event in events:
                listening.set()
                if event.WhichOneof("change") == "parameter" and event.parameter.address == args.fader:
                    echoes.append(event.parameter.value)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.CANCELLED:
                raise

    threading.Thread(target=watch, daemon=True).start()
    listening.wait(30)

    # 3. Ride the fader: touch, move in steps, release (as a hand on a fader would).
    mixer = mx_grpc.MixerServiceStub(channel)
    start, end = args.ride
    mixer.SetTouch(mx.TouchRequest(address=args.fader, touched=True), metadata=key, timeout=30)
    for i in range(args.steps + 1):
        value = start + (end - start) * i / args.steps
        mixer.SetParameter(mx.ParameterSet(address=args.fader, value=value, mode=mx.VALUE_MODE_ABSOLUTE),
                           metadata=key, timeout=30)
        time.sleep(0.02)
    mixer.SetTouch(mx.TouchRequest(address=args.fader, touched=False), metadata=key, timeout=30)
    now = mixer.GetParameters(mx.GetParametersRequest(addresses=[args.fader]), metadata=key, timeout=30).values[0]
    print(f"rode {args.fader} from {start:+.1f} to {end:+.1f} dB; it reads {now.value:+.2f} dB")
    deadline = time.time() + 10
    while (not echoes or echoes[-1] != now.value) and time.time() < deadline:
        time.sleep(0.05)
    events.cancel()
    print(f"the events stream echoed {len(echoes)} fader values, the last {echoes[-1]:+.2f} dB" if echoes
          else "the events stream echoed no fader value")
    summary.update(fader=args.fader, read_back=now.value, echoed=len(echoes), last_echo=echoes[-1] if echoes else None)

    # 4. Render the session as it now stands and follow the job until it ends.
    render = rd_grpc.RenderServiceStub(channel)
    job = render.StartRender(rd.StartRenderRequest(output_directory=args.out), metadata=key, timeout=30)
    print(f"render {job.job_id} queued into {job.output_directory}")
    states, fractions = [], []
    for update in render.WatchRender(rd.WatchRenderRequest(job_id=job.job_id), metadata=key, timeout=600):
        state = rd.RenderJobState.Name(update.state).removeprefix("RENDER_JOB_STATE_").lower()
        states.append(state)
        fractions.append(update.fraction)
        print(f"  {state:<9} {update.fraction:6.1%}  {update.frames_done}/{update.frames_total} frames"
              + (f"  {update.speed:.1f}x real time" if update.speed > 0 else ""), flush=True)
        if update.message:
            print(f"  {update.message}")
    summary.update(job=job.job_id, states=states, fractions=fractions)
    if states[-1] != "succeeded":
        print(f"render ended {states[-1]}", file=sys.stderr)
        return 1
    report = render.GetRenderReport(rd.GetRenderReportRequest(job_id=job.job_id), metadata=key, timeout=30)
    for path in report.print_paths:
        print(f"printed {path}")
    summary["prints"] = list(report.print_paths)
    if args.json:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
