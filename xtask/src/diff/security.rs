//! Security requirements, compared per operation: which credentials a call must carry.
//!
//! The requirement in effect for an operation is its own `security` when it has one, else the
//! document's. Each alternative of a requirement is a set of schemes presented together (an
//! empty alternative, or no requirement at all, lets anonymous calls in). Schemes are compared
//! by what a client puts on the wire (an API key's place and name, an HTTP scheme, OAuth flows
//! and their URLs, scopes), so renaming a scheme in `components/securitySchemes` is not a
//! change and redefining one under the same name is.
//!
//! A client built from the old spec authenticates with one old alternative. The change breaks it
//! when no new alternative accepts those credentials: a requirement where there was none, an
//! alternative dropped (or needing another scheme with it), a scheme redefined, a scope added.

use std::collections::BTreeSet;

use gu1_kyc_spec::{escape_pointer_token, follow_refs};
use serde_json::Value;

use super::ChangeKind::*;
use super::Changes;

/// One scheme of an alternative, with the scopes the requirement asks for.
#[derive(Debug, Clone)]
struct Credential<'v> {
    /// The scheme's name in its document.
    name: &'v str,
    /// What a client sends for it, normalized for comparison (header names lower-cased).
    wire: String,
    /// The same, as the document writes it, for messages.
    shown: String,
    /// Its definition in `components/securitySchemes`, when there is one.
    definition: Option<&'v Value>,
    /// The OAuth or OpenID Connect scopes required.
    scopes: BTreeSet<&'v str>,
}

/// One way to authenticate: the schemes presented together; empty for an anonymous call.
type Alternative<'v> = Vec<Credential<'v>>;

/// The requirement in effect for an operation, and the node it comes from: the operation's
/// `security`, the document's, or the operation itself when neither exists.
struct Requirement<'v> {
    alternatives: Vec<Alternative<'v>>,
    node: &'v Value,
}

impl<'v> Requirement<'v> {
    fn of(raw: &'v Value, operation: &'v Value) -> Self {
        let written = operation.get("security").or_else(|| raw.get("security"));
        let mut alternatives: Vec<Alternative<'v>> = written
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|alternative| {
                alternative
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, scopes)| credential(raw, name, scopes))
                    .collect()
            })
            .collect();
        if alternatives.is_empty() {
            // No requirement (or `security: []`): anonymous calls are accepted.
            alternatives.push(Vec::new());
        }
        Requirement {
            alternatives,
            node: written.unwrap_or(operation),
        }
    }

    /// Whether anonymous calls are accepted.
    fn anonymous(&self) -> bool {
        self.alternatives.iter().any(Vec::is_empty)
    }

    /// Every alternative, for messages: `bearer (HTTP bearer) or apiKey (...)`.
    fn describe(&self) -> String {
        let list: Vec<String> = self.alternatives.iter().map(describe).collect();
        list.join(" or ")
    }
}

fn credential<'v>(raw: &'v Value, name: &'v str, scopes: &'v Value) -> Credential<'v> {
    let definition = raw
        .pointer(&format!(
            "/components/securitySchemes/{}",
            escape_pointer_token(name)
        ))
        .and_then(|node| follow_refs(raw, node))
        .map(|(node, _)| node);
    let (wire, shown) = match definition {
        Some(definition) => wire(definition),
        None => {
            let undefined = format!("undefined scheme `{name}`");
            (undefined.clone(), undefined)
        }
    };
    Credential {
        name,
        wire,
        shown,
        definition,
        scopes: scopes
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect(),
    }
}

/// What a client sends for a scheme: normalized for comparison, and as written.
fn wire(scheme: &Value) -> (String, String) {
    let field = |key: &str| scheme.get(key).and_then(Value::as_str).unwrap_or("?");
    match field("type") {
        "apiKey" => {
            let (place, name) = (field("in"), field("name"));
            let shown = format!("API key in {place} `{name}`");
            let name = if place == "header" {
                name.to_ascii_lowercase()
            } else {
                name.to_string()
            };
            (format!("API key in {place} `{name}`"), shown)
        }
        "http" => {
            let shown = format!("HTTP {}", field("scheme"));
            (shown.to_ascii_lowercase(), shown)
        }
        "oauth2" => {
            let flows: Vec<String> = scheme
                .get("flows")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(flow, urls)| {
                    let url = |key: &str| urls.get(key).and_then(Value::as_str);
                    let urls: Vec<&str> = [url("authorizationUrl"), url("tokenUrl")]
                        .into_iter()
                        .flatten()
                        .collect();
                    format!("{flow} {}", urls.join(" "))
                })
                .collect();
            let shown = format!("OAuth2 {}", flows.join("; "));
            (shown.clone(), shown)
        }
        "openIdConnect" => {
            let shown = format!("OpenID Connect {}", field("openIdConnectUrl"));
            (shown.clone(), shown)
        }
        other => {
            let shown = format!("{other} scheme");
            (shown.clone(), shown)
        }
    }
}

/// `bearer (HTTP bearer) + orgId (API key in header X-Org)`, scopes in brackets; `no
/// credentials` for an anonymous alternative.
fn describe(alternative: &Alternative<'_>) -> String {
    if alternative.is_empty() {
        return "no credentials".to_string();
    }
    let parts: Vec<String> = alternative
        .iter()
        .map(|c| {
            let scopes: Vec<&str> = c.scopes.iter().copied().collect();
            if scopes.is_empty() {
                format!("{} ({})", c.name, c.shown)
            } else {
                format!("{} ({}) [{}]", c.name, c.shown, scopes.join(", "))
            }
        })
        .collect();
    parts.join(" + ")
}

