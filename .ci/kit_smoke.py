#!/usr/bin/env python3
"""The sandbox test kit from another language: Python 3, standard library only.

Starts the sandbox binary with `--port 0 --print-config json`, reads its JSON line, injects a
503 for one operation through the control endpoints, sees the 503, checks the request log, sets
a validation's outcome, makes one operation drift from the spec and clears the drift, disturbs
webhook deliveries to a local receiver (a drop, a hold released
in reverse, an unreachable window, a cleared fault) and reads the delivery log, and stops the
binary with SIGTERM (it must exit 0).

    python3 .ci/kit_smoke.py
"""

import http.server
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = ["cargo", "run", "-q", "-p", "gu1-kyc-sandbox", "--",
           "--port", "0", "--print-config", "json"]
# Building the sandbox can take a while on a fresh machine; serving must not.
START_TIMEOUT = 900
REQUEST_TIMEOUT = 10
STOP_TIMEOUT = 10

passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def call(base, key, method, path, body=None):
    """Sends one request; returns (status, headers, parsed JSON or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return status, headers, parsed


def start():
    """Starts the binary; returns (process, config) once it printed its JSON line."""
    process = subprocess.Popen(COMMAND, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        process.kill()
        sys.exit(f"the sandbox printed no config line within {START_TIMEOUT} s")
    if not line:
        sys.exit(f"the sandbox exited before printing its config (status {process.wait()})")
    return process, json.loads(line)


def check_fault_and_log(base, key):
    person = {"type": "person", "name": "Ana Gomez", "countryCode": "AR", "taxId": "30444444"}
    status, _, fault = call(base, key, "POST", "/_sandbox/faults",
                            {"kind": "status", "status": 503, "operationId": "createEntity",
                             "headers": {"Retry-After": "1"}})
    check("a 503 for createEntity is injected", status == 201 and fault["remaining"] == 1,
          f"{status} {fault}")
    status, headers, body = call(base, key, "POST", "/entities", person)
    check("createEntity answers the injected 503",
          status == 503 and body["error"] == "SERVICE_UNAVAILABLE"
          and headers.get("Retry-After") == "1", f"{status} {body}")
    status, _, _ = call(base, key, "GET", "/entities")
    check("other operations are not affected", status == 200, str(status))
    status, _, body = call(base, key, "POST", "/entities", person)
    check("the retry creates the entity", status == 201, f"{status} {body}")
    entity_id = body["entity"]["id"] if status == 201 else ""

    status, _, log = call(base, key, "GET", "/_sandbox/requests?operationId=createEntity")
    entries = log["requests"] if status == 200 else []
    check("the request log has both creates",
          [(e["status"], e["fault"]) for e in entries] == [(503, "status"), (201, None)],
          json.dumps(entries))
    check("log entries name the operation and template, never the data",
          all(e["method"] == "POST" and e["pathTemplate"] == "/entities"
              and e["durationMs"] >= 0 for e in entries)
          and "30444444" not in json.dumps(log) and "Gomez" not in json.dumps(log),
          json.dumps(entries))
    status, _, _ = call(base, key, "DELETE", "/_sandbox/requests")
    status_after, _, log = call(base, key, "GET", "/_sandbox/requests")
    check("the request log can be cleared", status == 204 and log["requests"] == [],
          f"{status} {status_after} {log}")
    return entity_id


def check_outcome_control(base, key, entity_id):
    status, _, created = call(base, key, "POST", "/api/kyc/validations",
                              {"entityId": entity_id,
                               "integrationCode": "global_gueno_validation_kyc"})
    validation_id = created.get("id", "") if created else ""
    status, _, changed = call(base, key, "POST",
                              f"/_sandbox/validations/{validation_id}/status",
                              {"status": "approved"})
    _, _, read = call(base, key, "GET", f"/api/kyc/validations/{validation_id}")
    check("a validation is set to approved through the control API",
          status == 200 and changed["status"] == "approved" and read["status"] == "approved",
          f"{status} {changed}")


def check_invalid_create(base, key):
    """Request validation: a create whose entityId is not a string is refused, naming it."""
    create = {"entityId": 5, "integrationCode": "global_gueno_validation_kyc"}
    status, _, body = call(base, key, "POST", "/api/kyc/validations", create)
    message = (body or {}).get("message", "")
    check("an invalid create answers 400 naming /entityId and the rule",
          status == 400 and "/entityId" in message and "5" not in message.replace("/entityId", ""),
          f"{status} {body}")


def check_drift(base, key):
    """A drift: listEntities answers carry a property the spec does not document, the request
    log names the drift, and clearing it brings the answers back to the spec."""
    status, _, drift = call(base, key, "POST", "/_sandbox/drift",
                            {"kind": "extraProperty", "operationId": "listEntities",
                             "property": "driftedField"})
    _, _, drifted = call(base, key, "GET", "/entities")
    _, _, log = call(base, key, "GET", "/_sandbox/requests?operationId=listEntities")
    logged = [e["drifts"] for e in (log or {}).get("requests", [])][-1:]
    cleared, _, _ = call(base, key, "DELETE", "/_sandbox/drift")
    _, _, after = call(base, key, "GET", "/entities")
    _, _, listed = call(base, key, "GET", "/_sandbox/drift")
    check("a drift adds an undocumented property to listEntities until cleared",
          status == 201 and drift["kind"] == "extraProperty" and drift["remaining"] is None
          and (drifted or {}).get("driftedField") == "drift" and logged == [["extraProperty"]]
          and cleared == 204 and "driftedField" not in (after or {"driftedField": 1})
          and listed == {"drifts": []},
          f"{status} {drift} {logged} {cleared} {listed}")


class Receiver:
    """A webhook receiver on 127.0.0.1 that answers 200 and keeps each request's event."""

    def __init__(self):
        self.events = []
        self.signatures = []
        events, signatures = self.events, self.signatures

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                events.append(json.loads(body).get("event"))
                signatures.append(self.headers.get("X-Webhook-Signature"))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def wait_for(probe, limit=10):
    """Polls `probe` until it returns something truthy (at most `limit` seconds); returns it."""
    deadline = time.monotonic() + limit
    while True:
        found = probe()
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


