//! Recursive schema comparison for one side of an operation (parameter, request, response).

use std::collections::{BTreeMap, BTreeSet};

use gu1_kyc_spec::follow_refs;
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
    /// A response header the client reads.
    ResponseHeader,
    /// A webhook's payload: the receiver decodes it as a client decodes a response.
    Webhook,
    /// A webhook's header: the receiver reads it as a client reads a response header.
    WebhookHeader,
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
    /// The property became `readOnly` (sending sides) or `writeOnly` (receiving sides): it is
    /// left out of this side from now on.
    made_hidden: ChangeKind,
    /// `additionalProperties` narrowed (sending sides only: a response that narrows sends less).
    extra_narrowed: Option<ChangeKind>,
    /// `additionalProperties` widened; on a receiving side, a schema widened to any value is a
    /// type change instead.
    extra_widened: ChangeKind,
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
    made_hidden: ParameterRemoved,
    extra_narrowed: Some(ParameterConstraintTightened),
    extra_widened: ParameterConstraintLoosened,
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
    made_hidden: RequestPropertyMadeReadOnly,
    extra_narrowed: Some(RequestAdditionalPropertiesRestricted),
    extra_widened: RequestAdditionalPropertiesRelaxed,
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
    made_hidden: ResponsePropertyMadeWriteOnly,
    extra_narrowed: None,
    extra_widened: ResponseAdditionalPropertiesOpened,
};

/// A header is a response value of its own: only its retyping has a kind apart.
const RESPONSE_HEADER: SideKinds = SideKinds {
    type_changed: ResponseHeaderTypeChanged,
    ..RESPONSE
};

