#!/usr/bin/env python3
"""Cross-checks `cargo xtask diff` against Optic's breaking-change ruleset.

Every directory under `cases/` holds `old.yaml`, `new.yaml` and `verdict.json`
(`{"verdict": "breaking"|"compatible", "why": ...}`, a reviewer's judgment for a client of the
API). For each case this runs both tools, reduces each answer to breaking or compatible, and
prints a Markdown table comparing them with the verdict, then the totals.

    python3 xtask/crosscheck/run.py [--xtask PATH] [--optic CMD] [--details] [--case NAME ...]

Ours: `xtask diff OLD NEW --json`; breaking when any change is classed breaking.
Optic: `optic diff OLD NEW --check --standard optic.yml` (the `breaking-changes` ruleset);
breaking when a check fails. Optic is pinned in package.json / package-lock.json; install it
with `npm ci --prefix xtask/crosscheck`.

Exit 0 whatever the tools answer; exit 2 when a tool could not run on a case.
Standard library only.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE / "cases"
STANDARD = HERE / "optic.yml"
OPTIC_BIN = HERE / "node_modules" / ".bin" / "optic"

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A failed Optic check: `x [rule name] message`.
OPTIC_FINDING = re.compile(r"^\s*x \[(?P<rule>[^\]]+)\] (?P<message>.*)$")
OPTIC_CHECKS = re.compile(r"Checks: (?P<passed>\d+)/(?P<total>\d+) passed")

BREAKING, COMPATIBLE = "breaking", "compatible"


class ToolError(Exception):
    """A tool could not answer for a case (it crashed, or its output made no sense)."""


def run(cmd, env=None, cwd=ROOT):
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ToolError(f"{shlex.join(cmd)}: {err}") from err
    return proc


def ours(xtask, old, new):
    """Our classifier: (answer, findings)."""
    # The project's diff policy is about openapi/gu1-kyc.yaml, not these cases.
    proc = run(xtask + [str(old), str(new), "--json", "--no-policy"])
    if proc.returncode not in (0, 1):
        raise ToolError(f"xtask diff exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    try:
        changes = json.loads(proc.stdout)
    except json.JSONDecodeError as err:
        raise ToolError(f"xtask diff printed no JSON ({err}): {proc.stdout[:300]}") from err
    breaking = [c for c in changes if c.get("classification") == BREAKING]
    if bool(breaking) != (proc.returncode == 1):
        raise ToolError(f"xtask diff exited {proc.returncode} but reported {len(breaking)} breaking changes")
    findings = [
        f"{c['classification']}: {c['kind']} at {c['location']}"
        + (f" ({c['detail']})" if c.get("detail") else "")
        for c in changes
    ]
    return (BREAKING if breaking else COMPATIBLE), findings


def optic(optic_cmd, old, new):
    """Optic with its breaking-changes ruleset: (answer, findings)."""
    env = dict(os.environ, OPTIC_TELEMETRY_LEVEL="off", NO_COLOR="1")
    # Optic writes a ci-run-details.json where it runs: keep it out of the repository.
    with tempfile.TemporaryDirectory() as scratch:
        proc = run(
            optic_cmd + ["diff", str(old), str(new), "--check", "--standard", str(STANDARD)],
            env=env,
            cwd=scratch,
        )
    out = ANSI.sub("", proc.stdout)
    lines = [line for line in out.splitlines() if line.strip()]
    # A diff that ran starts with the spec's title and path, marked with a tick or a cross.
    ran = bool(lines) and lines[0][:2] in ("✔ ", "x ") and str(old) in lines[0]
    if not ran or proc.returncode not in (0, 1):
        raise ToolError(
            f"optic exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[:500]}"
        )
    findings = []
    for line in lines:
        match = OPTIC_FINDING.match(line)
        if match:
            findings.append(f"[{match['rule']}] {match['message'].strip()}")
    checks = OPTIC_CHECKS.search(out)
    failed_checks = checks is not None and checks["passed"] != checks["total"]
    breaking = bool(findings) or failed_checks
    if breaking != (proc.returncode == 1):
        raise ToolError(f"optic exited {proc.returncode} but found {len(findings)} failed checks")
    changes = [
        line.strip()
        for line in lines[1:]
        if not OPTIC_FINDING.match(line)
        and not line.strip().startswith(("at ", "Rerun this command", "Preview docs"))
    ]
    return (BREAKING if breaking else COMPATIBLE), findings or changes


def who_is_right(verdict, our_answer, optic_answer):
    ours_ok, optic_ok = our_answer == verdict, optic_answer == verdict
    if ours_ok and optic_ok:
        return "both"
    if ours_ok:
        return "ours"
    if optic_ok:
        return "Optic"
    return "neither"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--xtask",
        metavar="PATH",
        help="the xtask binary (default: `cargo run -q -p xtask -- diff`)",
    )
    parser.add_argument(
        "--optic",
        metavar="CMD",
        help="the Optic command (default: xtask/crosscheck/node_modules/.bin/optic)",
    )
    parser.add_argument("--details", action="store_true", help="print each tool's findings per case")
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    args = parser.parse_args()

    xtask = [args.xtask, "diff"] if args.xtask else ["cargo", "run", "-q", "-p", "xtask", "--", "diff"]
    if args.optic:
        optic_cmd = shlex.split(args.optic)
    elif OPTIC_BIN.exists():
        optic_cmd = [str(OPTIC_BIN)]
    else:
        print(
            "Optic is not installed: run `npm ci --prefix xtask/crosscheck` or pass --optic CMD",
            file=sys.stderr,
        )
        return 2

    cases = sorted(p for p in CASES.iterdir() if (p / "verdict.json").is_file())
    if args.case:
        cases = [p for p in cases if p.name in args.case]
    rows, details, errors = [], [], []
    for case in cases:
        verdict = json.loads((case / "verdict.json").read_text())["verdict"]
        if verdict not in (BREAKING, COMPATIBLE):
            errors.append(f"{case.name}: verdict.json says {verdict!r}")
            continue
        old, new = case / "old.yaml", case / "new.yaml"
        try:
            our_answer, our_findings = ours(xtask, old, new)
            optic_answer, optic_findings = optic(optic_cmd, old, new)
        except ToolError as err:
            errors.append(f"{case.name}: {err}")
            continue
        rows.append((case.name, verdict, our_answer, optic_answer))
        details.append((case.name, our_findings, optic_findings))

    print("| case | verdict | ours | Optic | who is right |")
    print("| --- | --- | --- | --- | --- |")
    for name, verdict, our_answer, optic_answer in rows:
        mark = lambda answer: answer if answer == verdict else f"**{answer}**"
        print(
            f"| {name} | {verdict} | {mark(our_answer)} | {mark(optic_answer)} "
            f"| {who_is_right(verdict, our_answer, optic_answer)} |"
        )

    n = len(rows)
    pct = lambda k: f"{k}/{n} ({100 * k / n:.0f}%)" if n else "0/0"
    ours_ok = sum(r[2] == r[1] for r in rows)
    optic_ok = sum(r[3] == r[1] for r in rows)
    same = sum(r[2] == r[3] for r in rows)
    by_verdict = {
        v: sum(r[1] == v for r in rows) for v in (BREAKING, COMPATIBLE)
    }
    print()
    print(f"Cases: {n} ({by_verdict[BREAKING]} breaking, {by_verdict[COMPATIBLE]} compatible by verdict)")
    print()
    print(f"- ours agrees with the verdict: {pct(ours_ok)}")
    print(f"- Optic agrees with the verdict: {pct(optic_ok)}")
    print(f"- ours agrees with Optic: {pct(same)}")
    for tool, index in (("ours", 2), ("Optic", 3)):
        missed = sum(r[1] == BREAKING and r[index] == COMPATIBLE for r in rows)
        false_alarms = sum(r[1] == COMPATIBLE and r[index] == BREAKING for r in rows)
        print(f"- {tool}: {missed} breaking changes missed, {false_alarms} compatible changes called breaking")

    if args.details:
        print()
        print("## Findings")
        for name, our_findings, optic_findings in details:
            print()
            print(f"### {name}")
            print()
            for line in our_findings or ["(no change reported)"]:
                print(f"- ours: {line}")
            for line in optic_findings or ["(no change reported)"]:
                print(f"- Optic: {line}")

    if errors:
        print()
        print("Could not run:", file=sys.stderr)
        for line in errors:
            print(f"- {line}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
