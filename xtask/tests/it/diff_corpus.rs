//! Runs every case under `tests/diff_corpus/<case>/`: `old.yaml` diffed against `new.yaml` must
//! give exactly the changes in `expected.json` (kind, classification, location, and detail where
//! the expected entry has one).

use std::path::{Path, PathBuf};

use gu1_kyc_spec::Spec;
use serde_json::{Value, json};
use xtask::diff::lines::Lines;
use xtask::diff::policy::Policy;
use xtask::diff::report::{self, Side};
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

/// One corpus case's sides as the reports see them.
struct Case {
    old_text: String,
    new_text: String,
    old_lines: Lines,
    new_lines: Lines,
    changes: Vec<Change>,
}

impl Case {
    /// The two sides, the new one named `new_file` in annotations.
    fn sides<'a>(&'a self, new_file: &'a str) -> (Side<'a>, Side<'a>) {
        let old = Side {
            name: "old",
            file: "old.yaml",
            lines: &self.old_lines,
        };
        let new = Side {
            name: "new",
            file: new_file,
            lines: &self.new_lines,
        };
        (old, new)
    }
}

fn case(name: &str) -> Case {
    let dir = corpus().join(name);
    let old_text = std::fs::read_to_string(dir.join("old.yaml")).unwrap();
    let new_text = std::fs::read_to_string(dir.join("new.yaml")).unwrap();
    let changes = diff_specs(
        &Spec::from_yaml_str(&old_text, "old.yaml").unwrap(),
        &Spec::from_yaml_str(&new_text, "new.yaml").unwrap(),
    );
    Case {
        old_lines: Lines::of(&old_text),
        new_lines: Lines::of(&new_text),
        old_text,
        new_text,
        changes,
    }
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_case_with_changes_reports_its_breaking_ones_in_every_format() {
    let case = case("parameter_removed");
    let (old, new) = case.sides("specs/new.yaml");
    let changes = &case.changes;

    let text = xtask::diff::text_report("old", "new", changes);
    assert!(
        text.contains("\nGET /things/{id}\n  breaking    parameter-removed\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 changes: 1 breaking, 0 compatible\n"),
        "{text}"
    );

    // The parameter is gone: the change points at the operation that held it.
    let get_line = 1 + case
        .new_text
        .lines()
        .position(|l| l.trim() == "get:")
        .expect("the new spec has the operation");
    let json: Value = serde_json::from_str(&report::json(&old, &new, changes)).unwrap();
    assert_eq!(
        json,
        json!([{
            "kind": "parameter-removed",
            "classification": "breaking",
            "location": "GET /things/{id} parameter query.expand",
            "detail": "clients that send it get an error or are ignored",
            "operation": "GET /things/{id}",
            "operationId": "getThing",
            "line": get_line,
            "oldLine": 1 + case.old_text.lines().position(|l| l.contains("name: expand")).unwrap(),
            "sdk": [],
            "fails": true,
            "allowed": null,
            "overridden": null,
        }])
    );

    let markdown = report::markdown(&old, &new, changes);
    assert_eq!(
        markdown,
        format!(
            "## API contract changes\n\n`old` → `new`: **1 breaking**, 0 accepted by the diff policy, 0 compatible.\n\n\
             ### Breaking changes (1)\n\n\
             - **`getThing`** `GET /things/{{id}}`: `parameter-removed` at `parameter query.expand` (`specs/new.yaml` line {get_line})\n\
             \x20 - Breaks: clients that send it get an error or are ignored; calls that set it break\n"
        )
    );

    let github = report::github(&new, changes);
    assert_eq!(
        github,
        format!(
            "::error file=specs/new.yaml,line={get_line},title=breaking parameter-removed (getThing)::\
             GET /things/{{id}} parameter query.expand: clients that send it get an error or are ignored; calls that set it break\n\
             spec diff: 1 changes: 1 breaking, 0 accepted, 0 compatible\n"
        )
    );
}

#[test]
fn every_corpus_change_has_its_line_in_the_new_spec_and_a_place_in_each_report() {
    let mut checked = 0;
    for name in case_names() {
        let case = case(&name);
        let (old, new) = case.sides("new.yaml");
        let text: Vec<&str> = case.new_text.lines().collect();
        for change in &case.changes {
            let pointer = change.new_pointer.as_deref().unwrap_or_else(|| {
                panic!(
                    "{name}: {} at {} has no place in the new spec",
                    change.kind, change.location
                )
            });
            assert!(
                case.new_lines.has(pointer),
                "{name}: {pointer} is not a node of new.yaml"
            );
            let line = report::new_line(&new, change).expect("a line");
            // The line holds the node's key (a sequence item or a flow mapping may start
            // earlier on the same line as its parent's key).
            let key = pointer
                .rsplit('/')
                .next()
                .unwrap()
                .replace("~1", "/")
                .replace("~0", "~");
            if key.parse::<usize>().is_err() && key != "#" {
                assert!(
                    text[line - 1].contains(key.as_str()),
                    "{name}: line {line} `{}` does not hold `{key}` ({pointer})",
                    text[line - 1]
                );
            }
            checked += 1;
        }
        let markdown = report::markdown(&old, &new, &case.changes);
        let github = report::github(&new, &case.changes);
        assert_eq!(
            github.lines().filter(|l| l.starts_with("::")).count(),
            case.changes.len(),
            "{name}: one annotation per change\n{github}"
        );
        for change in &case.changes {
            let entry = format!("`{}` at ", change.kind);
            assert!(
                markdown.contains(&entry),
                "{name}: {entry} missing\n{markdown}"
            );
            let level = if change.is_breaking() {
                "::error "
            } else {
                "::notice "
            };
            assert!(
                github
                    .lines()
                    .any(|l| l.starts_with(level) && l.contains(change.kind.name())),
                "{name}: no {level} for {}\n{github}",
                change.kind
            );
        }
        let (breaking, compatible) = (
            markdown.find("### Breaking changes ("),
            markdown.find("### Compatible changes ("),
        );
        if let (Some(b), Some(c)) = (breaking, compatible) {
            assert!(b < c, "{name}: breaking changes come first\n{markdown}");
        }
        assert_eq!(
            breaking.is_some(),
            case.changes.iter().any(Change::is_breaking),
            "{name}"
        );
        assert_eq!(
            compatible.is_some(),
            case.changes.iter().any(|c| !c.is_breaking()),
            "{name}"
        );
    }
    assert!(checked >= 50, "only {checked} changes checked");
}

#[test]
fn the_policy_accepts_a_breaking_change_in_every_format() {
    let mut case = case("parameter_removed");
    let policy = Policy::parse(
        "allow:\n  - kind: parameter-removed\n    location: \"GET /things/{id} parameter *\"\n    reason: Nobody sent it.\n",
        "policy.yaml",
    )
    .unwrap();
    assert!(policy.apply(&mut case.changes).is_empty());
    let (old, new) = case.sides("new.yaml");
    assert!(!case.changes[0].fails());
    let markdown = report::markdown(&old, &new, &case.changes);
    assert!(
        markdown.contains("**0 breaking**, 1 accepted by the diff policy"),
        "{markdown}"
    );
    assert!(
        markdown.contains("### Breaking changes accepted by the diff policy (1)"),
        "{markdown}"
    );
    assert!(
        markdown.contains("  - Accepted: Nobody sent it.\n"),
        "{markdown}"
    );
    let github = report::github(&new, &case.changes);
    assert!(github.starts_with("::warning file=new.yaml,"), "{github}");
    assert!(
        github.contains("Accepted by the diff policy: Nobody sent it."),
        "{github}"
    );
    let json: Value = serde_json::from_str(&report::json(&old, &new, &case.changes)).unwrap();
    assert_eq!(json[0]["allowed"], "Nobody sent it.");
    assert_eq!(json[0]["fails"], false);
}

#[test]
fn the_real_spec_diffed_against_itself_reports_nothing() {
    let path = xtask::workspace_root().join(xtask::DEFAULT_SPEC);
    assert!(path.is_file(), "{} does not exist", path.display());
    let spec = load(&path);
    let changes = diff_specs(&spec, &spec);
    assert_eq!(changes, vec![]);
}

#[test]
fn server_changes_are_reported_once_on_the_servers_line_in_every_format() {
    let case = case("server_url_changed");
    let (old, new) = case.sides("new.yaml");
    let changes = &case.changes;
    let line = 1 + case
        .new_text
        .lines()
        .position(|l| l.contains("url: https://api.example.com/v2"))
        .expect("the new server");
    let json: Value = serde_json::from_str(&report::json(&old, &new, changes)).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json[0]["operation"], "(servers)");
    assert_eq!(json[0]["operationId"], Value::Null);
    assert_eq!(json[0]["line"], line);
    assert_eq!(json[0]["sdk"], json!([]));

    let text = xtask::diff::text_report("old", "new", changes);
    assert!(
        text.contains("\n(servers)\n  breaking    server-url-changed\n"),
        "{text}"
    );
    let markdown = report::markdown(&old, &new, changes);
    assert!(
        markdown.contains(&format!(
            "- `(servers)`: `server-url-changed` at `https://api.example.com/v1` (`new.yaml` line {line})\n"
        )),
        "{markdown}"
    );
    assert!(
        markdown.contains("clients configured with the documented base URL call the wrong place"),
        "{markdown}"
    );
    let github = report::github(&new, changes);
    assert!(
        github.starts_with(&format!(
            "::error file=new.yaml,line={line},title=breaking server-url-changed::(servers) https"
        )),
        "{github}"
    );
}