impl Side {
    fn kinds(self) -> &'static SideKinds {
        match self {
            Side::Parameter => &PARAMETER,
            Side::Request => &REQUEST,
            Side::Response | Side::Webhook => &RESPONSE,
            Side::ResponseHeader | Side::WebhookHeader => &RESPONSE_HEADER,
        }
    }

    /// Whether the SDK user sends this data (or receives it).
    fn sends(self) -> bool {
        matches!(self, Side::Parameter | Side::Request)
    }

    /// Who reads data of a receiving side, for messages.
    pub(crate) fn reader(self) -> &'static str {
        match self {
            Side::Webhook | Side::WebhookHeader => "receivers",
            _ => "clients",
        }
    }

    /// The keyword that leaves a property out of this side: a `readOnly` property is not sent,
    /// a `writeOnly` one is not received.
    fn hidden_by(self) -> &'static str {
        if self.sends() {
            "readOnly"
        } else {
            "writeOnly"
        }
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
        let lone = lone_union(&old_type, &new_type, o.schema, n.schema);
        if lone.is_none() && old_type != new_type && old_type != "any" && new_type != "any" {
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
        if let Some(keyword) = lone {
            // One side is a union and the other one of its members, e.g. `A` -> `anyOf: [A, B]`.
            let old_members = members_or_whole(self.old, o, keyword);
            let new_members = members_or_whole(self.new, n, keyword);
            self.variants(
                keyword,
                old_members,
                new_members,
                (o.schema, n.schema),
                base,
                path,
            );
            return;
        }
        self.enums(o.schema, n.schema, base, path);
        self.limits(o.schema, n.schema, base, path);
        self.properties(o.schema, n.schema, base, path);
        if let (Some(oi), Some(ni)) = (o.schema.get("items"), n.schema.get("items")) {
            self.compare(oi, ni, base, &format!("{path}[]"));
        }
        if old_type.starts_with("object") || old_type == "any" {
            self.additional_properties(o.schema, n.schema, base, path);
        }
        if enum_info(self.old, o.schema).is_none() {
            for keyword in ["oneOf", "anyOf"] {
                let old_members = members(self.old, o.schema, keyword);
                let new_members = members(self.new, n.schema, keyword);
                self.variants(
                    keyword,
                    old_members,
                    new_members,
                    (o.schema, n.schema),
                    base,
                    path,
                );
            }
        }
    }

    /// Compares what two object schemas say of the properties they do not list: a narrowing
    /// breaks senders, a widening breaks receivers only when values of a known type may now be
    /// of any type.
    fn additional_properties(&mut self, old: &Value, new: &Value, base: &str, path: &str) {
        let (o, n) = (Extra::of(old), Extra::of(new));
        if let (Extra::Values(oa), Extra::Values(na)) = (o, n) {
            self.compare(oa, na, base, &format!("{path}.*"));
            return;
        }
        if o.rank() == n.rank() {
            return;
        }
        let kinds = self.side.kinds();
        let nodes = (
            Some(old.get("additionalProperties").unwrap_or(old)),
            Some(new.get("additionalProperties").unwrap_or(new)),
        );
        let change = format!(
            "additionalProperties {} -> {}",
            o.describe(self.old, old),
            n.describe(self.new, new)
        );
        let reader = self.side.reader();
        if n.rank() < o.rank() {
            let Some(kind) = kinds.extra_narrowed else {
                return;
            };
            let effect = match n {
                Extra::Values(values) => format!(
                    "values of properties not listed must now be {}; calls sending others are rejected",
                    type_name(self.new, view(self.new, values).schema)
                ),
                _ => "calls sending properties not listed are rejected".to_string(),
            };
            self.push(kind, base, path, format!("{change}: {effect}"), nodes);
        } else if self.side.sends() {
            let detail = format!("{change}: the server accepts more");
            self.push(kinds.extra_widened, base, path, detail, nodes);
        } else if let Extra::Values(values) = o {
            let old_values = type_name(self.old, view(self.old, values).schema);
            let detail = format!(
                "values of properties not listed: {old_values} -> any ({change}): {reader} decoding them as {old_values} fail"
            );
            self.push(
                kinds.type_changed,
                base,
                &format!("{path}.*"),
                detail,
                nodes,
            );
        } else {
            let detail =
                format!("{change}: {reader} may get properties not listed, which the SDK ignores");
            self.push(kinds.extra_widened, base, path, detail, nodes);
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
        let reader = self.side.reader();
        for value in new_values.difference(&old_values) {
            let why = if sends {
                String::new()
            } else if new_open {
                " (the enum is open)".to_string()
            } else {
                format!(" (the enum is closed: {reader} fail to decode it)")
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
        let reader = self.side.reader();
        let hidden = self.side.hidden_by();
        for name in names {
            let at = format!("{path}.{name}");
            let (was_required, is_required) =
                (old_required.contains(name), new_required.contains(name));
            let (old_prop, new_prop) = (
                visible(self.old, &old_props, name, hidden),
                visible(self.new, &new_props, name, hidden),
            );
            match (old_prop, new_prop) {
                (Some(o), None) => {
                    if let Some(n) = new_props.get(name) {
                        let detail = if sends {
                            format!("now {hidden}: the server ignores or rejects it in requests")
                        } else {
                            format!("now {hidden}: {reader} no longer get it")
                        };
                        self.push(kinds.made_hidden, base, &at, detail, (Some(o), Some(*n)));
                        continue;
                    }
                    let detail = if sends {
                        "clients that send it are rejected or ignored".to_string()
                    } else {
                        format!("{reader} that read it lose it")
                    };
                    self.push(kinds.removed, base, &at, detail, (Some(o), Some(new)));
                }
                (None, Some(n)) => {
                    let (kind, detail) = match kinds.added_required {
                        Some(kind) if is_required => (kind, "existing calls do not send it"),
                        _ if sends => (kinds.added, "new optional input"),
                        _ => (kinds.added, "new field"),
                    };
                    let detail = match old_props.get(name) {
                        Some(_) => format!("no longer {hidden}: {detail}"),
                        None => detail.to_string(),
                    };
                    let old_node = old_props.get(name).copied().unwrap_or(old);
                    self.push(kind, base, &at, detail, (Some(old_node), Some(n)));
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
                        self.push(kind, base, &at, detail.into(), (Some(o), Some(n)));
                    }
                    self.compare(o, n, base, &at);
                }
                (None, None) => {}
            }
        }
    }

    /// Compares the members of a `oneOf` or `anyOf` (`keyword`), paired by [`pair_members`];
    /// `old` and `new` are the schemas holding them, the places of added and removed members.
    fn variants<'v>(
        &mut self,
        keyword: &str,
        old_members: Vec<Member<'v>>,
        new_members: Vec<Member<'v>>,
        (old, new): (&'v Value, &'v Value),
        base: &str,
        path: &str,
    ) {
        if old_members.is_empty() && new_members.is_empty() {
            return;
        }
        let kinds = self.side.kinds();
        let (pairs, removed, added) = pair_members(self.old, self.new, old_members, new_members);
        for member in removed {
            let detail = format!("{keyword} member {}", member.label);
            self.push(
                kinds.variant_removed,
                base,
                path,
                detail,
                (Some(member.node), Some(new)),
            );
        }
        for member in added {
            let detail = format!("{keyword} member {}", member.label);
            self.push(
                kinds.variant_added,
                base,
                path,
                detail,
                (Some(old), Some(member.node)),
            );
        }
        for (o, n) in pairs {
            self.compare(
                o.node,
                n.node,
                base,
                &format!("{path}({keyword} {})", n.label),
            );
        }
    }
}

