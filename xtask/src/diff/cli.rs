//! Argument handling and spec loading for `cargo xtask diff`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use gu1_kyc_spec::Spec;

use super::lines::Lines;
use super::policy::{DEFAULT_PATH, Policy};
use super::report::{self, Side};
use super::{diff_specs, text_report};

const USAGE: &str = "usage: cargo xtask diff <OLD> <NEW> [--format text|markdown|github|json]
                         [--policy FILE | --no-policy] [--allow-breaking]
  OLD, NEW: a spec file, or <git-rev>:<path> (e.g. main:openapi/gu1-kyc.yaml)
  --format    text (default), markdown (a changelog section for a pull request), github
              (workflow annotations on the new spec's lines), json (the stable array; `--json`
              is the same)
  --policy    the diff policy: class overrides and accepted breaking changes, each with a
              reason (default: openapi/diff-policy.yaml when it exists)
  exit 0: nothing breaking outside the policy (or --allow-breaking); 1: something breaks;
  2: usage, a spec or the policy cannot be read";

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Github,
    Json,
}

/// Runs `cargo xtask diff` with the arguments after `diff`. Exit codes: 0 when nothing breaks
/// (or `--allow-breaking`), 1 when something breaks, 2 on usage or read errors.
pub fn run(args: &[String]) -> ExitCode {
    let mut format = Format::Text;
    let mut allow_breaking = false;
    let mut policy_path: Option<Option<PathBuf>> = None;
    let mut sides = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or(name.to_string())
        };
        match flag {
            "--json" if inline.is_none() => format = Format::Json,
            "--allow-breaking" if inline.is_none() => allow_breaking = true,
            "--no-policy" if inline.is_none() => policy_path = Some(None),
            "--format" => {
                format = match value("--format").as_deref() {
                    Ok("text") => Format::Text,
                    Ok("markdown") => Format::Markdown,
                    Ok("github") => Format::Github,
                    Ok("json") => Format::Json,
                    Ok(other) => return usage(&format!("unknown format `{other}`")),
                    Err(_) => return usage("--format needs a value"),
                }
            }
            "--policy" => match value("--policy") {
                Ok(path) => policy_path = Some(Some(PathBuf::from(path))),
                Err(_) => return usage("--policy needs a file"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with("--") => return usage(&format!("unknown option `{arg}`")),
            side => sides.push(side.to_string()),
        }
    }
    let [old_arg, new_arg] = &sides[..] else {
        return usage(&format!("expected two specs, got {}", sides.len()));
    };
    let (old, new) = match (load_text(old_arg), load_text(new_arg)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let policy = match policy_path {
        Some(None) => Policy::default(),
        Some(Some(path)) => match Policy::load(&path) {
            Ok(policy) => policy,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
        None => {
            let default = crate::workspace_root().join(DEFAULT_PATH);
            if default.is_file() {
                match Policy::load(&default) {
                    Ok(policy) => policy,
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                }
            } else {
                Policy::default()
            }
        }
    };
    let mut changes = diff_specs(&old.spec, &new.spec);
    for stale in policy.apply(&mut changes) {
        eprintln!(
            "diff policy: the accepted `{}` at `{}` matched no breaking change (remove it once the change has shipped)",
            stale.kind, stale.location
        );
    }
    let (old_lines, new_lines) = (Lines::of(&old.text), Lines::of(&new.text));
    let old_side = Side {
        name: old_arg,
        file: &old.file,
        lines: &old_lines,
    };
    let new_side = Side {
        name: new_arg,
        file: &new.file,
        lines: &new_lines,
    };
    match format {
        Format::Text => print!("{}", text_report(old_arg, new_arg, &changes)),
        Format::Markdown => print!("{}", report::markdown(&old_side, &new_side, &changes)),
        Format::Github => print!("{}", report::github(&new_side, &changes)),
        Format::Json => println!("{}", report::json(&old_side, &new_side, &changes)),
    }
    if changes.iter().any(|c| c.fails()) && !allow_breaking {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n{USAGE}");
    ExitCode::from(2)
}

/// One side of a diff: the spec, its text (for line numbers) and the file annotations name.
pub struct Loaded {
    /// The parsed spec.
    pub spec: Spec,
    /// Its text.
    pub text: String,
    /// The path annotations use: the file as given, or the path of `rev:path`.
    pub file: String,
}

/// Loads one side: a file if it exists, otherwise `rev:path` through `git show` in the
/// workspace root.
pub fn load_side(arg: &str) -> Result<Spec, String> {
    load_text(arg).map(|loaded| loaded.spec)
}

/// Loads one side with its text.
pub fn load_text(arg: &str) -> Result<Loaded, String> {
    if Path::new(arg).is_file() {
        let text = std::fs::read_to_string(arg).map_err(|e| format!("{arg}: {e}"))?;
        let spec = Spec::from_yaml_str(&text, arg)?;
        return Ok(Loaded {
            spec,
            text,
            file: arg.to_string(),
        });
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
    let spec = Spec::from_yaml_str(&text, arg)?;
    Ok(Loaded {
        spec,
        text,
        file: path.to_string(),
    })
}