def deliveries(base, key, validation_id):
    """The delivery log of one validation, oldest first."""
    status, _, body = call(base, key, "GET", "/_sandbox/webhooks/deliveries")
    log = body["deliveries"] if status == 200 else []
    return [d for d in log if d["validationId"] == validation_id]


def states(base, key, validation_id):
    return [d["state"] for d in deliveries(base, key, validation_id)]


def check_delivery_faults(base, key, receiver):
    person = {"type": "person", "name": "Ana Gomez", "countryCode": "AR", "taxId": "30444555"}
    _, _, created = call(base, key, "POST", "/entities", person)
    entity_id = created["entity"]["id"] if created else ""

    status, _, fault = call(base, key, "POST", "/_sandbox/webhooks/faults", {"kind": "drop"})
    check("a delivery drop is injected", status == 201 and fault["kind"] == "drop"
          and fault["remaining"] == 1, f"{status} {fault}")
    _, _, validation = call(base, key, "POST", "/api/kyc/validations",
                            {"entityId": entity_id, "webhookUrl": receiver.url,
                             "integrationCode": "global_gueno_validation_kyc"})
    vid = validation.get("id", "") if validation else ""
    wait_for(lambda: states(base, key, vid) == ["dropped"])
    log = deliveries(base, key, vid)
    check("the creation event is logged as dropped and never sent",
          [(d["event"], d["state"], d["fault"]) for d in log]
          == [("kyc.validation_created", "dropped", "drop")] and receiver.events == [],
          f"{json.dumps(log)} {receiver.events}")

    status, _, _ = call(base, key, "POST", "/_sandbox/webhooks/faults",
                        {"kind": "hold", "times": 2})
    for outcome in ["in_progress", "in_review", "approved"]:
        call(base, key, "POST", f"/_sandbox/validations/{vid}/status", {"status": outcome})
    held = wait_for(lambda: states(base, key, vid) == ["dropped", "held", "held", "delivered"])
    check("two events are held while the next one is sent",
          status == 201 and held and receiver.events == ["kyc.validation_approved"],
          f"{status} {states(base, key, vid)} {receiver.events}")
    status, _, released = call(base, key, "POST", "/_sandbox/webhooks/release",
                               {"order": "reverse"})
    wait_for(lambda: len(receiver.events) == 3)
    check("releasing them in reverse reorders the events",
          status == 200 and released["released"] == 2
          and receiver.events == ["kyc.validation_approved", "kyc.validation_in_review",
                                  "kyc.validation_in_progress"],
          f"{status} {released} {receiver.events}")
    check("every copy is signed", all(s and len(s) == 64 for s in receiver.signatures),
          str(receiver.signatures))

    status, _, window = call(base, key, "POST", "/_sandbox/webhooks/unreachable",
                             {"durationMs": 300})
    call(base, key, "POST", f"/_sandbox/validations/{vid}/webhook")
    wait_for(lambda: states(base, key, vid)[4:] == ["delivered"])
    log = deliveries(base, key, vid)[4:]
    attempts = log[0]["copies"][0]["attempts"] if log and log[0]["copies"] else []
    check("an attempt in the unreachable window fails and the retry after it delivers",
          status == 200 and "until" in window and len(attempts) >= 2
          and attempts[0]["unreachable"] and attempts[-1]["status"] == 200
          and len(receiver.events) == 4, f"{status} {window} {json.dumps(log)}")

    status, _, _ = call(base, key, "POST", "/_sandbox/webhooks/faults",
                        {"kind": "drop", "always": True})
    status_cleared, _, _ = call(base, key, "DELETE", "/_sandbox/webhooks/faults")
    _, _, listed = call(base, key, "GET", "/_sandbox/webhooks/faults")
    call(base, key, "POST", f"/_sandbox/validations/{vid}/webhook")
    wait_for(lambda: len(receiver.events) == 5)
    check("cleared delivery faults let the next event through",
          status == 201 and status_cleared == 204 and listed == {"faults": []}
          and len(receiver.events) == 5, f"{status} {status_cleared} {listed}")

    status, _, body = call(base, key, "POST", "/_sandbox/webhooks/faults",
                           {"kind": "drop", "times": 0})
    check("a bad delivery fault answers 400",
          status == 400 and body["error"] == "VALIDATION_ERROR", f"{status} {body}")
    text = json.dumps(deliveries(base, key, vid))
    check("the delivery log holds no personal data, URL or signature",
          "30444555" not in text and "Gomez" not in text and receiver.url not in text
          and all(s not in text for s in receiver.signatures), text)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        code = "no exit"
    check("SIGTERM stops the sandbox with status 0", code == 0, str(code))


def main():
    started = time.monotonic()
    process, config = start()
    try:
        base, key = config["baseUrl"], config["apiKey"]
        check("the config line has the base URL, key, organization and secret",
              base.startswith("http://127.0.0.1:") and config["port"] > 0
              and base.endswith(f":{config['port']}") and key
              and config["organizationId"] and config["webhookSecret"], json.dumps(config))
        print(f"     (listening after {time.monotonic() - started:.2f} s, building included)")
        entity_id = check_fault_and_log(base, key)
        check_outcome_control(base, key, entity_id)
        check_invalid_create(base, key)
        check_drift(base, key)
        receiver = Receiver()
        try:
            check_delivery_faults(base, key, receiver)
        finally:
            receiver.close()
    finally:
        stop(process)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
