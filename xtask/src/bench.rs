//! `cargo xtask bench`: every measurement of `BENCHMARKS.md`, one table at the end.
//!
//! - Rows 1 to 4 are the workspace's benches (`benches/suite.rs`, `benches/history_walk.rs`),
//!   run with `cargo bench`; each prints a tab-separated `ROW` line that is collected here. Row 4
//!   needs Prism: when `tools/prism` has no installed copy and `npm` exists, `npm ci` installs the
//!   pinned one; without npm the row says it was skipped.
//! - Row 5 builds the two hello-worlds of `bench/build-hello` (`sdk`: gu1-kyc; `baseline`:
//!   reqwest with the SDK's features, serde, serde_json, tokio) from clean, each in a fresh target
//!   directory, alternating baseline and SDK, and summarizes their `cargo build --timings`.
//! - Row 6 times `cargo test --workspace` after a warm-up build and names the slowest test
//!   binaries (wall time from cargo's `Running` line to the harness's result, doc tests included).
//!
//! Every step is bounded: fixed rounds, fixed durations, and builds of fixed crates.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::codegen::cargo;

/// Rounds of each clean hello-world build (each takes minutes).
const BUILD_ROUNDS: usize = 2;

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's number in `BENCHMARKS.md`.
    pub number: u8,
    /// What is measured.
    pub measurement: String,
    /// The baseline's figure.
    pub baseline: String,
    /// The SDK's figure.
    pub sdk: String,
    /// The comparison.
    pub result: String,
    /// The target.
    pub target: String,
    /// `yes`, `NO`, or `-` (no target or not measured).
    pub met: String,
}

impl Row {
    /// Parses a `ROW\t<n>\t<measurement>\t<baseline>\t<sdk>\t<result>\t<target>\t<met>` line.
    pub fn parse(line: &str) -> Option<Row> {
        let mut fields = line.strip_prefix("ROW\t")?.split('\t');
        let number = fields.next()?.parse().ok()?;
        let mut next = || fields.next().map(str::to_string);
        Some(Row {
            number,
            measurement: next()?,
            baseline: next()?,
            sdk: next()?,
            result: next()?,
            target: next()?,
            met: next()?,
        })
    }

    fn missing(number: u8, measurement: &str, why: &str) -> Row {
        Row {
            number,
            measurement: measurement.to_string(),
            baseline: "-".into(),
            sdk: "-".into(),
            result: why.to_string(),
            target: "-".into(),
            met: "-".into(),
        }
    }
}

/// The table as Markdown, rows in order.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| # | Measurement | Baseline | SDK | Result | Target | Met |\n|---|---|---|---|---|---|---|\n",
    );
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by_key(|r| r.number);
    for r in sorted {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.number, r.measurement, r.baseline, r.sdk, r.result, r.target, r.met
        ));
    }
    out
}

const USAGE: &str = "usage: cargo xtask bench [--rows N,N,...]   (rows 1-6, default all)";

