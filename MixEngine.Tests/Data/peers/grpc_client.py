"""Independent gRPC client for GrpcPeerTests: drives a running `mixengine serve` with Debian python3-grpcio.

Usage: grpc_client.py STUBS_DIR PORT OBSERVER_KEY MIXER_KEY ADMIN_KEY
STUBS_DIR holds the Python stubs generated from protos/ by python3-grpc-tools at test time. Prints one JSON object
with what it saw: the value read back, the event seen from the other client, render progress states and the print path.
"""
import json
import sys
import threading

sys.path.insert(0, sys.argv[1])
import grpc  # noqa: E402
from mixengine.v1 import events_service_pb2 as ev, events_service_pb2_grpc as ev_grpc  # noqa: E402
from mixengine.v1 import mixer_service_pb2 as mx, mixer_service_pb2_grpc as mx_grpc  # noqa: E402
from mixengine.v1 import render_service_pb2 as rd, render_service_pb2_grpc as rd_grpc  # noqa: E402
from mixengine.v1 import session_service_pb2 as ss, session_service_pb2_grpc as ss_grpc  # noqa: E402

port, observer, mixer, admin = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
grpc.channel_ready_future(channel).result(timeout=60)


def auth(key):
    return [("authorization", f"Bearer {key}")]


out = {}
session = ss_grpc.SessionServiceStub(channel)
loaded = session.LoadSession(ss.LoadSessionRequest(path="session.json"), metadata=auth(admin), timeout=30)
out["loaded_revision"] = loaded.revision

events = ev_grpc.EventsServiceStub(channel)
seen = threading.Event()
subscribed = threading.Event()
call = events.Subscribe(ev.SubscribeRequest(), metadata=auth(observer), timeout=60)


def watch():
    for event in call:
        subscribed.set()
        if event.WhichOneof("change") == "parameter" and event.parameter.address == "track/DX 1/fader" \
                and event.parameter.value == -6.5:
            out["event_source"] = event.source
            out["event_value"] = event.parameter.value
            seen.set()
            return


watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
subscribed.wait(30)

desk = mx_grpc.MixerServiceStub(channel)
desk.SetParameter(mx.ParameterSet(address="track/DX 1/fader", value=-6.5, mode=mx.VALUE_MODE_ABSOLUTE),
                  metadata=auth(mixer), timeout=30)
read = desk.GetParameters(mx.GetParametersRequest(addresses=["track/DX 1/fader"]), metadata=auth(observer), timeout=30)
out["read_back"] = read.values[0].value
out["event_seen"] = seen.wait(30)
call.cancel()

try:
    desk.SetParameter(mx.ParameterSet(address="track/DX 1/fader", value=0, mode=mx.VALUE_MODE_ABSOLUTE),
                      metadata=auth(observer), timeout=30)
    out["observer_set"] = "OK"
except grpc.RpcError as e:
    out["observer_set"] = e.code().name

render = rd_grpc.RenderServiceStub(channel)
job = render.StartRender(rd.StartRenderRequest(output_directory="py", origination_unix_seconds=1767225600),
                         metadata=auth(admin), timeout=30)
states = []
for update in render.WatchRender(rd.WatchRenderRequest(job_id=job.job_id), metadata=auth(observer), timeout=120):
    states.append(rd.RenderJobState.Name(update.state))
out["states"] = states
report = render.GetRenderReport(rd.GetRenderReportRequest(job_id=job.job_id), metadata=auth(observer), timeout=30)
out["prints"] = list(report.print_paths)
print(json.dumps(out))
