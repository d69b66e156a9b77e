//! Workspace automation for the gu1-kyc SDK.
//!
//! The binary (`cargo xtask <command>`) dispatches to these modules; the library target exists
//! only so that this crate's own tests can reach them. Nothing else in the workspace depends on
//! the xtask: what the sandbox's and the SDK's tests share with it (loading and walking the spec,
//! JSON Schema validation) lives in the `gu1-kyc-spec` crate.
//!
//! - [`lint`] checks the spec against the rules the SDK's code generator and reviewers rely on.
//! - [`diff`] compares two versions of the spec and classifies each change for SDK users.
//! - [`codegen`] refreshes the committed snapshot of the generated client.
//! - [`check`] fails when the spec, the decisions file, the snapshot or the SDK drifted apart.
//! - [`bench`](mod@bench) runs every measurement of `BENCHMARKS.md` and prints one table.
//! - [`test_runner`] runs the workspace's tests after installing the headless browser they need.

pub mod bench;
pub mod check;
pub mod codegen;
pub mod diff;
pub mod lint;
pub mod services;
pub mod test_runner;

pub use gu1_kyc_spec::{DEFAULT_SPEC, workspace_root};
