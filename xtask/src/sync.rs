//! `codegen` and `check`: keep the spec, the generated client and the hand-written layer in step.
//!
//! The generator's settings live only in the SDK's `build.rs`; `codegen` builds the SDK and copies
//! what `build.rs` wrote, so the snapshot is exactly what the crate compiles.

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use serde_json::Value;

use crate::schema::{Spec, resolve_pointer};

/// Where the reviewable snapshot of the generated client lives, relative to the workspace root.
pub const SNAPSHOT: &str = "openapi/generated/codegen.rs";
/// The decisions file whose `Spec:` lines must name things the spec has.
pub const DECISIONS: &str = "openapi/DECISIONS.md";

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// Builds the SDK and returns the path of the `codegen.rs` its build script wrote.
///
/// # Errors
///
/// The build's failure, or the absence of the build script's output.
pub fn generated_file(root: &Path) -> Result<PathBuf, String> {
    let output = cargo()
        .current_dir(root)
        .args([
            "build",
            "--package",
            "gu1-kyc",
            "--message-format=json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !output.status.success() {
        return Err("building gu1-kyc failed (see above)".to_owned());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|msg| msg["reason"] == "build-script-executed")
        .filter(|msg| {
            msg["package_id"]
                .as_str()
                .is_some_and(|id| id.contains("gu1-kyc@") || id.contains("#gu1-kyc"))
        })
        .filter_map(|msg| {
            msg["out_dir"]
                .as_str()
                .map(|dir| PathBuf::from(dir).join("codegen.rs"))
        })
        .next()
        .ok_or_else(|| "cargo reported no build-script output for gu1-kyc".to_owned())
}

/// Refreshes the committed snapshot; returns whether it changed.
///
/// # Errors
///
/// A failed build or an unwritable snapshot.
pub fn codegen(root: &Path) -> Result<bool, String> {
    let fresh = std::fs::read_to_string(generated_file(root)?)
        .map_err(|e| format!("cannot read the generated code: {e}"))?;
    let target = root.join(SNAPSHOT);
    let old = std::fs::read_to_string(&target).unwrap_or_default();
    if old == fresh {
        return Ok(false);
    }
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&target, fresh).map_err(|e| format!("cannot write {SNAPSHOT}: {e}"))?;
    Ok(true)
}

/// Names in `DECISIONS.md`'s `Spec:` lines that the spec no longer has.
pub fn stale_decisions(spec: &Spec, decisions: &str) -> Vec<String> {
    let operation_ids: Vec<String> = spec.raw["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_owned))
        .collect();
    let mut stale = Vec::new();
    for (number, line) in decisions.lines().enumerate() {
        let Some(names) = line.strip_prefix("Spec:") else {
            continue;
        };
        for name in names.split('`').skip(1).step_by(2) {
            let known = if name.starts_with("#/") {
                resolve_pointer(&spec.raw, name).is_some()
            } else if name.starts_with('/') {
                spec.raw["paths"].get(name).is_some()
            } else {
                operation_ids.iter().any(|id| id == name) || spec.raw.get(name).is_some()
            };
            if !known {
                stale.push(format!(
                    "{DECISIONS}:{}: `{name}` is not in the spec",
                    number + 1
                ));
            }
        }
    }
    stale
}

/// Runs every check; returns the problems found, each with its fix.
pub fn check(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let spec_path = root.join(crate::DEFAULT_SPEC);
    let report = crate::lint::lint_path(&spec_path);
    problems.extend(report.findings.iter().map(|f| format!("spec lint: {f}")));
    match Spec::from_path(&spec_path) {
        Ok(spec) => match std::fs::read_to_string(root.join(DECISIONS)) {
            Ok(text) => problems.extend(
                stale_decisions(&spec, &text)
                    .into_iter()
                    .map(|p| format!("{p}; update the decision or the spec")),
            ),
            Err(e) => problems.push(format!("cannot read {DECISIONS}: {e}")),
        },
        Err(e) => problems.push(format!("cannot load the spec: {e}")),
    }
    match generated_file(root)
        .and_then(|path| std::fs::read_to_string(path).map_err(|e| e.to_string()))
    {
        Ok(fresh) => {
            if std::fs::read_to_string(root.join(SNAPSHOT)).unwrap_or_default() != fresh {
                problems.push(format!(
                    "{SNAPSHOT} is stale: run `cargo xtask codegen` and commit it"
                ));
            }
        }
        Err(e) => problems.push(e),
    }
    // The hand-written types against the schemas they replace, and the reachability of every
    // operation, are checked by the SDK's own drift tests (they need the SDK's types).
    let drift = cargo()
        .current_dir(root)
        .args([
            "test",
            "--quiet",
            "--package",
            "gu1-kyc",
            "--test",
            "spec_drift",
        ])
        .status();
    match drift {
        Ok(status) if status.success() => {}
        Ok(_) => problems.push(
            "the SDK drifted from the spec (see the failing test above): fix the hand-written type, add the missing public method, or run `cargo xtask codegen`".to_owned(),
        ),
        Err(e) => problems.push(format!("could not run cargo test: {e}")),
    }
    problems
}
