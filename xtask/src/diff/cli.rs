//! Argument handling and spec loading for `cargo xtask diff`.

use std::path::Path;
use std::process::{Command, ExitCode};

use gu1_kyc_spec::Spec;

use super::{diff_specs, json_report, text_report};

const USAGE: &str = "usage: cargo xtask diff <OLD> <NEW> [--json] [--allow-breaking]
  OLD, NEW: a spec file, or <git-rev>:<path> (e.g. main:openapi/gu1-kyc.yaml)";

/// Runs `cargo xtask diff` with the arguments after `diff`. Exit codes: 0 when nothing breaks
/// (or `--allow-breaking`), 1 when something breaks, 2 on usage or read errors.
pub fn run(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut allow_breaking = false;
    let mut sides = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            "--allow-breaking" => allow_breaking = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with("--") => {
                eprintln!("unknown option `{flag}`\n{USAGE}");
                return ExitCode::from(2);
            }
            side => sides.push(side),
        }
    }
    let [old_arg, new_arg] = sides[..] else {
        eprintln!("expected two specs, got {}\n{USAGE}", sides.len());
        return ExitCode::from(2);
    };
    let (old, new) = match (load_side(old_arg), load_side(new_arg)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let changes = diff_specs(&old, &new);
    if json {
        println!("{}", json_report(&changes));
    } else {
        print!("{}", text_report(old_arg, new_arg, &changes));
    }
    if changes.iter().any(|c| c.is_breaking()) && !allow_breaking {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads one side: a file if it exists, otherwise `rev:path` through `git show` in the
/// workspace root.
pub fn load_side(arg: &str) -> Result<Spec, String> {
    if Path::new(arg).is_file() {
        return Spec::from_path(Path::new(arg));
    }
    let Some((rev, path)) = arg.split_once(':') else {
        return Err(format!(
            "{arg}: no such file (use <git-rev>:<path> for a committed version)"
        ));
    };
    if rev.is_empty() || path.is_empty() {
        return Err(format!("{arg}: expected <git-rev>:<path>"));
    }
    let output = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:{path}"))
        .current_dir(crate::workspace_root())
        .output()
        .map_err(|e| format!("{arg}: cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{arg}: git show failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| format!("{arg}: not UTF-8"))?;
    Spec::from_yaml_str(&text, arg)
}