/// Runs the rows asked for (all by default) and prints the table.
pub fn run(args: &[String]) -> ExitCode {
    let rows: Vec<u8> = match args {
        [] => (1..=6).collect(),
        [flag, list] if flag == "--rows" => match list
            .split(',')
            .map(|n| n.trim().parse::<u8>().ok().filter(|n| (1..=6).contains(n)))
            .collect::<Option<Vec<u8>>>()
        {
            Some(rows) => rows,
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = crate::workspace_root();
    let mut results = Vec::new();
    let started = Instant::now();

    let suite: Vec<&str> = [(1, "get"), (3, "download"), (4, "load")]
        .into_iter()
        .filter(|(n, _)| rows.contains(n))
        .map(|(_, name)| name)
        .collect();
    if rows.contains(&4) {
        ensure_prism(&root);
    }
    if rows.contains(&2) {
        results.extend(cargo_bench(&root, "history_walk", &[]));
    }
    if !suite.is_empty() {
        results.extend(cargo_bench(&root, "suite", &suite));
    }
    for (number, name) in [
        (1, "validations().get(id)"),
        (2, "walk 10,000 validations"),
        (3, "Download::save of 100 MB"),
        (4, "sandbox under load"),
    ] {
        if rows.contains(&number) && !results.iter().any(|r: &Row| r.number == number) {
            results.push(Row::missing(number, name, "the bench failed: see above"));
        }
    }
    if rows.contains(&5) {
        results.push(build_time(&root));
    }
    if rows.contains(&6) {
        results.push(test_time(&root));
    }
    println!(
        "\n## cargo xtask bench ({:.0} s)\n\n{}",
        started.elapsed().as_secs_f64(),
        table(&results)
    );
    if results
        .iter()
        .any(|r| r.result.starts_with("the bench failed"))
    {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Installs the pinned Prism into `tools/prism` when it is missing and npm exists.
fn ensure_prism(root: &Path) {
    let dir = root.join("tools/prism");
    if dir.join("node_modules/.bin/prism").is_file() {
        return;
    }
    let npm = crate::test_runner::find_on_path("npm", std::env::var_os("PATH").as_deref());
    let Some(npm) = npm else {
        println!(
            "row 4: npm is not on the PATH, so Prism cannot be installed; its side is skipped"
        );
        return;
    };
    println!("row 4: installing the pinned Prism: npm ci in tools/prism");
    let status = Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        println!("row 4: npm ci failed; Prism's side is skipped");
    }
}

/// `cargo bench --bench <name> -- <args>`, echoed, returning its `ROW` lines.
fn cargo_bench(root: &Path, name: &str, args: &[&str]) -> Vec<Row> {
    println!("\n$ cargo bench --bench {name} -- {}", args.join(" "));
    let mut command = cargo();
    command
        .args(["bench", "--bench", name, "--"])
        .args(args)
        .current_dir(root)
        .stdout(Stdio::piped());
    let prism = root.join("tools/prism/node_modules/.bin/prism");
    if prism.is_file() {
        command.env("GU1_BENCH_PRISM", prism);
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot run cargo: {e}");
            return vec![];
        }
    };
    let mut rows = Vec::new();
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        match Row::parse(&line) {
            Some(row) => rows.push(row),
            None => println!("{line}"),
        }
    }
    let _ = child.wait();
    rows
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// One unit of a `cargo build --timings` report.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// `name version` plus the target (`build script`, `bin`, ...) when it is not the library.
    pub key: String,
    /// Seconds spent on it.
    pub duration: f64,
}

/// The units of `cargo-timing.html` (its `UNIT_DATA` array).
pub fn timing_units(html: &str) -> Vec<Unit> {
    let Some(start) = html.find("const UNIT_DATA = ") else {
        return vec![];
    };
    let rest = &html[start + "const UNIT_DATA = ".len()..];
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    let Some(Ok(Value::Array(units))) = stream.next() else {
        return vec![];
    };
    units
        .iter()
        .map(|u| {
            let target = u["target"].as_str().unwrap_or("").trim();
            let mode = u["mode"].as_str().unwrap_or("");
            let mut key = format!(
                "{} {}",
                u["name"].as_str().unwrap_or("?"),
                u["version"].as_str().unwrap_or("")
            );
            if !target.is_empty() {
                key.push_str(&format!(" {target}"));
            }
            if mode == "run-custom-build" {
                key.push_str(" (run)");
            }
            Unit {
                key,
                duration: u["duration"].as_f64().unwrap_or(0.0),
            }
        })
        .collect()
}

/// A clean debug build of one hello-world; its wall time and its timing units.
fn build_hello(root: &Path, side: &str, round: usize) -> Result<(Duration, Vec<Unit>), String> {
    let dir = root.join("bench/build-hello").join(side);
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("copying Cargo.lock: {e}"))?;
    let target = target_dir(root).join(format!("bench-hello/{side}-{round}"));
    let _ = std::fs::remove_dir_all(&target);
    println!(
        "\n$ cargo build --timings   (bench/build-hello/{side}, clean, round {})",
        round + 1
    );
    let start = Instant::now();
    let status = cargo()
        .args(["build", "--timings", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let elapsed = start.elapsed();
    let html =
        std::fs::read_to_string(target.join("cargo-timings/cargo-timing.html")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&target);
    let _ = std::fs::remove_file(dir.join("Cargo.lock"));
    if !status.success() {
        return Err(format!("the {side} build failed"));
    }
    println!("  {side}: {:.1} s", elapsed.as_secs_f64());
    Ok((elapsed, timing_units(&html)))
}

fn secs_list(samples: &[Duration]) -> String {
    samples
        .iter()
        .map(|d| format!("{:.0} s", d.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn median_secs(samples: &[Duration]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort();
    // The lower median: with two samples, the faster build (the less disturbed one).
    sorted[(sorted.len() - 1) / 2].as_secs_f64()
}

/// Row 5: clean builds of the two hello-worlds, alternating, and what the difference is made of.
fn build_time(root: &Path) -> Row {
    const NAME: &str = "clean debug build of a hello-world";
    let (mut baseline, mut sdk) = (Vec::new(), Vec::new());
    let (mut baseline_units, mut sdk_units) = (Vec::new(), Vec::new());
    for round in 0..BUILD_ROUNDS {
        for side in ["baseline", "sdk"] {
            match build_hello(root, side, round) {
                Ok((time, units)) if side == "baseline" => {
                    baseline.push(time);
                    baseline_units = units;
                }
                Ok((time, units)) => {
                    sdk.push(time);
                    sdk_units = units;
                }
                Err(why) => return Row::missing(5, NAME, &why),
            }
        }
    }
    let (a, b) = (median_secs(&baseline), median_secs(&sdk));
    let ratio = b / a;
    let cpu = |units: &[Unit]| units.iter().map(|u| u.duration).sum::<f64>();
    let present: BTreeMap<&str, f64> = baseline_units
        .iter()
        .map(|u| (u.key.as_str(), u.duration))
        .collect();
    let mut extra: Vec<&Unit> = sdk_units
        .iter()
        .filter(|u| !present.contains_key(u.key.as_str()))
        .collect();
    extra.sort_by(|x, y| y.duration.total_cmp(&x.duration));
    let extra_cpu: f64 = extra.iter().map(|u| u.duration).sum();
    println!(
        "\n5. clean debug build, {BUILD_ROUNDS} rounds each, alternating\n  \
         baseline: {a:.1} s wall ({} units, {:.1} s of unit time)\n  \
         sdk:      {b:.1} s wall ({} units, {:.1} s of unit time)\n  \
         ratio: {ratio:.2}\n  \
         units only the SDK's build has: {} ({extra_cpu:.1} s of unit time); the largest:",
        baseline_units.len(),
        cpu(&baseline_units),
        sdk_units.len(),
        cpu(&sdk_units),
        extra.len(),
    );
    for unit in extra.iter().take(15) {
        println!("    {:>6.1} s  {}", unit.duration, unit.key);
    }
    Row {
        number: 5,
        measurement: NAME.into(),
        baseline: format!(
            "reqwest+serde+tokio: {a:.1} s (builds: {})",
            secs_list(&baseline)
        ),
        sdk: format!("gu1-kyc: {b:.1} s (builds: {})", secs_list(&sdk)),
        result: format!(
            "{ratio:.2}x ({} extra units, {extra_cpu:.0} s of unit time)",
            extra.len()
        ),
        target: "≤ 1.4x".into(),
        met: if ratio <= 1.4 { "yes" } else { "NO" }.into(),
    }
}

/// Per test binary, the wall seconds from its `Running`/`Doc-tests` line to its `test result`
/// line (for doc tests this includes compiling them). The log's lines are `<seconds>\t<line>`,
/// stamped as read from `cargo test`'s stderr (the `Running` lines) and stdout (the results).
pub fn test_binaries(log: &str) -> Vec<(String, f64)> {
    let mut current: Option<(String, f64)> = None;
    let mut out = Vec::new();
    for stamped in log.lines() {
        let Some((at, line)) = stamped.split_once('\t') else {
            continue;
        };
        let Ok(at) = at.trim().parse::<f64>() else {
            continue;
        };
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Running ") {
            // `unittests src/lib.rs (target/debug/deps/gu1_kyc_sandbox-0123abcd)`: the source
            // alone is ambiguous across crates, so unit tests get the binary's crate name.
            let (source, binary) = rest.split_once(" (").unwrap_or((rest, ""));
            let krate = Path::new(binary.trim_end_matches(')'))
                .file_name()
                .and_then(|f| f.to_str())
                .and_then(|f| f.rsplit_once('-'))
                .map(|(name, _)| name);
            let name = match krate {
                Some(krate) if source.starts_with("unittests") => format!("{source} ({krate})"),
                _ => source.to_string(),
            };
            current = Some((name, at));
        } else if line.starts_with("Doc-tests ") {
            current = Some((line.to_string(), at));
        } else if line.starts_with("test result:")
            && let Some((name, began)) = current.take()
        {
            out.push((name, at - began));
        }
    }
    out
}

/// Runs `command`, writing each line of its stdout and stderr to `log` as `<seconds>\t<line>`.
fn run_stamped(mut command: Command, log: &Path) -> std::io::Result<std::process::ExitStatus> {
    use std::sync::{Arc, Mutex};
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let start = Instant::now();
    let lines = Arc::new(Mutex::new(Vec::<(f64, String)>::new()));
    let readers: Vec<_> = [
        Box::new(child.stdout.take().expect("piped")) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().expect("piped")),
    ]
    .into_iter()
    .map(|pipe| {
        let lines = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let at = start.elapsed().as_secs_f64();
                lines.lock().expect("not poisoned").push((at, line));
            }
        })
    })
    .collect();
    let status = child.wait()?;
    for reader in readers {
        let _ = reader.join();
    }
    let mut lines = std::mem::take(&mut *lines.lock().expect("not poisoned"));
    lines.sort_by(|x, y| x.0.total_cmp(&y.0));
    let text: String = lines
        .iter()
        .map(|(at, line)| format!("{at:.3}\t{line}\n"))
        .collect();
    std::fs::write(log, text)?;
    Ok(status)
}

