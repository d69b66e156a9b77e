//! Spec diff.
pub mod cli;