/// What an object schema says of the properties it does not list (`additionalProperties`).
#[derive(Clone, Copy)]
enum Extra<'v> {
    /// `false`: none are allowed.
    Closed,
    /// A schema their values match.
    Values(&'v Value),
    /// Absent, `true`, or a schema that only documents them: any are allowed, with any value.
    Open,
}

impl<'v> Extra<'v> {
    fn of(schema: &'v Value) -> Extra<'v> {
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => Extra::Closed,
            Some(values @ Value::Object(map))
                if map.keys().any(|k| !DOCS.contains(&k.as_str())) =>
            {
                Extra::Values(values)
            }
            _ => Extra::Open,
        }
    }

    /// Narrower is lower.
    fn rank(self) -> u8 {
        match self {
            Extra::Closed => 0,
            Extra::Values(_) => 1,
            Extra::Open => 2,
        }
    }

    /// As a detail writes it: `false`, `true`, `(none)` or the values' type.
    fn describe(self, raw: &Value, schema: &Value) -> String {
        match (self, schema.get("additionalProperties")) {
            (Extra::Values(values), _) => {
                format!("{{{}}}", type_name(raw, view(raw, values).schema))
            }
            (_, Some(written)) => written.to_string(),
            (_, None) => "(none)".to_string(),
        }
    }
}

/// The property `name` unless it is hidden from the side (`readOnly` when sending, `writeOnly`
/// when receiving): a hidden property is compared as absent, its `required` included.
fn visible<'v>(
    raw: &Value,
    props: &BTreeMap<String, &'v Value>,
    name: &str,
    hidden: &str,
) -> Option<&'v Value> {
    props.get(name).copied().filter(|p| !marked(raw, p, hidden))
}

/// Whether a property schema (or the schema its `$ref` names) says `keyword: true`.
fn marked(raw: &Value, property: &Value, keyword: &str) -> bool {
    let says = |schema: &Value| schema.get(keyword).and_then(Value::as_bool) == Some(true);
    says(property) || says(view(raw, property).schema)
}

/// The union keyword when one side is a bare `oneOf`/`anyOf` and the other a schema of its own,
/// which is then compared as a union of one member.
fn lone_union(old_type: &str, new_type: &str, old: &Value, new: &Value) -> Option<&'static str> {
    let keyword = |schema: &Value| {
        ["oneOf", "anyOf"].into_iter().find(|k| {
            schema
                .get(*k)
                .and_then(Value::as_array)
                .is_some_and(|m| !m.is_empty())
        })
    };
    match (old_type, new_type) {
        ("oneOf", other) if other != "oneOf" && other != "any" => keyword(old),
        (other, "oneOf") if other != "oneOf" && other != "any" => keyword(new),
        _ => None,
    }
}

