//! `cargo xtask check`: the spec, its decisions file, the generated-code snapshot and the SDK's
//! hand-written layer still agree.

use std::path::Path;

use gu1_kyc_spec::{Spec, resolve_pointer};

use crate::codegen::{SNAPSHOT, cargo, generated_file};

/// The decisions file whose `Spec:` lines must name things the spec has.
pub const DECISIONS: &str = "openapi/DECISIONS.md";

/// Names in `DECISIONS.md`'s `Spec:` lines that the spec no longer has.
pub fn stale_decisions(spec: &Spec, decisions: &str) -> Vec<String> {
    let operation_ids: Vec<&str> = spec
        .operations()
        .filter_map(|op| op.operation_id())
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
                operation_ids.contains(&name) || spec.raw.get(name).is_some()
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
    // The hand-written types against the schemas they replace are checked by the SDK's own drift
    // tests (they need the SDK's types).
    let drift = cargo()
        .current_dir(root)
        .args([
            "test",
            "--quiet",
            "--package",
            "gu1-kyc",
            "--test",
            "it",
            "spec_drift::",
        ])
        .status();
    match drift {
        Ok(status) if status.success() => {}
        Ok(_) => problems.push(
            "the SDK drifted from the spec (see the failing test above): fix the hand-written type or the spec, or run `cargo xtask codegen`".to_owned(),
        ),
        Err(e) => problems.push(format!("could not run cargo test: {e}")),
    }
    problems
}