#[test]
fn webhook_changes_name_the_webhook_and_its_operation_id() {
    let case = case("webhook_payload_closed_enum_value_added");
    let (old, new) = case.sides("new.yaml");
    let json: Value = serde_json::from_str(&report::json(&old, &new, &case.changes)).unwrap();
    assert_eq!(json[0]["operation"], "webhook thingChanged (POST)");
    assert_eq!(json[0]["operationId"], "thingChanged");
    let markdown = report::markdown(&old, &new, &case.changes);
    assert!(
        markdown.contains(
            "- **`thingChanged`** `webhook thingChanged (POST)`: `response-enum-value-added` at `request body .type`"
        ),
        "{markdown}"
    );
}

/// The real spec, edited as JSON (which is YAML) and loaded again.
fn real_spec_edited(edit: impl FnOnce(&mut Value)) -> (Spec, Spec) {
    let path = xtask::workspace_root().join(xtask::DEFAULT_SPEC);
    let old = load(&path);
    let mut raw = old.raw.clone();
    edit(&mut raw);
    let new = Spec::from_yaml_str(&raw.to_string(), "edited.yaml").unwrap();
    (old, new)
}

#[test]
fn dropping_the_real_spec_s_bearer_only_alternative_breaks_every_secured_operation() {
    // The spec accepts `bearerAuth` with or without `organizationId`; without the bearer-only
    // alternative, the organization header becomes mandatory.
    let (old, new) = real_spec_edited(|raw| {
        let alternatives = raw["security"]
            .as_array_mut()
            .expect("a top-level security");
        assert_eq!(alternatives.len(), 2, "{alternatives:?}");
        alternatives.pop();
    });
    let changes = diff_specs(&old, &new);
    let secured = new
        .operations()
        .filter(|op| op.node().get("security").is_none())
        .count();
    assert!(
        secured >= 10,
        "only {secured} operations use the global security"
    );
    assert_eq!(changes.len(), secured, "{changes:#?}");
    for change in &changes {
        assert_eq!(change.kind.name(), "security-alternative-removed");
        assert!(change.is_breaking());
        assert!(
            change
                .detail
                .contains("bearerAuth (HTTP bearer) alone are refused")
                && change.detail.contains("organizationId"),
            "{}",
            change.detail
        );
    }
}

#[test]
fn the_real_spec_s_webhook_payload_is_compared_as_a_response() {
    let (old, new) = real_spec_edited(|raw| {
        let event = &mut raw["components"]["schemas"]["KycWebhookEvent"];
        let properties = event["properties"].as_object_mut().expect("properties");
        assert!(properties.remove("timestamp").is_some());
        event["required"] = json!(["event"]);
    });
    let changes = diff_specs(&old, &new);
    let found: Vec<(String, String, String)> = changes
        .iter()
        .map(|c| {
            (
                c.kind.name().to_string(),
                c.location.clone(),
                c.operation_id.clone().unwrap_or_default(),
            )
        })
        .collect();
    let at = "webhook kycValidationEvent (POST) request body (anyOf KycWebhookEvent)";
    assert_eq!(
        found,
        [
            (
                "response-property-made-optional".to_string(),
                format!("{at}.payload"),
                "kycValidationEvent".to_string()
            ),
            (
                "response-property-removed".to_string(),
                format!("{at}.timestamp"),
                "kycValidationEvent".to_string()
            ),
        ]
    );
    assert!(changes.iter().all(Change::is_breaking));
}
