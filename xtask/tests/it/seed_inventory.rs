//! The five seed pages' inventory, held against the spec: every endpoint, query parameter (with
//! its default and maximum), response field, enum value and error code the seeds name.

use gu1_kyc_spec::{Spec, follow_refs, resolve_pointer};
use serde_json::Value;

fn spec() -> Spec {
    Spec::from_path(&xtask::workspace_root().join(xtask::DEFAULT_SPEC)).expect("the spec loads")
}

fn operation<'a>(spec: &'a Spec, method: &str, path: &str) -> Option<&'a Value> {
    spec.raw["paths"].get(path)?.get(method)
}

/// Every property name reachable from a schema (following `$ref` and `allOf`, and array items).
fn properties(spec: &Spec, schema: &Value, into: &mut Vec<String>) {
    let Some((schema, _)) = follow_refs(&spec.raw, schema) else {
        return;
    };
    if let Some(props) = schema["properties"].as_object() {
        into.extend(props.keys().cloned());
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            properties(spec, part, into);
        }
    }
}

fn response_schema<'a>(spec: &'a Spec, op: &'a Value, status: &str) -> Option<&'a Value> {
    let (response, _) = follow_refs(&spec.raw, op["responses"].get(status)?)?;
    let content = response["content"].as_object()?;
    content.values().next().map(|media| &media["schema"])
}

fn property_schema<'a>(spec: &'a Spec, schema: &'a Value, name: &str) -> Option<&'a Value> {
    let (schema, _) = follow_refs(&spec.raw, schema)?;
    if let Some(found) = schema["properties"].get(name) {
        return follow_refs(&spec.raw, found).map(|(s, _)| s);
    }
    schema["allOf"]
        .as_array()?
        .iter()
        .find_map(|part| property_schema(spec, part, name))
}

/// The error codes shown in an operation's examples for a status.
fn error_codes(spec: &Spec, op: &Value, status: &str) -> Vec<String> {
    let Some((response, _)) = op["responses"]
        .get(status)
        .and_then(|r| follow_refs(&spec.raw, r))
    else {
        return Vec::new();
    };
    let media = &response["content"]["application/json"];
    media["examples"]
        .as_object()
        .into_iter()
        .flat_map(|examples| examples.values())
        .filter_map(|example| follow_refs(&spec.raw, example).map(|(e, _)| e))
        .filter_map(|example| example["value"]["error"].as_str().map(str::to_owned))
        .collect()
}

fn enum_values(spec: &Spec, schema: &Value) -> Vec<String> {
    let Some((schema, _)) = follow_refs(&spec.raw, schema) else {
        return Vec::new();
    };
    let mut values: Vec<String> = schema["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    for part in schema["anyOf"].as_array().into_iter().flatten() {
        values.extend(enum_values(spec, part));
    }
    values
}

const STATUSES: [&str; 8] = [
    "pending",
    "in_progress",
    "in_review",
    "approved",
    "rejected",
    "expired",
    "abandoned",
    "cancelled",
];