/// Row 6: `cargo test --workspace` on a warm build.
fn test_time(root: &Path) -> Row {
    const NAME: &str = "cargo test --workspace, warm build";
    println!("\n$ cargo test --workspace --no-run   (warm-up, not timed)");
    let warm = cargo()
        .args(["test", "--workspace", "--no-run", "--quiet"])
        .current_dir(root)
        .status();
    if !warm.is_ok_and(|s| s.success()) {
        return Row::missing(6, NAME, "the test build failed");
    }
    let log_path = target_dir(root).join("bench-cargo-test.log");
    println!(
        "$ cargo test --workspace   (timed; output in {})",
        log_path.display()
    );
    let mut command = cargo();
    command.args(["test", "--workspace"]).current_dir(root);
    let start = Instant::now();
    let status = run_stamped(command, &log_path);
    let wall = start.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    let mut binaries = test_binaries(&text);
    binaries.sort_by(|x, y| y.1.total_cmp(&x.1));
    let passed = status.is_ok_and(|s| s.success());
    println!(
        "\n6. cargo test --workspace: {wall:.1} s wall, {} test binaries{}; the slowest:",
        binaries.len(),
        if passed { "" } else { ", FAILED (see the log)" }
    );
    for (name, secs) in binaries.iter().take(8) {
        println!("    {secs:>7.2} s  {name}");
    }
    let slowest = binaries
        .iter()
        .take(3)
        .map(|(name, secs)| format!("{name} {secs:.1} s"))
        .collect::<Vec<_>>()
        .join(", ");
    Row {
        number: 6,
        measurement: NAME.into(),
        baseline: "-".into(),
        sdk: format!("{wall:.1} s{}", if passed { "" } else { " (tests FAILED)" }),
        result: format!("slowest: {slowest}"),
        target: "reported".into(),
        met: "-".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_prints_them_in_order() {
        let rows = vec![
            Row::parse("ROW\t2\twalk\ta\tb\t6.0x\t≥ 5x\tyes").expect("a row"),
            Row::parse("ROW\t1\tget\ta\tb\t1.02x\t≤ 1.05x\tyes").expect("a row"),
        ];
        assert!(Row::parse("ROW\tx\t").is_none());
        assert!(Row::parse("walk 10000 validations").is_none());
        let table = table(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[2], "| 1 | get | a | b | 1.02x | ≤ 1.05x | yes |");
        assert_eq!(lines[3], "| 2 | walk | a | b | 6.0x | ≥ 5x | yes |");
    }

    #[test]
    fn reads_timing_units() {
        let html = r#"<script>const UNIT_DATA = [{"i":0,"name":"syn","version":"2.0.1","mode":"todo","target":"","duration":3.5},{"i":1,"name":"gu1-kyc","version":"0.1.0","mode":"run-custom-build","target":" build script","duration":1.25}];
const CONCURRENCY_DATA = [];</script>"#;
        let units = timing_units(html);
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].key, "syn 2.0.1");
        assert_eq!(units[1].key, "gu1-kyc 0.1.0 build script (run)");
        assert_eq!(units[1].duration, 1.25);
    }

    #[test]
    fn names_test_binaries() {
        let log = "0.100\t     Running unittests src/lib.rs (target/debug/deps/gu1_kyc-1)\n\
                   0.200\trunning 3 tests\n\
                   0.600\ttest result: ok. 3 passed; 0 failed; finished in 0.50s\n\
                   0.700\t     Running tests/hosted.rs (target/debug/deps/hosted-2)\n\
                   13.000\ttest result: ok. 9 passed; 0 failed; 0 ignored; finished in 12.25s\n\
                   13.000\t   Doc-tests gu1_kyc\n\
                   30.000\ttest result: ok. 40 passed; finished in 3.00s\n";
        let found = test_binaries(log);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "unittests src/lib.rs (gu1_kyc)",
                "tests/hosted.rs",
                "Doc-tests gu1_kyc"
            ]
        );
        let secs: Vec<f64> = found
            .iter()
            .map(|(_, s)| (s * 10.0).round() / 10.0)
            .collect();
        assert_eq!(secs, [0.5, 12.3, 17.0]);
    }
}
