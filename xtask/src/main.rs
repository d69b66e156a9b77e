//! `cargo xtask <command>`: see `xtask/README.md`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  test [ARGS]                                  install chromium and chromedriver if missing (Debian),
                                               then cargo test --workspace [ARGS]
  codegen                                      refresh openapi/generated/codegen.rs from build.rs's output
  check                                        fail when spec, snapshot, decisions or SDK drifted apart
  lint [SPEC]                                  check the spec (default openapi/gu1-kyc.yaml)
  diff <OLD> <NEW> [--format F] [--policy FILE] [--allow-breaking]
                                               classify the changes between two specs; OLD/NEW
                                               is a file or <git-rev>:<path>; F is text,
                                               markdown, github or json
  contract [ARGS]                              the live contract check: runs `gu1-kyc contract ARGS`
                                               (see `cargo xtask contract --help`)
  contract proxy [ARGS]                        the validating proxy: runs `gu1-kyc proxy ARGS`
  bench [--rows N,N,...]                       run the measurements of BENCHMARKS.md (rows 1-6,
                                               default all) and print one table
  help                                         print this message";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        "test" => xtask::test_runner::run(rest),
        "lint" => lint(rest),
        "codegen" if rest.is_empty() => codegen(),
        "check" if rest.is_empty() => check(),
        "diff" => xtask::diff::cli::run(rest),
        "bench" => xtask::bench::run(rest),
        "contract" => contract(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `cargo xtask contract`: the command line's `contract`, built from this workspace (one engine,
/// two front doors: the spec crate's `contract` module checks each answer).
fn contract(args: &[String]) -> ExitCode {
    // `cargo xtask contract proxy ...` is the validating proxy, `gu1-kyc proxy ...`.
    let (command, args) = match args.split_first() {
        Some((first, rest)) if first == "proxy" => ("proxy", rest),
        _ => ("contract", args),
    };
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["run", "-q", "-p", "gu1-kyc-cli", "--", command])
            .args(args)
            .current_dir(xtask::workspace_root())
            .status();
    match status {
        Ok(status) => ExitCode::from(
            status
                .code()
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or(3),
        ),
        Err(e) => {
            eprintln!("cannot run cargo: {e}");
            ExitCode::from(3)
        }
    }
}

/// Resolves a user-given path against the current directory, and the default against the root.
fn spec_path(arg: Option<&String>) -> PathBuf {
    match arg {
        Some(path) => PathBuf::from(path),
        None => xtask::workspace_root().join(xtask::DEFAULT_SPEC),
    }
}

fn lint(args: &[String]) -> ExitCode {
    if args.len() > 1 || args.first().is_some_and(|a| a.starts_with('-')) {
        eprintln!("usage: cargo xtask lint [SPEC]");
        return ExitCode::from(2);
    }
    let path = spec_path(args.first());
    if !Path::new(&path).is_file() {
        eprintln!("cannot read {}: no such file", path.display());
        return ExitCode::from(2);
    }
    let report = xtask::lint::lint_path(&path);
    for finding in &report.findings {
        println!("{finding}");
    }
    println!("{}", report.summary());
    if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn codegen() -> ExitCode {
    match xtask::codegen::codegen(&xtask::workspace_root()) {
        Ok(true) => {
            println!("updated {}: review and commit it", xtask::codegen::SNAPSHOT);
            ExitCode::SUCCESS
        }
        Ok(false) => {
            println!("{} is up to date", xtask::codegen::SNAPSHOT);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("codegen failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn check() -> ExitCode {
    let problems = xtask::check::check(&xtask::workspace_root());
    for problem in &problems {
        println!("{problem}");
    }
    if problems.is_empty() {
        println!("check: ok (spec lint, decisions, snapshot, SDK drift)");
        ExitCode::SUCCESS
    } else {
        println!("check: {} problem(s)", problems.len());
        ExitCode::FAILURE
    }
}
