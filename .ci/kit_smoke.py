#!/usr/bin/env python3
"""The sandbox test kit from another language: Python 3, standard library only.

Starts the sandbox binary with `--port 0 --print-config json`, reads its JSON line, injects a
503 for one operation through the control endpoints, sees the 503, checks the request log, sets
a validation's outcome, and stops the binary with SIGTERM (it must exit 0).

    python3 .ci/kit_smoke.py
"""

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
    finally:
        stop(process)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
