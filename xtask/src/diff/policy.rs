//! The project's diff policy: per-kind class overrides and an allow-list of accepted breaking
//! changes, each with its reason, from a checked-in YAML file (`openapi/diff-policy.yaml` by
//! default; the format is in `xtask/README.md`).

use std::path::Path;

use serde::Deserialize;

use super::{Change, ChangeKind, Classification};

/// The policy file `cargo xtask diff` reads when no `--policy` is given (if it exists).
pub const DEFAULT_PATH: &str = "openapi/diff-policy.yaml";

/// Overrides and allowed changes, checked when read: every kind exists, every entry has a
/// reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Kinds classed otherwise in this project.
    pub overrides: Vec<Override>,
    /// Breaking changes accepted on purpose.
    pub allow: Vec<Allow>,
}

/// Classes every change of one kind as `class`, for `reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The kind.
    pub kind: ChangeKind,
    /// Its class in this project.
    pub class: Classification,
    /// Why.
    pub reason: String,
}

/// Accepts the breaking changes of one kind at one location (exactly, or every location that
/// starts with the text before a final `*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The kind.
    pub kind: ChangeKind,
    /// The location, as reports print it; a final `*` matches any rest.
    pub location: String,
    /// Why the change is accepted.
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    overrides: Vec<OverrideEntry>,
    #[serde(default)]
    allow: Vec<AllowEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideEntry {
    kind: String,
    class: String,
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowEntry {
    kind: String,
    location: String,
    reason: Option<String>,
}

impl Policy {
    /// Reads and checks a policy file.
    pub fn load(path: &Path) -> Result<Policy, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the diff policy: {e}", path.display()))?;
        Policy::parse(&text, &path.display().to_string())
    }

    /// Parses and checks a policy; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Policy, String> {
        if text.trim().is_empty() {
            return Ok(Policy::default());
        }
        let file: File = serde_yaml_ng::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        let kind = |name: &str, at: &str| {
            ChangeKind::from_name(name)
                .ok_or_else(|| format!("{source}: {at}: unknown change kind `{name}`"))
        };
        let reason = |reason: Option<String>, at: &str| match reason {
            Some(reason) if !reason.trim().is_empty() => Ok(reason.trim().to_string()),
            _ => Err(format!("{source}: {at}: every entry needs a `reason`")),
        };
        let mut policy = Policy::default();
        for (i, entry) in file.overrides.into_iter().enumerate() {
            let at = format!("overrides[{i}]");
            let class = match entry.class.as_str() {
                "breaking" => Classification::Breaking,
                "compatible" => Classification::Compatible,
                other => {
                    return Err(format!(
                        "{source}: {at}: class `{other}` is neither `breaking` nor `compatible`"
                    ));
                }
            };
            let kind = kind(&entry.kind, &at)?;
            if policy.overrides.iter().any(|o| o.kind == kind) {
                return Err(format!("{source}: {at}: `{kind}` is overridden twice"));
            }
            policy.overrides.push(Override {
                kind,
                class,
                reason: reason(entry.reason, &at)?,
            });
        }
        for (i, entry) in file.allow.into_iter().enumerate() {
            let at = format!("allow[{i}]");
            if entry.location.trim().is_empty() {
                return Err(format!("{source}: {at}: `location` is empty"));
            }
            policy.allow.push(Allow {
                kind: kind(&entry.kind, &at)?,
                location: entry.location,
                reason: reason(entry.reason, &at)?,
            });
        }
        Ok(policy)
    }

    /// Applies the overrides, then the allow-list, to `changes`; returns the allow entries that
    /// matched no breaking change (stale entries to remove).
    pub fn apply(&self, changes: &mut [Change]) -> Vec<&Allow> {
        for change in changes.iter_mut() {
            if let Some(o) = self.overrides.iter().find(|o| o.kind == change.kind)
                && o.class != change.classification
            {
                change.classification = o.class;
                change.overridden = Some(o.reason.clone());
            }
        }
        let mut used = vec![false; self.allow.len()];
        for change in changes.iter_mut().filter(|c| c.is_breaking()) {
            if let Some(i) = self.allow.iter().position(|a| a.matches(change)) {
                used[i] = true;
                change.allowed = Some(self.allow[i].reason.clone());
            }
        }
        self.allow
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(allow, _)| allow)
            .collect()
    }
}

