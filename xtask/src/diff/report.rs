//! The reports of `cargo xtask diff` besides text: a Markdown changelog section for a pull
//! request (`--format markdown`), GitHub workflow annotations on the spec's lines
//! (`--format github`) and the stable JSON array (`--format json`, documented in
//! `xtask/README.md`).

use serde_json::{Value, json};

use super::Change;
use super::lines::Lines;

/// One side of a diff as the reports name it.
pub struct Side<'a> {
    /// As given on the command line (`main:openapi/gu1-kyc.yaml`, a file).
    pub name: &'a str,
    /// The file annotations point at (the path inside the repository for `rev:path`).
    pub file: &'a str,
    /// The lines of its text.
    pub lines: &'a Lines,
}

impl Side<'_> {
    fn line(&self, pointer: Option<&str>) -> Option<usize> {
        pointer.and_then(|p| self.lines.line(p))
    }
}

/// The line of the new spec a change is about (for a removal, the line of what held it).
pub fn new_line(new: &Side<'_>, change: &Change) -> Option<usize> {
    new.line(change.new_pointer.as_deref())
        .or_else(|| new.line(change.old_pointer.as_deref()))
}

/// The location without the operation it starts with (`200 .decision.status`).
fn place(change: &Change) -> &str {
    change
        .location
        .strip_prefix(change.operation.as_str())
        .map(str::trim_start)
        .filter(|rest| !rest.is_empty())
        .unwrap_or("(the operation)")
}

/// What the change does to an SDK user: the change's own detail, then the kind's reason.
fn consequence(change: &Change) -> String {
    let why = change.kind.why();
    if why.is_empty() || change.detail.contains(why) {
        change.detail.clone()
    } else {
        format!("{}; {why}", change.detail)
    }
}

/// The Markdown report: a changelog section a reviewer pastes into a pull request, breaking
/// changes first (what each breaks for an SDK user, the Rust SDK method and type it touches,
/// and its line in the new spec), then those the policy accepts, then compatible ones.
pub fn markdown(old: &Side<'_>, new: &Side<'_>, changes: &[Change]) -> String {
    let failing: Vec<&Change> = changes.iter().filter(|c| c.fails()).collect();
    let allowed: Vec<&Change> = changes
        .iter()
        .filter(|c| c.is_breaking() && !c.fails())
        .collect();
    let compatible: Vec<&Change> = changes.iter().filter(|c| !c.is_breaking()).collect();
    let mut out = format!(
        "## API contract changes\n\n`{}` → `{}`: ",
        old.name, new.name
    );
    if changes.is_empty() {
        out.push_str("no changes that affect SDK users.\n");
        return out;
    }
    out.push_str(&format!(
        "**{} breaking**, {} accepted by the diff policy, {} compatible.\n",
        failing.len(),
        allowed.len(),
        compatible.len()
    ));
    let sections: [(&str, &[&Change]); 3] = [
        ("Breaking changes", &failing),
        ("Breaking changes accepted by the diff policy", &allowed),
        ("Compatible changes", &compatible),
    ];
    for (title, list) in sections {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {title} ({})\n\n", list.len()));
        for change in list {
            out.push_str(&markdown_entry(new, change));
        }
    }
    out
}

fn markdown_entry(new: &Side<'_>, change: &Change) -> String {
    let id = change
        .operation_id
        .as_deref()
        .map_or_else(String::new, |id| format!("**`{id}`** "));
    let line = new_line(new, change)
        .map_or_else(String::new, |line| format!(" (`{}` line {line})", new.file));
    let mut out = format!(
        "- {id}`{}`: `{}` at `{}`{line}\n",
        change.operation,
        change.kind,
        place(change)
    );
    let verb = if change.is_breaking() {
        "Breaks"
    } else {
        "Effect"
    };
    out.push_str(&format!("  - {verb}: {}\n", md_text(&consequence(change))));
    if !change.sdk.is_empty() {
        let touched: Vec<String> = change.sdk.iter().map(|s| format!("`{s}`")).collect();
        out.push_str(&format!("  - Rust SDK: {}\n", touched.join(", ")));
    }
    if let Some(reason) = &change.allowed {
        out.push_str(&format!("  - Accepted: {}\n", md_text(reason)));
    }
    if let Some(reason) = &change.overridden {
        out.push_str(&format!(
            "  - Classed {} by the diff policy: {}\n",
            change.classification,
            md_text(reason)
        ));
    }
    out
}

/// Text safe in a Markdown list item: no line breaks, no HTML.
fn md_text(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('<', "&lt;")
}

/// GitHub workflow annotations, one per change, on the line of the new spec: `error` for a
/// breaking change, `warning` for one the policy accepts, `notice` for a compatible one; then a
/// summary line.
pub fn github(new: &Side<'_>, changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let level = if change.fails() {
            "error"
        } else if change.is_breaking() {
            "warning"
        } else {
            "notice"
        };
        let mut properties = format!("file={}", escape_property(new.file));
        if let Some(line) = new_line(new, change) {
            properties.push_str(&format!(",line={line}"));
        }
        let title = match &change.operation_id {
            Some(id) => format!("{} {} ({id})", change.classification, change.kind),
            None => format!("{} {}", change.classification, change.kind),
        };
        properties.push_str(&format!(",title={}", escape_property(&title)));
        let mut message = format!("{}: {}", change.location, consequence(change));
        if !change.sdk.is_empty() {
            message.push_str(&format!(". Rust SDK: {}", change.sdk.join(", ")));
        }
        if let Some(reason) = &change.allowed {
            message.push_str(&format!(". Accepted by the diff policy: {reason}"));
        }
        out.push_str(&format!(
            "::{level} {properties}::{}\n",
            escape_data(&message)
        ));
    }
    let failing = changes.iter().filter(|c| c.fails()).count();
    let allowed = changes.iter().filter(|c| c.is_breaking()).count() - failing;
    out.push_str(&format!(
        "spec diff: {} changes: {failing} breaking, {allowed} accepted, {} compatible\n",
        changes.len(),
        changes.len() - failing - allowed
    ));
    out
}

/// Escapes an annotation's message (GitHub's workflow command syntax).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes an annotation property's value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The JSON report: an array with one object per change. The first four fields are those of
/// the original format; the rest were added after it, and fields are only ever added.
pub fn json(old: &Side<'_>, new: &Side<'_>, changes: &[Change]) -> String {
    let list: Vec<Value> = changes
        .iter()
        .map(|change| {
            json!({
                "kind": change.kind,
                "classification": change.classification,
                "location": change.location,
                "detail": change.detail,
                "operation": change.operation,
                "operationId": change.operation_id,
                "line": new_line(new, change),
                "oldLine": old.line(change.old_pointer.as_deref()),
                "sdk": change.sdk,
                "fails": change.fails(),
                "allowed": change.allowed,
                "overridden": change.overridden,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string())
}
