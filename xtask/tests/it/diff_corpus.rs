//! Runs every case under `tests/diff_corpus/<case>/`: `old.yaml` diffed against `new.yaml` must
//! give exactly the changes in `expected.json` (kind, classification, location, and detail where
//! the expected entry has one).

use std::path::{Path, PathBuf};

use gu1_kyc_spec::Spec;
use serde_json::{Value, json};
use xtask::diff::{Change, diff_specs};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_corpus")
}

fn load(path: &Path) -> Spec {
    Spec::from_path(path).unwrap_or_else(|e| panic!("{e}"))
}

/// A change as the expected file writes it, keeping `detail` only if the expected entry has it.
fn entry(change: &Change, with_detail: bool) -> Value {
    let mut value = json!({
        "kind": change.kind,
        "classification": change.classification,
        "location": change.location,
    });
    if with_detail {
        value["detail"] = json!(change.detail);
    }
    value
}

fn sorted(mut list: Vec<Value>) -> Vec<Value> {
    list.sort_by_key(|v| v.to_string());
    list
}

/// Runs one case; returns a description of the mismatch, if any.
fn run_case(dir: &Path) -> Option<String> {
    let old = load(&dir.join("old.yaml"));
    let new = load(&dir.join("new.yaml"));
    let text =
        std::fs::read_to_string(dir.join("expected.json")).expect("expected.json is readable");
    let expected: Vec<Value> = serde_json::from_str(&text).expect("expected.json is a JSON array");
    let with_detail = expected.iter().any(|e| e.get("detail").is_some());
    let actual: Vec<Value> = diff_specs(&old, &new)
        .iter()
        .map(|c| entry(c, with_detail))
        .collect();
    let (expected, actual) = (sorted(expected), sorted(actual));
    (expected != actual).then(|| {
        format!(
            "expected:\n{}\nactual:\n{}",
            serde_json::to_string_pretty(&expected).unwrap_or_default(),
            serde_json::to_string_pretty(&actual).unwrap_or_default()
        )
    })
}

#[test]
fn every_corpus_case_reports_exactly_its_expected_changes() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("tests/diff_corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 25, "only {} corpus cases", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        assert!(
            dir.join("expected.json").is_file(),
            "case {name} has no expected.json"
        );
        if let Some(mismatch) = run_case(dir) {
            failures.push(format!("case {name}:\n{mismatch}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_case_with_changes_reports_its_breaking_ones_in_both_reports() {
    let dir = corpus().join("parameter_removed");
    let changes = diff_specs(&load(&dir.join("old.yaml")), &load(&dir.join("new.yaml")));
    let text = xtask::diff::text_report("old", "new", &changes);
    assert!(
        text.contains("\nGET /things/{id}\n  breaking    parameter-removed\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 changes: 1 breaking, 0 compatible\n"),
        "{text}"
    );
    let json: Value = serde_json::from_str(&xtask::diff::json_report(&changes)).unwrap();
    assert_eq!(
        json,
        json!([{
            "kind": "parameter-removed",
            "classification": "breaking",
            "location": "GET /things/{id} parameter query.expand",
            "detail": "clients that send it get an error or are ignored"
        }])
    );
}

#[test]
fn the_real_spec_diffed_against_itself_reports_nothing() {
    let path = xtask::workspace_root().join(xtask::DEFAULT_SPEC);
    assert!(path.is_file(), "{} does not exist", path.display());
    let spec = load(&path);
    let changes = diff_specs(&spec, &spec);
    assert_eq!(changes, vec![]);
}
