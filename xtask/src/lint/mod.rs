//! `cargo xtask lint`: rules the spec must follow so that the SDK generates, reads well and
//! documents every field, and so that its examples are true.
//!
//! Each rule is listed, with why it exists, in `xtask/README.md`.

mod examples;
mod generators;
mod operations;
mod walk;

use std::fmt;
use std::path::Path;

use gu1_kyc_spec::Spec;
use serde_json::Value;

/// One thing wrong with the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The spec file.
    pub file: String,
    /// Where: an operation (`GET /path (operationId)`), a component, or a JSON pointer.
    pub location: String,
    /// The rule's identifier, as listed in `xtask/README.md`.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {} [{}]\n    fix: {}",
            self.file, self.location, self.message, self.rule, self.fix
        )
    }
}

/// The outcome of linting one spec.
#[derive(Debug, Clone, Default)]
pub struct LintReport {
    /// Everything wrong, in document order per rule family.
    pub findings: Vec<Finding>,
    /// How many operations were checked.
    pub operations: usize,
    /// How many component schemas were checked.
    pub schemas: usize,
    /// How many examples were validated against their schemas.
    pub examples: usize,
}

impl LintReport {
    /// The one-line summary `cargo xtask lint` ends with.
    pub fn summary(&self) -> String {
        if self.findings.is_empty() {
            format!(
                "spec lint: ok ({} operations, {} schemas, {} examples checked)",
                self.operations, self.schemas, self.examples
            )
        } else {
            format!("spec lint: {} findings", self.findings.len())
        }
    }
}

/// Lints the spec at `path`; a file that cannot be read or parsed is itself a finding.
pub fn lint_file(path: &Path) -> Vec<Finding> {
    lint_path(path).findings
}

/// Lints the spec at `path` and returns the findings with what was checked.
pub fn lint_path(path: &Path) -> LintReport {
    match Spec::from_path(path) {
        Ok(spec) => lint_spec(&spec),
        Err(message) => LintReport {
            findings: vec![Finding {
                file: path.display().to_string(),
                location: "(document)".to_string(),
                rule: "readable",
                message,
                fix: "write the spec as an OpenAPI 3.0.3 YAML document at this path".to_string(),
            }],
            ..LintReport::default()
        },
    }
}

/// Lints a loaded spec.
pub fn lint_spec(spec: &Spec) -> LintReport {
    let mut lint = Lint {
        spec,
        findings: Vec::new(),
    };
    lint.check_version();
    let operations = operations::check(&mut lint);
    walk::check_descriptions(&mut lint);
    generators::check(&mut lint);
    let examples = examples::check(&mut lint);
    let schemas = spec
        .raw
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map_or(0, |s| s.len());
    LintReport {
        findings: lint.findings,
        operations,
        schemas,
        examples,
    }
}

/// The state shared by the rule families.
pub(crate) struct Lint<'a> {
    spec: &'a Spec,
    findings: Vec<Finding>,
}

impl<'a> Lint<'a> {
    fn raw(&self) -> &'a Value {
        &self.spec.raw
    }

    fn report(&mut self, location: &str, rule: &'static str, message: String, fix: &str) {
        self.findings.push(Finding {
            file: self.spec.source.clone(),
            location: location.to_string(),
            rule,
            message,
            fix: fix.to_string(),
        });
    }

    fn check_version(&mut self) {
        let version = self.raw().get("openapi").and_then(Value::as_str);
        if !version.is_some_and(|v| v.starts_with("3.0.")) {
            self.report(
                "openapi",
                "openapi-3.0",
                format!("`openapi` is {version:?}, the code generator accepts only 3.0.x"),
                "set `openapi: 3.0.3`",
            );
        }
        if let Err(error) = &self.spec.typed {
            let error = error.clone();
            self.report(
                "(document)",
                "openapiv3-parse",
                error,
                "make the document valid OpenAPI 3.0 (the code generator parses it with openapiv3)",
            );
        }
    }
}

/// A non-empty string value of `key`.
fn has_text(node: &Value, key: &str) -> bool {
    node.get(key)
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests;
