//! Recursive schema comparison for one side of an operation (parameter, request, response).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::ChangeKind::{self, *};
use super::shape::{MAX_DEPTH, View, enum_info, object_shape, type_name, view};
use super::{Changes, Nodes};

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

/// The kinds of change a side reports; each kind carries its class, so choosing the kind by side
/// is what decides whether narrowing or widening breaks. `None` where a side has no such change:
/// the SDK neither sends a response's default nor enforces a response's limits.
struct SideKinds {
    type_changed: ChangeKind,
    made_nullable: ChangeKind,
    made_non_nullable: ChangeKind,
    default_changed: Option<ChangeKind>,
    enum_value_added: ChangeKind,
    enum_value_removed: ChangeKind,
    enum_opened: ChangeKind,
    enum_closed: ChangeKind,
    constraint_tightened: Option<ChangeKind>,
    constraint_loosened: Option<ChangeKind>,
    removed: ChangeKind,
    /// A new property (optional, for the sending sides).
    added: ChangeKind,
    /// A new required property, which only matters to sending sides.
    added_required: Option<ChangeKind>,
    made_required: ChangeKind,
    made_optional: ChangeKind,
    variant_added: ChangeKind,
    variant_removed: ChangeKind,
}

const PARAMETER: SideKinds = SideKinds {
    type_changed: ParameterTypeChanged,
    made_nullable: ParameterMadeNullable,
    made_non_nullable: ParameterMadeNonNullable,
    default_changed: Some(ParameterDefaultChanged),
    enum_value_added: ParameterEnumValueAdded,
    enum_value_removed: ParameterEnumValueRemoved,
    enum_opened: ParameterEnumOpened,
    enum_closed: ParameterEnumClosed,
    constraint_tightened: Some(ParameterConstraintTightened),
    constraint_loosened: Some(ParameterConstraintLoosened),
    removed: ParameterRemoved,
    added: ParameterAddedOptional,
    added_required: Some(ParameterAddedRequired),
    made_required: ParameterMadeRequired,
    made_optional: ParameterMadeOptional,
    variant_added: ParameterVariantAdded,
    variant_removed: ParameterVariantRemoved,
};

const REQUEST: SideKinds = SideKinds {
    type_changed: RequestPropertyTypeChanged,
    made_nullable: RequestPropertyMadeNullable,
    made_non_nullable: RequestPropertyMadeNonNullable,
    default_changed: Some(RequestDefaultChanged),
    enum_value_added: RequestEnumValueAdded,
    enum_value_removed: RequestEnumValueRemoved,
    enum_opened: RequestEnumOpened,
    enum_closed: RequestEnumClosed,
    constraint_tightened: Some(RequestConstraintTightened),
    constraint_loosened: Some(RequestConstraintLoosened),
    removed: RequestPropertyRemoved,
    added: RequestPropertyAddedOptional,
    added_required: Some(RequestPropertyAddedRequired),
    made_required: RequestPropertyMadeRequired,
    made_optional: RequestPropertyMadeOptional,
    variant_added: RequestVariantAdded,
    variant_removed: RequestVariantRemoved,
};

const RESPONSE: SideKinds = SideKinds {
    type_changed: ResponsePropertyTypeChanged,
    made_nullable: ResponsePropertyMadeNullable,
    made_non_nullable: ResponsePropertyMadeNonNullable,
    default_changed: None,
    enum_value_added: ResponseEnumValueAdded,
    enum_value_removed: ResponseEnumValueRemoved,
    enum_opened: ResponseEnumOpened,
    enum_closed: ResponseEnumClosed,
    constraint_tightened: None,
    constraint_loosened: None,
    removed: ResponsePropertyRemoved,
    added: ResponsePropertyAdded,
    added_required: None,
    made_required: ResponsePropertyMadeRequired,
    made_optional: ResponsePropertyMadeOptional,
    variant_added: ResponseVariantAdded,
    variant_removed: ResponseVariantRemoved,
};