fn wires<'a>(alternative: &'a Alternative<'_>) -> BTreeSet<&'a str> {
    alternative.iter().map(|c| c.wire.as_str()).collect()
}

fn names<'a>(alternative: &'a Alternative<'_>) -> BTreeSet<&'a str> {
    alternative.iter().map(|c| c.name).collect()
}

/// Whether credentials made for `have` are accepted by `needed`: each scheme it needs is among
/// them, with at least the scopes it needs.
fn satisfies(have: &Alternative<'_>, needed: &Alternative<'_>) -> bool {
    needed.iter().all(|n| {
        have.iter()
            .any(|h| h.wire == n.wire && n.scopes.is_subset(&h.scopes))
    })
}

/// Scopes `to` asks for and `from` did not, per scheme: `oauth: documents:read`.
fn scopes_added(from: &Alternative<'_>, to: &Alternative<'_>) -> Vec<String> {
    to.iter()
        .filter_map(|t| {
            let before = from.iter().find(|f| f.wire == t.wire)?;
            let added: Vec<&str> = t.scopes.difference(&before.scopes).copied().collect();
            (!added.is_empty()).then(|| format!("{}: {}", t.name, added.join(", ")))
        })
        .collect()
}

/// Compares the requirements in effect for one operation, `label`, in two documents.
pub(super) fn diff(
    changes: &mut Changes<'_>,
    label: &str,
    (old_raw, new_raw): (&Value, &Value),
    (old_operation, new_operation): (&Value, &Value),
) {
    let old = Requirement::of(old_raw, old_operation);
    let new = Requirement::of(new_raw, new_operation);
    let location = format!("{label} security");
    let nodes = (Some(old.node), Some(new.node));
    match (old.anonymous(), new.anonymous()) {
        (true, false) => changes.push(
            SecurityAdded,
            &location,
            format!(
                "calls without credentials are now refused (401); it requires {}",
                new.describe()
            ),
            nodes,
        ),
        (false, true) => changes.push(
            SecurityRemoved,
            &location,
            "calls no longer need credentials".into(),
            nodes,
        ),
        _ => {}
    }
    // A scheme the operation uses under the same name in both documents, defined otherwise:
    // whatever else still admits the call, what clients send for it is no longer understood.
    let mut redefined: BTreeSet<&str> = BTreeSet::new();
    for before in old.alternatives.iter().flatten() {
        let after = new
            .alternatives
            .iter()
            .flatten()
            .find(|after| after.name == before.name && after.wire != before.wire);
        if let Some(after) = after
            && redefined.insert(before.name)
        {
            changes.push(
                SecuritySchemeChanged,
                &location,
                format!(
                    "`{}`: {} -> {}: credentials sent the old way are refused or ignored",
                    before.name, before.shown, after.shown
                ),
                (
                    before.definition.or(Some(old.node)),
                    after.definition.or(Some(new.node)),
                ),
            );
        }
    }
    for have in old.alternatives.iter().filter(|a| !a.is_empty()) {
        let accepted = new.alternatives.iter().any(|n| satisfies(have, n));
        let same_schemes = new.alternatives.iter().find(|n| wires(n) == wires(have));
        if let Some(same) = same_schemes {
            let removed = scopes_added(same, have);
            if !removed.is_empty() {
                changes.push(
                    SecurityScopeRemoved,
                    &location,
                    format!("tokens no longer need {}", removed.join("; ")),
                    nodes,
                );
            }
            if !accepted {
                changes.push(
                    SecurityScopeAdded,
                    &location,
                    format!(
                        "tokens now also need {}; tokens granted only the old scopes are refused (403)",
                        scopes_added(have, same).join("; ")
                    ),
                    nodes,
                );
            }
            continue;
        }
        let explained = have.iter().any(|h| redefined.contains(h.name))
            && new.alternatives.iter().any(|n| names(n) == names(have));
        if accepted || explained {
            continue;
        }
        let wider = new
            .alternatives
            .iter()
            .find(|n| wires(have).is_subset(&wires(n)));
        let detail = match wider {
            Some(wider) => {
                let extra: Alternative<'_> = wider
                    .iter()
                    .filter(|c| !have.iter().any(|h| h.wire == c.wire))
                    .cloned()
                    .collect();
                format!(
                    "clients authenticating with {} alone are refused (401): every call now also needs {}",
                    describe(have),
                    describe(&extra)
                )
            }
            None => format!(
                "clients authenticating with {} are refused (401); it now accepts {}",
                describe(have),
                new.describe()
            ),
        };
        changes.push(SecurityAlternativeRemoved, &location, detail, nodes);
    }
    if old.alternatives.iter().all(Vec::is_empty) {
        // The requirement is new: `security-added` already says what it asks for.
        return;
    }
    for offered in new.alternatives.iter().filter(|a| !a.is_empty()) {
        let known = old.alternatives.iter().any(|o| {
            !o.is_empty() && (wires(o).is_subset(&wires(offered)) || names(o) == names(offered))
        });
        if !known {
            changes.push(
                SecurityAlternativeAdded,
                &location,
                format!("clients may also authenticate with {}", describe(offered)),
                nodes,
            );
        }
    }
}
