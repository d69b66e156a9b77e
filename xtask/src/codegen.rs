//! `cargo xtask codegen`: the committed snapshot of the generated client.
//!
//! The generator's settings live only in the SDK's `build.rs`; `codegen` builds the SDK and copies
//! what `build.rs` wrote, so the snapshot is exactly what the crate compiles.

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use serde_json::Value;

/// Where the reviewable snapshot of the generated client lives, relative to the workspace root.
pub const SNAPSHOT: &str = "openapi/generated/codegen.rs";
/// `$CARGO` (the cargo that runs the xtask), or `cargo` from the PATH.
pub(crate) fn cargo() -> Command {
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