impl Side {
    fn kinds(self) -> &'static SideKinds {
        match self {
            Side::Parameter => &PARAMETER,
            Side::Request => &REQUEST,
            Side::Response => &RESPONSE,
        }
    }

    fn sends(self) -> bool {
        self != Side::Response
    }
}

/// Compares two schemas of one side, pushing changes.
pub(crate) struct Walker<'a, 'p> {
    old: &'a Value,
    new: &'a Value,
    side: Side,
    changes: &'a mut Changes<'p>,
    /// `(old $ref, new $ref)` pairs being compared above the current node.
    stack: Vec<(String, String)>,
}

impl<'a, 'p> Walker<'a, 'p> {
    pub(crate) fn new(
        old: &'a Value,
        new: &'a Value,
        side: Side,
        changes: &'a mut Changes<'p>,
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

    fn push(&mut self, kind: ChangeKind, base: &str, path: &str, detail: String, nodes: Nodes) {
        self.push_for_enum(kind, false, base, path, detail, nodes);
    }

    fn push_for_enum(
        &mut self,
        kind: ChangeKind,
        enum_open: bool,
        base: &str,
        path: &str,
        detail: String,
        nodes: Nodes,
    ) {
        let location = if path.is_empty() {
            base.to_string()
        } else {
            format!("{base} {path}")
        };
        self.changes
            .push_for_enum(kind, enum_open, &location, detail, nodes);
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
        let kinds = self.side.kinds();
        let nodes = (Some(o.schema), Some(n.schema));
        let (old_type, new_type) = (type_name(self.old, o.schema), type_name(self.new, n.schema));
        if old_type != new_type && old_type != "any" && new_type != "any" {
            self.push(
                kinds.type_changed,
                base,
                path,
                format!("{old_type} -> {new_type}"),
                nodes,
            );
            return;
        }
        match (o.nullable, n.nullable) {
            (false, true) => {
                self.push(
                    kinds.made_nullable,
                    base,
                    path,
                    "may now be null".into(),
                    nodes,
                );
            }
            (true, false) => {
                self.push(
                    kinds.made_non_nullable,
                    base,
                    path,
                    "may no longer be null".into(),
                    nodes,
                );
            }
            _ => {}
        }
        if let Some(kind) = kinds.default_changed
            && o.default != n.default
        {
            let show = |d: Option<&Value>| d.map_or_else(|| "(none)".to_string(), Value::to_string);
            self.push(
                kind,
                base,
                path,
                format!(
                    "{} -> {}: calls that omit it behave differently",
                    show(o.default),
                    show(n.default)
                ),
                nodes,
            );
        }
        self.enums(o.schema, n.schema, base, path);
        self.limits(o.schema, n.schema, base, path);
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
        let kinds = self.side.kinds();
        let (Some((old_values, old_open)), Some((new_values, new_open))) =
            (enum_info(self.old, old), enum_info(self.new, new))
        else {
            return;
        };
        let sends = self.side.sends();
        let nodes = (Some(old), Some(new));
        for value in new_values.difference(&old_values) {
            let why = if sends {
                ""
            } else if new_open {
                " (the enum is open)"
            } else {
                " (the enum is closed: clients fail to decode it)"
            };
            self.push_for_enum(
                kinds.enum_value_added,
                new_open,
                base,
                path,
                format!("{value}{why}"),
                nodes,
            );
        }
        for value in old_values.difference(&new_values) {
            self.push(kinds.enum_value_removed, base, path, value.clone(), nodes);
        }
        match (old_open, new_open) {
            (false, true) => self.push(
                kinds.enum_opened,
                base,
                path,
                "now accepts values not listed".into(),
                nodes,
            ),
            (true, false) => self.push(
                kinds.enum_closed,
                base,
                path,
                "only the listed values remain".into(),
                nodes,
            ),
            _ => {}
        }
    }

    fn limits(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        // A response's limits are not compared: the SDK does not enforce them when decoding, so
        // the response side has no constraint kinds.
        let kinds = self.side.kinds();
        let nodes = (Some(old), Some(new));
        let (Some(tightened_kind), Some(loosened_kind)) =
            (kinds.constraint_tightened, kinds.constraint_loosened)
        else {
            return;
        };
        let limit_kind = |tightened: bool| {
            let kind = if tightened {
                tightened_kind
            } else {
                loosened_kind
            };
            (kind, tightened)
        };
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
                    limit_kind(tightened),
                    base,
                    path,
                    format!("{keyword} {} -> {}", show(o), show(n)),
                    nodes,
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
                    limit_kind(n.is_some()),
                    base,
                    path,
                    format!("{keyword} {} -> {}", show(o), show(n)),
                    nodes,
                );
            }
        }
    }

    fn limit(
        &mut self,
        (kind, tightened): (ChangeKind, bool),
        base: &str,
        path: &str,
        detail: String,
        nodes: Nodes,
    ) {
        let detail = if tightened {
            format!("{detail}: values accepted before may be rejected")
        } else {
            detail
        };
        self.push(kind, base, path, detail, nodes);
    }

    fn properties(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let (old_props, old_required) = object_shape(self.old, old, 0);
        let (new_props, new_required) = object_shape(self.new, new, 0);
        let names: BTreeSet<&String> = old_props.keys().chain(new_props.keys()).collect();
        let sends = self.side.sends();
        let kinds = self.side.kinds();
        for name in names {
            let at = format!("{path}.{name}");
            let (was_required, is_required) =
                (old_required.contains(name), new_required.contains(name));
            match (old_props.get(name), new_props.get(name)) {
                (Some(o), None) => {
                    let detail = if sends {
                        "clients that send it are rejected or ignored"
                    } else {
                        "clients that read it lose it"
                    };
                    self.push(
                        kinds.removed,
                        base,
                        &at,
                        detail.into(),
                        (Some(*o), Some(new)),
                    );
                }
                (None, Some(n)) => {
                    let (kind, detail) = match kinds.added_required {
                        Some(kind) if is_required => (kind, "existing calls do not send it"),
                        _ if sends => (kinds.added, "new optional input"),
                        _ => (kinds.added, "new field"),
                    };
                    self.push(kind, base, &at, detail.into(), (Some(old), Some(*n)));
                }
                (Some(o), Some(n)) => {
                    let detail = match (was_required, is_required, sends) {
                        (false, true, true) => Some((kinds.made_required, "optional -> required")),
                        (true, false, true) => Some((kinds.made_optional, "required -> optional")),
                        (true, false, false) => Some((kinds.made_optional, "may now be absent")),
                        (false, true, false) => Some((kinds.made_required, "now always present")),
                        _ => None,
                    };
                    if let Some((kind, detail)) = detail {
                        self.push(kind, base, &at, detail.into(), (Some(*o), Some(*n)));
                    }
                    self.compare(o, n, base, &at);
                }
                (None, None) => {}
            }
        }
    }

    fn variants(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let kinds = self.side.kinds();
        for keyword in ["oneOf", "anyOf"] {
            let (old_members, new_members) = (members(old, keyword), members(new, keyword));
            if old_members.is_empty() && new_members.is_empty() {
                continue;
            }
            for (key, member) in old_members
                .iter()
                .filter(|(k, _)| !new_members.contains_key(*k))
            {
                self.push(
                    kinds.variant_removed,
                    base,
                    path,
                    format!("{keyword} member {key}"),
                    (Some(*member), Some(new)),
                );
            }
            for (key, member) in new_members
                .iter()
                .filter(|(k, _)| !old_members.contains_key(*k))
            {
                self.push(
                    kinds.variant_added,
                    base,
                    path,
                    format!("{keyword} member {key}"),
                    (Some(old), Some(*member)),
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
