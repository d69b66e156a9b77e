//! Keeps the spec, the generated code and the hand-written layer in step.

use std::collections::BTreeSet;

use gu1_kyc_spec::Spec;
use serde_json::Value;

fn spec() -> Spec {
    Spec::load_default().expect("openapi/gu1-kyc.yaml loads")
}

/// A component schema of the spec, which must exist.
fn component<'a>(spec: &'a Spec, name: &str) -> &'a Value {
    spec.component_schema(name)
        .filter(|schema| schema.is_object())
        .unwrap_or_else(|| panic!("the spec has no schema {name}"))
}

#[test]
fn the_generated_code_snapshot_is_current() {
    let fresh = include_str!(concat!(env!("OUT_DIR"), "/codegen.rs"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/generated/codegen.rs");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "openapi/generated/codegen.rs is stale: the spec or build.rs changed. Run `cargo xtask codegen` and commit the result."
    );
}

/// The property names of a component schema, following `allOf`.
fn spec_properties(spec: &Spec, name: &str) -> BTreeSet<String> {
    let schema = component(spec, name);
    let mut names: BTreeSet<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(parts) = schema["allOf"].as_array() {
        for part in parts {
            if let Some(reference) = part["$ref"].as_str() {
                let inner = reference.trim_start_matches("#/components/schemas/");
                names.extend(spec_properties(spec, inner));
            }
            if let Some(props) = part["properties"].as_object() {
                names.extend(props.keys().cloned());
            }
        }
    }
    names
}

fn rust_properties<T: schemars::JsonSchema>() -> BTreeSet<String> {
    let schema = schemars::schema_for!(T);
    let value = serde_json::to_value(&schema).expect("a schema serializes");
    value["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The JSON type a schema node admits besides null (`string`, `object`, ...), following `$ref`
/// and single-branch `allOf`, or `None` when it admits several or any.
fn json_type(root: &Value, node: &Value, refs: &str) -> Option<String> {
    if let Some(reference) = node["$ref"].as_str() {
        let name = reference.rsplit('/').next()?;
        return json_type(root, &root[refs][name], refs);
    }
    if let Some([only]) = node["allOf"].as_array().map(Vec::as_slice) {
        return json_type(root, only, refs);
    }
    match &node["type"] {
        Value::String(t) => Some(t.clone()),
        Value::Array(types) => {
            let non_null: Vec<&str> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            (non_null.len() == 1).then(|| non_null[0].to_owned())
        }
        _ => {
            // An open enum: every branch is a string.
            let branches = node["anyOf"].as_array()?;
            branches
                .iter()
                .all(|b| b["type"] == "string")
                .then(|| "string".to_owned())
        }
    }
}

/// Properties whose JSON type differs between the spec's schema and the Rust type's.
fn type_mismatches<T: schemars::JsonSchema>(spec: &Spec, name: &str) -> Vec<String> {
    let rust = serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes");
    let schema = component(spec, name);
    let mut found = Vec::new();
    for (property, spec_node) in schema["properties"].as_object().into_iter().flatten() {
        let Some(rust_node) = rust["properties"].get(property) else {
            continue;
        };
        let spec_type = json_type(&spec.raw["components"], spec_node, "schemas");
        let rust_type = json_type(&rust, rust_node, "definitions");
        if let (Some(a), Some(b)) = (&spec_type, &rust_type) {
            // An integer is a number; the spec may say either for the same Rust float.
            let same = a == b || (a == "integer" && b == "number");
            if !same {
                found.push(format!("{name}.{property}: spec {a}, Rust {b}"));
            }
        }
    }
    found
}

fn open_enum_values(spec: &Spec, name: &str) -> BTreeSet<String> {
    let schema = component(spec, name);
    assert_eq!(
        schema["x-open-enum"],
        Value::Bool(true),
        "{name} is not marked x-open-enum"
    );
    schema["anyOf"][0]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{name} has no anyOf[0].enum"))
        .iter()
        .map(|v| v.as_str().expect("enum values are strings").to_owned())
        .collect()
}

/// The Rust type the spec names for a component (`x-sdk-type`), which the diff's changelog
/// quotes: it must be the type the drift check compares the component with.
fn sdk_type_mismatch(spec: &Spec, schema: &str, ty: &str) -> Option<String> {
    let expected = if ty.contains("::") {
        ty.to_string()
    } else {
        format!("gu1_kyc::types::{ty}")
    };
    let named = component(spec, schema)["x-sdk-type"].as_str();
    (named != Some(expected.as_str()))
        .then(|| format!("{schema}: x-sdk-type is {named:?}, the drift check uses {expected}"))
}

macro_rules! check_models {
    ($spec:expr, $mismatches:expr, $covered:expr, $($schema:literal => $ty:ty),+ $(,)?) => {$(
        $covered.insert($schema);
        $mismatches.extend(sdk_type_mismatch(&$spec, $schema, stringify!($ty)));
        $mismatches.extend(type_mismatches::<$ty>(&$spec, $schema));
        let (spec_side, rust_side) = (spec_properties(&$spec, $schema), rust_properties::<$ty>());
        if spec_side != rust_side {
            $mismatches.push(format!(
                "{} vs {}: only in spec {:?}, only in Rust {:?}",
                $schema,
                stringify!($ty),
                spec_side.difference(&rust_side).collect::<Vec<_>>(),
                rust_side.difference(&spec_side).collect::<Vec<_>>(),
            ));
        }
    )+};
}

macro_rules! check_enums {
    ($spec:expr, $mismatches:expr, $covered:expr, $($schema:literal => $ty:ty),+ $(,)?) => {$(
        $covered.insert($schema);
        $mismatches.extend(sdk_type_mismatch(&$spec, $schema, stringify!($ty)));
        let spec_side = open_enum_values(&$spec, $schema);
        let rust_side: BTreeSet<String> = <$ty>::WIRE_VALUES.iter().map(|v| v.to_string()).collect();
        if spec_side != rust_side {
            $mismatches.push(format!("{}: spec {:?} vs Rust {:?}", $schema, spec_side, rust_side));
        }
        let rust_schema = serde_json::to_value(schemars::schema_for!($ty)).expect("a schema serializes");
        if rust_schema["anyOf"][1]["type"] != "string" {
            $mismatches.push(format!("{} is not open in Rust (anyOf [enum, string])", stringify!($ty)));
        }
    )+};
}

#[test]
fn hand_written_types_match_the_schemas_they_stand_in_for() {
    use gu1_kyc::types::*;
    let spec = spec();
    let mut mismatches = Vec::new();
    let mut covered = BTreeSet::new();
    check_models!(spec, mismatches, covered,
        "KycValidation" => Validation,
        "Decision" => Decision,
        "DecisionIdVerification" => DecisionIdVerification,
        "ExtractedData" => ExtractedData,
        "EntityKycStatus" => EntityKycStatus,
        "CurrentValidationSummary" => CurrentValidationSummary,
        "IdVerificationRecord" => IdVerificationRecord,
        "FaceMatchRecord" => FaceMatchRecord,
        "Entity" => Entity,
        "Error" => gu1_kyc::ErrorBody,
    );
    check_enums!(spec, mismatches, covered,
        "ValidationStatus" => ValidationStatus,
        "IdVerificationStatus" => IdVerificationStatus,
        "FaceMatchStatus" => FaceMatchStatus,
        "StorageProvider" => StorageProvider,
        "EntityType" => EntityType,
        "EntityStatus" => EntityStatus,
        "DecisionStatus" => DecisionStatus,
        "WarningCode" => WarningCode,
        "WebhookEventType" => WebhookEventType,
        "ErrorCode" => gu1_kyc::ErrorCode,
    );
    let schemas = spec.raw["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for (name, schema) in schemas {
        if schema.get("x-sdk-type").is_some() && !covered.contains(name.as_str()) {
            mismatches.push(format!(
                "{name} has an x-sdk-type the drift check does not compare"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "hand-written types drifted from openapi/gu1-kyc.yaml (fix the type or the spec):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn the_drift_check_notices_a_type_that_does_not_match_its_schema() {
    /// A stand-in for `KycValidation` with one property missing, one extra, and one retyped.
    #[derive(schemars::JsonSchema)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Drifted {
        id: String,
        entity_id: String,
        is_current: String,
        nickname: String,
    }
    let spec = spec();
    let types = type_mismatches::<Drifted>(&spec, "KycValidation");
    assert_eq!(
        types,
        vec!["KycValidation.isCurrent: spec boolean, Rust string".to_owned()]
    );
    let spec_side = spec_properties(&spec, "KycValidation");
    let rust_side = rust_properties::<Drifted>();
    assert!(spec_side.contains("status") && !rust_side.contains("status"));
    assert!(rust_side.contains("nickname") && !spec_side.contains("nickname"));
}

/// Each closed enumeration that requests take, with the open one responses use.
const CLOSED_INPUTS: &[(&str, &str)] = &[
    ("KnownValidationStatus", "ValidationStatus"),
    ("KnownIdVerificationStatus", "IdVerificationStatus"),
    ("KnownFaceMatchStatus", "FaceMatchStatus"),
    ("KnownEntityType", "EntityType"),
    ("KnownEntityStatus", "EntityStatus"),
];

fn closed_enum_values(spec: &Spec, name: &str) -> BTreeSet<String> {
    let schema = component(spec, name);
    assert!(
        schema.get("x-open-enum").is_none() && schema.get("anyOf").is_none(),
        "{name} must be a closed enum"
    );
    schema["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{name} has no enum"))
        .iter()
        .map(|v| v.as_str().expect("enum values are strings").to_owned())
        .collect()
}

#[test]
fn closed_request_enums_list_the_values_of_their_open_response_enums() {
    let spec = spec();
    let mut mismatches = Vec::new();
    for (closed, open) in CLOSED_INPUTS {
        let (closed_side, open_side) = (
            closed_enum_values(&spec, closed),
            open_enum_values(&spec, open),
        );
        if closed_side != open_side {
            mismatches.push(format!("{closed} {closed_side:?} vs {open} {open_side:?}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "closed and open enums drifted:\n{}",
        mismatches.join("\n")
    );
}

/// The schema of a request input, as written (a `$ref` or inline).
fn input_ref(spec: &Spec, operation_id: &str, input: &str) -> String {
    let operation = spec
        .operation_by_id(operation_id)
        .unwrap_or_else(|| panic!("no operation {operation_id}"));
    let schema = if let Some(property) = input.strip_prefix("body.") {
        let body = operation.request_body().expect("the operation has a body");
        let reference = body["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .expect("the body is a reference");
        let name = reference.rsplit('/').next().unwrap_or_default();
        component(spec, name)["properties"][property].clone()
    } else {
        operation
            .parameters()
            .into_iter()
            .find(|p| p["in"] == "query" && p["name"] == input)
            .unwrap_or_else(|| panic!("{operation_id} has no query parameter {input}"))["schema"]
            .clone()
    };
    schema["$ref"].as_str().unwrap_or("(inline)").to_owned()
}

#[test]
fn requests_take_the_closed_enums_and_responses_the_open_ones() {
    let spec = spec();
    let inputs = [
        ("listValidations", "status", "KnownValidationStatus"),
        ("listEntityValidations", "status", "KnownValidationStatus"),
        ("listIdVerifications", "status", "KnownIdVerificationStatus"),
        ("listFaceMatches", "status", "KnownFaceMatchStatus"),
        ("listEntities", "type", "KnownEntityType"),
        ("createEntity", "body.type", "KnownEntityType"),
        ("createEntity", "body.status", "KnownEntityStatus"),
    ];
    for (operation, input, closed) in inputs {
        assert_eq!(
            input_ref(&spec, operation, input),
            format!("#/components/schemas/{closed}"),
            "{operation} {input}"
        );
    }
    // No response schema uses a closed form: a value a newer server adds must still decode.
    for (closed, _) in CLOSED_INPUTS {
        let reference = format!("#/components/schemas/{closed}");
        let users: Vec<&String> = spec.raw["components"]["schemas"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, schema)| schema.to_string().contains(&reference))
            .map(|(name, _)| name)
            .collect();
        assert!(
            users
                .iter()
                .all(|name| name.as_str() == "CreateEntityRequest"),
            "{closed} is used by {users:?}; only request schemas may use it"
        );
        for operation in spec.operations() {
            for response in operation.responses() {
                assert!(
                    !response.node.to_string().contains(&reference),
                    "{} {} uses {closed}",
                    operation.label(),
                    response.status
                );
            }
        }
    }
}