#[test]
fn the_spec_holds_everything_the_seed_pages_name() {
    let spec = spec();
    let mut missing: Vec<String> = Vec::new();

    // Endpoints (seeds 000-004).
    let endpoints = [
        ("post", "/api/kyc/validations"),
        ("get", "/api/kyc/validations"),
        ("get", "/api/kyc/validations/{id}"),
        ("get", "/api/kyc/entities/{entityId}/current"),
        ("get", "/api/kyc/entities/{entityId}/validations"),
        ("get", "/api/kyc/id-verification/verifications"),
        ("get", "/api/kyc/id-verification/verifications/{id}"),
        (
            "get",
            "/api/kyc/id-verification/verifications/{id}/document-front-image",
        ),
        (
            "get",
            "/api/kyc/id-verification/verifications/{id}/document-back-image",
        ),
    ];
    for (method, path) in endpoints {
        if operation(&spec, method, path).is_none() {
            missing.push(format!("endpoint {} {path}", method.to_uppercase()));
        }
    }

    // Query parameters with their defaults and maximums (seeds 003 and 004).
    let params: [(&str, &str, Option<i64>, Option<i64>); 9] = [
        (
            "/api/kyc/entities/{entityId}/validations",
            "page",
            Some(1),
            None,
        ),
        (
            "/api/kyc/entities/{entityId}/validations",
            "limit",
            Some(100),
            Some(100),
        ),
        (
            "/api/kyc/entities/{entityId}/validations",
            "status",
            None,
            None,
        ),
        (
            "/api/kyc/entities/{entityId}/validations",
            "isCurrent",
            None,
            None,
        ),
        (
            "/api/kyc/id-verification/verifications",
            "entityId",
            None,
            None,
        ),
        (
            "/api/kyc/id-verification/verifications",
            "withoutEntity",
            None,
            None,
        ),
        (
            "/api/kyc/id-verification/verifications",
            "status",
            None,
            None,
        ),
        (
            "/api/kyc/id-verification/verifications",
            "limit",
            Some(50),
            Some(100),
        ),
        (
            "/api/kyc/id-verification/verifications",
            "offset",
            None,
            None,
        ),
    ];
    for (path, name, default, maximum) in params {
        let found = operation(&spec, "get", path)
            .and_then(|op| op["parameters"].as_array())
            .into_iter()
            .flatten()
            .filter_map(|p| follow_refs(&spec.raw, p).map(|(p, _)| p))
            .find(|p| p["name"] == name && p["in"] == "query");
        let Some(param) = found else {
            missing.push(format!("query parameter {name} of GET {path}"));
            continue;
        };
        let schema = follow_refs(&spec.raw, &param["schema"])
            .map(|(s, _)| s)
            .unwrap_or(&Value::Null);
        if default.is_some() && schema["default"].as_i64() != default {
            missing.push(format!("default {default:?} of {name} on GET {path}"));
        }
        if maximum.is_some() && schema["maximum"].as_i64() != maximum {
            missing.push(format!("maximum {maximum:?} of {name} on GET {path}"));
        }
    }

    // Response fields.
    let fields: [(&str, &str, &str, &[&str]); 6] = [
        (
            "post",
            "/api/kyc/validations",
            "201",
            &[
                "id",
                "entityId",
                "organizationId",
                "sessionId",
                "status",
                "provider",
                "providerSessionUrl",
                "isCurrent",
                "metadata",
                "createdAt",
                "updatedAt",
            ],
        ),
        (
            "get",
            "/api/kyc/validations/{id}",
            "200",
            &[
                "providerSessionUrl",
                "status",
                "decision",
                "documentsVerified",
                "biometricResult",
                "riskAssessment",
                "verifiedFields",
                "extractedData",
                "verifiedAt",
            ],
        ),
        (
            "get",
            "/api/kyc/entities/{entityId}/current",
            "200",
            &["isCurrent", "status", "decision"],
        ),
        (
            "get",
            "/api/kyc/entities/{entityId}/validations",
            "200",
            &[
                "validations",
                "total",
                "page",
                "limit",
                "validationSessionId",
                "decision",
                "extractedData",
                "verifiedAt",
                "metadata",
            ],
        ),
        (
            "get",
            "/api/kyc/id-verification/verifications",
            "200",
            &["verifications", "pagination", "limit", "offset", "total"],
        ),
        (
            "get",
            "/api/kyc/id-verification/verifications/{id}",
            "200",
            &[
                "id",
                "organizationId",
                "entityId",
                "status",
                "requestId",
                "vendorData",
                "errorMessage",
                "warnings",
                "extractedData",
                "createdAt",
                "documentFrontStoragePath",
                "documentBackStoragePath",
                "storageProvider",
            ],
        ),
    ];
    for (method, path, status, names) in fields {
        let mut found = Vec::new();
        if let Some(schema) =
            operation(&spec, method, path).and_then(|op| response_schema(&spec, op, status))
        {
            properties(&spec, schema, &mut found);
            // List envelopes: the item's fields count too.
            for list in ["validations", "verifications", "pagination"] {
                if let Some(items) = property_schema(&spec, schema, list) {
                    properties(&spec, items.get("items").unwrap_or(items), &mut found);
                }
            }
        }
        for name in names {
            if !found.iter().any(|f| f == name) {
                missing.push(format!(
                    "response field {name} of {} {path} {status}",
                    method.to_uppercase()
                ));
            }
        }
    }

    // The validation request body (seed 001).
    let body = resolve_pointer(&spec.raw, "#/components/schemas/CreateValidationRequest")
        .expect("CreateValidationRequest");
    for name in ["entityId", "workflowId", "webhookUrl", "metadata"] {
        if body["properties"].get(name).is_none() {
            missing.push(format!("request field {name} of POST /api/kyc/validations"));
        }
    }
    if !body["required"]
        .as_array()
        .is_some_and(|r| r.iter().any(|v| v == "entityId"))
    {
        missing.push("entityId is required on POST /api/kyc/validations".to_owned());
    }

    // Enum values.
    let status = resolve_pointer(&spec.raw, "#/components/schemas/ValidationStatus")
        .expect("ValidationStatus");
    let values = enum_values(&spec, status);
    for value in STATUSES {
        if !values.iter().any(|v| v == value) {
            missing.push(format!("validation status {value}"));
        }
    }
    let id_status = resolve_pointer(&spec.raw, "#/components/schemas/IdVerificationStatus")
        .expect("IdVerificationStatus");
    let storage = resolve_pointer(&spec.raw, "#/components/schemas/StorageProvider")
        .expect("StorageProvider");
    for (schema, wanted) in [
        (id_status, &["approved", "declined", "failed"][..]),
        (storage, &["s3", "local"][..]),
    ] {
        let values = enum_values(&spec, schema);
        for value in wanted {
            if !values.iter().any(|v| v == value) {
                missing.push(format!("enum value {value}"));
            }
        }
    }

    // Error codes by operation and status.
    let errors: [(&str, &str, &str, &str); 10] = [
        ("post", "/api/kyc/validations", "404", "ENTITY_NOT_FOUND"),
        ("post", "/api/kyc/validations", "400", "INVALID_ENTITY_TYPE"),
        ("post", "/api/kyc/validations", "400", "KYC_NOT_CONFIGURED"),
        (
            "get",
            "/api/kyc/entities/{entityId}/validations",
            "404",
            "NOT_FOUND",
        ),
        (
            "get",
            "/api/kyc/entities/{entityId}/validations",
            "400",
            "VALIDATION_ERROR",
        ),
        (
            "get",
            "/api/kyc/entities/{entityId}/validations",
            "401",
            "UNAUTHORIZED",
        ),
        (
            "get",
            "/api/kyc/id-verification/verifications/{id}",
            "404",
            "NOT_FOUND",
        ),
        (
            "get",
            "/api/kyc/id-verification/verifications/{id}",
            "401",
            "UNAUTHORIZED",
        ),
        ("get", "/api/kyc/validations/{id}", "404", "NOT_FOUND"),
        (
            "get",
            "/api/kyc/entities/{entityId}/current",
            "404",
            "NOT_FOUND",
        ),
    ];
    for (method, path, status, code) in errors {
        let codes = operation(&spec, method, path)
            .map(|op| error_codes(&spec, op, status))
            .unwrap_or_default();
        if !codes.iter().any(|c| c == code) {
            missing.push(format!(
                "error {status} {code} on {} {path}",
                method.to_uppercase()
            ));
        }
    }
    for path in [
        "/api/kyc/id-verification/verifications/{id}/document-front-image",
        "/api/kyc/id-verification/verifications/{id}/document-back-image",
    ] {
        for (status, code) in [("404", "NOT_FOUND"), ("401", "UNAUTHORIZED")] {
            let codes = operation(&spec, "get", path)
                .map(|op| error_codes(&spec, op, status))
                .unwrap_or_default();
            if !codes.iter().any(|c| c == code) {
                missing.push(format!("error {status} {code} on GET {path}"));
            }
        }
    }
    // The documented VALIDATION_ERROR message, verbatim.
    let message = "Invalid status value. Must be one of: pending, in_progress, approved, rejected, expired, abandoned, cancelled";
    let text = std::fs::read_to_string(xtask::workspace_root().join(xtask::DEFAULT_SPEC))
        .expect("readable");
    if !text.contains(message) {
        missing.push("the documented VALIDATION_ERROR message".to_owned());
    }

    assert!(
        missing.is_empty(),
        "the spec lacks what the seed pages name:\n  {}",
        missing.join("\n  ")
    );
}