/// One member of a `oneOf`/`anyOf`.
struct Member<'v> {
    /// As written: a `$ref` or an inline schema.
    node: &'v Value,
    /// How reports name it: the referenced component, or `#<index>` in its list.
    label: String,
    /// The referenced component, when it is a `$ref`.
    reference: Option<String>,
    /// Its JSON once its `$ref` is followed and documentation (`description`, `title`,
    /// examples, `externalDocs`, `deprecated`) is dropped: members of the same shape are the
    /// same member wherever they stand.
    shape: Value,
}

impl<'v> Member<'v> {
    fn new(raw: &'v Value, node: &'v Value, index: usize, reference: Option<&str>) -> Self {
        let reference = reference.map(|r| r.rsplit('/').next().unwrap_or(r).to_string());
        let resolved = follow_refs(raw, node).map_or(node, |(target, _)| target);
        Member {
            node,
            label: reference.clone().unwrap_or_else(|| format!("#{index}")),
            reference,
            shape: without_docs(resolved),
        }
    }
}

/// The members of a `oneOf`/`anyOf`, in order.
fn members<'v>(raw: &'v Value, schema: &'v Value, keyword: &str) -> Vec<Member<'v>> {
    schema
        .get(keyword)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, m)| Member::new(raw, m, i, m.get("$ref").and_then(Value::as_str)))
        .collect()
}

/// The members of the union, or the schema itself as the one member of a union.
fn members_or_whole<'v>(raw: &'v Value, schema: &View<'v>, keyword: &str) -> Vec<Member<'v>> {
    if schema.schema.get(keyword).is_some() {
        members(raw, schema.schema, keyword)
    } else {
        vec![Member::new(
            raw,
            schema.schema,
            0,
            schema.reference.as_deref(),
        )]
    }
}

/// The keywords that only document a schema.
const DOCS: [&str; 6] = [
    "description",
    "title",
    "example",
    "examples",
    "externalDocs",
    "deprecated",
];

/// A schema without the keywords that only document it, at every depth.
fn without_docs(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !DOCS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_docs(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_docs).collect()),
        other => other.clone(),
    }
}

/// Old and new members paired, then the old members left (removed) and the new ones left (added).
type Paired<'v> = (
    Vec<(Member<'v>, Member<'v>)>,
    Vec<Member<'v>>,
    Vec<Member<'v>>,
);

/// Pairs old and new members in three passes: `$ref`s to the same component; then members of the
/// same shape (so reordering inline members, or moving one to a component, changes nothing);
/// then the remaining inline members in order, by type, to be compared property by property.
fn pair_members<'v>(
    old_raw: &Value,
    new_raw: &Value,
    old: Vec<Member<'v>>,
    new: Vec<Member<'v>>,
) -> Paired<'v> {
    // 0: the same component; 1: the same shape; 2: inline members of the same type.
    let matches = |pass: u8, o: &Member<'_>, n: &Member<'_>| match pass {
        0 => o.reference.is_some() && o.reference == n.reference,
        1 => o.shape == n.shape,
        _ => {
            o.reference.is_none()
                && n.reference.is_none()
                && type_name(old_raw, &o.shape) == type_name(new_raw, &n.shape)
        }
    };
    let mut old: Vec<Option<Member<'v>>> = old.into_iter().map(Some).collect();
    let mut new: Vec<Option<Member<'v>>> = new.into_iter().map(Some).collect();
    let mut pairs = Vec::new();
    for pass in 0..3 {
        for slot in old.iter_mut() {
            let Some(o) = slot.as_ref() else {
                continue;
            };
            let found = new
                .iter()
                .position(|n| n.as_ref().is_some_and(|n| matches(pass, o, n)));
            if let Some(j) = found
                && let (Some(o), Some(n)) = (slot.take(), new[j].take())
            {
                pairs.push((o, n));
            }
        }
    }
    (
        pairs,
        old.into_iter().flatten().collect(),
        new.into_iter().flatten().collect(),
    )
}