impl Allow {
    fn matches(&self, change: &Change) -> bool {
        self.kind == change.kind
            && match self.location.strip_suffix('*') {
                Some(prefix) => change.location.starts_with(prefix),
                None => change.location == self.location,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: ChangeKind, location: &str) -> Change {
        Change {
            kind,
            classification: kind.class().classify(false),
            location: location.to_string(),
            detail: String::new(),
            operation: String::new(),
            old_pointer: None,
            new_pointer: None,
            operation_id: None,
            sdk: Vec::new(),
            overridden: None,
            allowed: None,
        }
    }

    const POLICY: &str = r#"
overrides:
  - kind: error-status-removed
    class: breaking
    reason: Our users match on statuses.
allow:
  - kind: response-property-removed
    location: "GET /a 200 .old"
    reason: Never sent by the server.
  - kind: parameter-removed
    location: "GET /b parameter *"
    reason: The old filters were ignored.
  - kind: operation-removed
    location: "DELETE /gone"
    reason: Stale.
"#;

    #[test]
    fn overrides_reclass_and_the_allow_list_accepts_by_location() {
        let policy = Policy::parse(POLICY, "p.yaml").unwrap();
        let mut changes = vec![
            change(ChangeKind::ErrorStatusRemoved, "GET /a 404"),
            change(ChangeKind::ResponsePropertyRemoved, "GET /a 200 .old"),
            change(ChangeKind::ResponsePropertyRemoved, "GET /a 200 .other"),
            change(ChangeKind::ParameterRemoved, "GET /b parameter query.q"),
        ];
        let stale = policy.apply(&mut changes);
        assert_eq!(changes[0].classification, Classification::Breaking);
        assert_eq!(
            changes[0].overridden.as_deref(),
            Some("Our users match on statuses.")
        );
        assert!(changes[0].fails(), "an override to breaking fails the run");
        assert_eq!(
            changes[1].allowed.as_deref(),
            Some("Never sent by the server.")
        );
        assert!(changes[1].is_breaking() && !changes[1].fails());
        assert!(changes[2].fails(), "another location is not allowed");
        assert!(!changes[3].fails(), "a final * matches the rest");
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].location, "DELETE /gone");
    }

    #[test]
    fn a_bad_policy_is_refused_with_its_place() {
        for (text, expected) in [
            (
                "overrides:\n  - {kind: nope, class: breaking, reason: x}\n",
                "overrides[0]: unknown change kind `nope`",
            ),
            (
                "overrides:\n  - {kind: operation-added, class: maybe, reason: x}\n",
                "class `maybe`",
            ),
            (
                "allow:\n  - {kind: operation-removed, location: GET /a}\n",
                "allow[0]: every entry needs a `reason`",
            ),
            (
                "allow:\n  - {kind: operation-removed, location: GET /a, reason: \" \"}\n",
                "needs a `reason`",
            ),
            (
                "allow:\n  - {kind: operation-removed, location: '', reason: x}\n",
                "`location` is empty",
            ),
            (
                "overrides:\n  - {kind: operation-added, class: breaking, reason: x}\n  - {kind: operation-added, class: compatible, reason: y}\n",
                "overridden twice",
            ),
            ("alow: []\n", "unknown field"),
        ] {
            let error = Policy::parse(text, "p.yaml").unwrap_err();
            assert!(
                error.starts_with("p.yaml: ") && error.contains(expected),
                "{text}: {error}"
            );
        }
        assert_eq!(Policy::parse("  \n", "p.yaml").unwrap(), Policy::default());
    }

    #[test]
    fn the_checked_in_policy_reads() {
        let path = crate::workspace_root().join(DEFAULT_PATH);
        let policy = Policy::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(policy.allow.iter().all(|a| !a.reason.is_empty()));
    }
}
