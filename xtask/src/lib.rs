//! Workspace automation for the gu1-kyc SDK.
//!
//! The binary (`cargo xtask <command>`) dispatches to these modules; the library exists so that
//! tests in this workspace, and the sandbox's contract tests, can reuse the same logic:
//!
//! - [`schema`] loads the OpenAPI document and turns any of its schemas into a JSON Schema
//!   validator, and finds the schema that documents a given response.
//! - [`lint`] checks the spec against the rules the SDK's code generator and reviewers rely on.
//! - [`diff`] compares two versions of the spec and classifies each change for SDK users.

pub mod diff;
pub mod lint;
pub mod schema;
pub mod sync;

use std::path::PathBuf;

/// The workspace root: the parent of the `xtask` crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The spec that the SDK is generated from, relative to [`workspace_root`].
pub const DEFAULT_SPEC: &str = "openapi/gu1-kyc.yaml";
