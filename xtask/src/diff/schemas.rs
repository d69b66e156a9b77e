//! Recursive schema comparison for one side of an operation (parameter, request, response).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Changes;
use super::Classification::{self, *};
use super::shape::{MAX_DEPTH, View, enum_info, object_shape, type_name, view};

/// Which way data flows, which decides whether narrowing or widening breaks clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// A parameter the client sends.
    Parameter,
    /// A request body the client sends.
    Request,
    /// A response body the client decodes.
    Response,
}

impl Side {
    /// Prefix of kinds about a value itself (type, nullability, properties).
    fn value_prefix(self) -> &'static str {
        match self {
            Side::Parameter => "parameter",
            Side::Request => "request-property",
            Side::Response => "response-property",
        }
    }

    /// Prefix of kinds about enums, limits and defaults.
    fn prefix(self) -> &'static str {
        match self {
            Side::Parameter => "parameter",
            Side::Request => "request",
            Side::Response => "response",
        }
    }

    fn sends(self) -> bool {
        self != Side::Response
    }
}

/// Compares two schemas of one side, pushing changes.
pub(crate) struct Walker<'a> {
    old: &'a Value,
    new: &'a Value,
    side: Side,
    changes: &'a mut Changes,
    /// `(old $ref, new $ref)` pairs being compared above the current node.
    stack: Vec<(String, String)>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(
        old: &'a Value,
        new: &'a Value,
        side: Side,
        changes: &'a mut Changes,
    ) -> Self {
        Walker {
            old,
            new,
            side,
            changes,
            stack: Vec::new(),
        }
    }

    /// Compares the schemas at the root of a parameter or body; `base` is its location.
    pub(crate) fn compare_root(&mut self, old: &Value, new: &Value, base: &str) {
        self.compare(old, new, base, "");
    }

    fn push(
        &mut self,
        kind: &str,
        classification: Classification,
        base: &str,
        path: &str,
        detail: String,
    ) {
        let location = if path.is_empty() {
            base.to_string()
        } else {
            format!("{base} {path}")
        };
        self.changes.push(kind, classification, &location, detail);
    }

    fn compare(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let (o, n) = (view(self.old, old), view(self.new, new));
        let pair = (
            o.reference.clone().unwrap_or_default(),
            n.reference.clone().unwrap_or_default(),
        );
        let cyclic = (o.reference.is_some() || n.reference.is_some()) && self.stack.contains(&pair);
        if cyclic {
            return;
        }
        self.stack.push(pair);
        self.compare_views(&o, &n, base, path);
        self.stack.pop();
    }

    fn compare_views(&mut self, o: &View<'_>, n: &View<'_>, base: &str, path: &str) {
        let (side, vp, p) = (self.side, self.side.value_prefix(), self.side.prefix());
        let (old_type, new_type) = (type_name(self.old, o.schema), type_name(self.new, n.schema));
        if old_type != new_type && old_type != "any" && new_type != "any" {
            self.push(
                &format!("{vp}-type-changed"),
                Breaking,
                base,
                path,
                format!("{old_type} -> {new_type}"),
            );
            return;
        }
        match (o.nullable, n.nullable) {
            (false, true) => {
                let class = if side.sends() { Compatible } else { Breaking };
                self.push(
                    &format!("{vp}-made-nullable"),
                    class,
                    base,
                    path,
                    "may now be null".into(),
                );
            }
            (true, false) => {
                let class = if side.sends() { Breaking } else { Compatible };
                self.push(
                    &format!("{vp}-made-non-nullable"),
                    class,
                    base,
                    path,
                    "may no longer be null".into(),
                );
            }
            _ => {}
        }
        if side.sends() && o.default != n.default {
            let show = |d: Option<&Value>| d.map_or_else(|| "(none)".to_string(), Value::to_string);
            self.push(
                &format!("{p}-default-changed"),
                Breaking,
                base,
                path,
                format!(
                    "{} -> {}: calls that omit it behave differently",
                    show(o.default),
                    show(n.default)
                ),
            );
        }
        self.enums(o.schema, n.schema, base, path);
        if side.sends() {
            self.limits(o.schema, n.schema, base, path);
        }
        self.properties(o.schema, n.schema, base, path);
        if let (Some(oi), Some(ni)) = (o.schema.get("items"), n.schema.get("items")) {
            self.compare(oi, ni, base, &format!("{path}[]"));
        }
        let extra = (
            o.schema
                .get("additionalProperties")
                .filter(|s| s.is_object()),
            n.schema
                .get("additionalProperties")
                .filter(|s| s.is_object()),
        );
        if let (Some(oa), Some(na)) = extra {
            self.compare(oa, na, base, &format!("{path}.*"));
        }
        if enum_info(self.old, o.schema).is_none() {
            self.variants(o.schema, n.schema, base, path);
        }
    }

    fn enums(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let p = self.side.prefix();
        let (Some((old_values, old_open)), Some((new_values, new_open))) =
            (enum_info(self.old, old), enum_info(self.new, new))
        else {
            return;
        };
        let sends = self.side.sends();
        for value in new_values.difference(&old_values) {
            let class = if sends || new_open {
                Compatible
            } else {
                Breaking
            };
            let why = if sends {
                ""
            } else if new_open {
                " (the enum is open)"
            } else {
                " (the enum is closed: clients fail to decode it)"
            };
            self.push(
                &format!("{p}-enum-value-added"),
                class,
                base,
                path,
                format!("{value}{why}"),
            );
        }
        for value in old_values.difference(&new_values) {
            let class = if sends { Breaking } else { Compatible };
            self.push(
                &format!("{p}-enum-value-removed"),
                class,
                base,
                path,
                value.clone(),
            );
        }
        match (old_open, new_open) {
            (false, true) => self.push(
                &format!("{p}-enum-opened"),
                Compatible,
                base,
                path,
                "now accepts values not listed".into(),
            ),
            (true, false) => {
                let class = if sends { Breaking } else { Compatible };
                self.push(
                    &format!("{p}-enum-closed"),
                    class,
                    base,
                    path,
                    "only the listed values remain".into(),
                );
            }
            _ => {}
        }
    }

    fn limits(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let p = self.side.prefix();
        // (keyword, true when a larger value is tighter)
        let bounds = [
            ("minimum", true),
            ("minLength", true),
            ("minItems", true),
            ("minProperties", true),
            ("maximum", false),
            ("maxLength", false),
            ("maxItems", false),
            ("maxProperties", false),
        ];
        for (keyword, larger_is_tighter) in bounds {
            let (o, n) = (
                old.get(keyword).and_then(Value::as_f64),
                new.get(keyword).and_then(Value::as_f64),
            );
            let tightened = match (o, n) {
                (None, Some(_)) => Some(true),
                (Some(_), None) => Some(false),
                (Some(a), Some(b)) if a != b => Some((b > a) == larger_is_tighter),
                _ => None,
            };
            if let Some(tightened) = tightened {
                let show =
                    |v: Option<f64>| v.map_or_else(|| "(none)".to_string(), |v| v.to_string());
                self.limit(
                    p,
                    tightened,
                    base,
                    path,
                    format!("{keyword} {} -> {}", show(o), show(n)),
                );
            }
        }
        for keyword in [
            "pattern",
            "multipleOf",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "uniqueItems",
        ] {
            let (o, n) = (
                old.get(keyword).filter(|v| **v != Value::Bool(false)),
                new.get(keyword).filter(|v| **v != Value::Bool(false)),
            );
            if o != n {
                let show =
                    |v: Option<&Value>| v.map_or_else(|| "(none)".to_string(), Value::to_string);
                self.limit(
                    p,
                    n.is_some(),
                    base,
                    path,
                    format!("{keyword} {} -> {}", show(o), show(n)),
                );
            }
        }
    }

    fn limit(&mut self, prefix: &str, tightened: bool, base: &str, path: &str, detail: String) {
        if tightened {
            self.push(
                &format!("{prefix}-constraint-tightened"),
                Breaking,
                base,
                path,
                format!("{detail}: values accepted before may be rejected"),
            );
        } else {
            self.push(
                &format!("{prefix}-constraint-loosened"),
                Compatible,
                base,
                path,
                detail,
            );
        }
    }

    fn properties(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let (old_props, old_required) = object_shape(self.old, old, 0);
        let (new_props, new_required) = object_shape(self.new, new, 0);
        let names: BTreeSet<&String> = old_props.keys().chain(new_props.keys()).collect();
        let sends = self.side.sends();
        let vp = self.side.value_prefix();
        for name in names {
            let at = format!("{path}.{name}");
            let (was_required, is_required) =
                (old_required.contains(name), new_required.contains(name));
            match (old_props.get(name), new_props.get(name)) {
                (Some(_), None) => {
                    let detail = if sends {
                        "clients that send it are rejected or ignored"
                    } else {
                        "clients that read it lose it"
                    };
                    self.push(&format!("{vp}-removed"), Breaking, base, &at, detail.into());
                }
                (None, Some(_)) if sends && is_required => {
                    self.push(
                        &format!("{vp}-added-required"),
                        Breaking,
                        base,
                        &at,
                        "existing calls do not send it".into(),
                    );
                }
                (None, Some(_)) if sends => {
                    self.push(
                        &format!("{vp}-added-optional"),
                        Compatible,
                        base,
                        &at,
                        "new optional input".into(),
                    );
                }
                (None, Some(_)) => {
                    self.push(
                        &format!("{vp}-added"),
                        Compatible,
                        base,
                        &at,
                        "new field".into(),
                    );
                }
                (Some(o), Some(n)) => {
                    match (was_required, is_required, sends) {
                        (false, true, true) => self.push(
                            &format!("{vp}-made-required"),
                            Breaking,
                            base,
                            &at,
                            "optional -> required".into(),
                        ),
                        (true, false, true) => self.push(
                            &format!("{vp}-made-optional"),
                            Compatible,
                            base,
                            &at,
                            "required -> optional".into(),
                        ),
                        (true, false, false) => self.push(
                            &format!("{vp}-made-optional"),
                            Breaking,
                            base,
                            &at,
                            "may now be absent".into(),
                        ),
                        (false, true, false) => self.push(
                            &format!("{vp}-made-required"),
                            Compatible,
                            base,
                            &at,
                            "now always present".into(),
                        ),
                        _ => {}
                    }
                    self.compare(o, n, base, &at);
                }
                (None, None) => {}
            }
        }
    }

    fn variants(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let p = self.side.prefix();
        let sends = self.side.sends();
        for keyword in ["oneOf", "anyOf"] {
            let (old_members, new_members) = (members(old, keyword), members(new, keyword));
            if old_members.is_empty() && new_members.is_empty() {
                continue;
            }
            for key in old_members.keys().filter(|k| !new_members.contains_key(*k)) {
                let class = if sends { Breaking } else { Compatible };
                self.push(
                    &format!("{p}-variant-removed"),
                    class,
                    base,
                    path,
                    format!("{keyword} member {key}"),
                );
            }
            for key in new_members.keys().filter(|k| !old_members.contains_key(*k)) {
                let class = if sends { Compatible } else { Breaking };
                self.push(
                    &format!("{p}-variant-added"),
                    class,
                    base,
                    path,
                    format!("{keyword} member {key}"),
                );
            }
            for (key, o) in &old_members {
                if let Some(n) = new_members.get(key) {
                    self.compare(o, n, base, &format!("{path}({keyword} {key})"));
                }
            }
        }
    }
}

/// Members of a `oneOf`/`anyOf`, keyed by their `$ref` or `#<index>` when inline.
fn members<'a>(schema: &'a Value, keyword: &str) -> BTreeMap<String, &'a Value> {
    schema
        .get(keyword)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, m)| {
            let key = m.get("$ref").and_then(Value::as_str).map_or_else(
                || format!("#{i}"),
                |r| r.rsplit('/').next().unwrap_or(r).to_string(),
            );
            (key, m)
        })
        .collect()
}
