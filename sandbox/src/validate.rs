//! Request validation against the spec: every request to a documented operation has its path
//! parameters, query, JSON body and multipart fields checked against `openapi/gu1-kyc.yaml`
//! (embedded in the crate, see `operations.rs`), through the JSON Schema conversion of the
//! `gu1-kyc-spec` crate.
//!
//! A request the spec refuses is answered with the operation's documented 400: `{"error":
//! "VALIDATION_ERROR"` (or the operation's own code, such as `INVALID_REQUEST` for uploads or
//! `INVALID_REASON` for a decision's reason), `"message": "/entityId: must be of type \"string\""}`.
//! Messages name the JSON pointer and the rule broken, never the value sent (it may be personal
//! data).
//!
//! Some answers stay with the handlers, because the spec documents them and tests rely on them:
//! a malformed path id is the operation's 404 (it names nothing), a body that is not JSON or not
//! a multipart form is the handler's own 400, and a read (`GET`) whose query the spec refuses
//! gets the handler's documented 400 when it has one (`Invalid status value. Must be one of:
//! ...`).
//!
//! In strict mode ([`crate::SandboxBuilder::strict`]) fields the spec does not declare (body
//! properties, query parameters, multipart fields) are refused too.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Multipart, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use gu1_kyc_spec::{
    Validator, Violation, escape_pointer_token, follow_refs, make_strict, request_schema_pointer,
    to_json_schema,
};
use serde_json::{Map, Value, json};

use crate::extract::{MAX_JSON_BODY, MAX_MULTIPART_BODY};

/// Whether fields the spec does not declare are refused; set on every request by the builder.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Strict(pub bool);

/// A schema compiled twice: as the spec says, and refusing undeclared fields.
struct Rules {
    lax: Validator,
    strict: Validator,
}

impl Rules {
    fn compile(raw: &Value, pointer: &str) -> Result<Rules, String> {
        let schema = to_json_schema(raw, pointer)?;
        let mut strict = schema.clone();
        make_strict(&mut strict);
        Ok(Rules {
            lax: Validator::from_json_schema(pointer, schema)?,
            strict: Validator::from_json_schema(pointer, strict)?,
        })
    }

    fn check(&self, instance: &Value, strict: bool) -> Vec<Violation> {
        if strict {
            self.strict.violations(instance)
        } else {
            self.lax.violations(instance)
        }
    }
}

/// How a text value (query parameter, multipart field) is read before it is checked.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
    Number,
    Boolean,
    Binary,
}

/// The checks of one operation.
struct OperationRules {
    path: Option<(Rules, HashMap<String, Kind>)>,
    query: Option<(Rules, HashMap<String, Kind>)>,
    json: Option<Rules>,
    multipart: Option<(Rules, HashMap<String, Kind>)>,
    /// The code of the 400 for a property, from the documented examples whose message starts
    /// with the property's name (`Reason must be ...` makes `reason` answer `INVALID_REASON`).
    codes: HashMap<String, String>,
    /// `VALIDATION_ERROR`, or `INVALID_REQUEST` where the operation documents that instead.
    default_code: String,
    /// Whether a malformed path parameter is left to the handler's 404.
    documents_404: bool,
}

/// Every documented operation's checks, by method and path template.
struct Contract {
    operations: HashMap<(String, String), OperationRules>,
}

fn contract() -> Result<&'static Contract, &'static str> {
    static CONTRACT: OnceLock<Result<Contract, String>> = OnceLock::new();
    CONTRACT
        .get_or_init(build_contract)
        .as_ref()
        .map_err(String::as_str)
}

fn kind_of(raw: &Value, schema: &Value) -> Kind {
    let Some((schema, _)) = follow_refs(raw, schema) else {
        return Kind::Text;
    };
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") => Kind::Integer,
        Some("number") => Kind::Number,
        Some("boolean") => Kind::Boolean,
        Some("string") if schema.get("format").and_then(Value::as_str) == Some("binary") => {
            Kind::Binary
        }
        _ => Kind::Text,
    }
}

/// An object schema holding the parameters `wanted` of an operation (`in: path` or
/// `in: query`), with how each is read; `None` for an operation without path parameters.
fn parameter_object(
    raw: &Value,
    parameters: &[&Value],
    wanted: &str,
) -> Option<(Value, HashMap<String, Kind>)> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut kinds = HashMap::new();
    for parameter in parameters {
        if parameter.get("in").and_then(Value::as_str) != Some(wanted) {
            continue;
        }
        let (Some(name), Some(schema)) = (
            parameter.get("name").and_then(Value::as_str),
            parameter.get("schema"),
        ) else {
            continue;
        };
        properties.insert(name.to_string(), schema.clone());
        kinds.insert(name.to_string(), kind_of(raw, schema));
        if parameter.get("required").and_then(Value::as_bool) == Some(true) {
            required.push(json!(name));
        }
    }
    if properties.is_empty() && wanted == "path" {
        return None;
    }
    let object = json!({
        "type": "object",
        "properties": properties,
        "required": required,
    });
    Some((object, kinds))
}

/// The 400 examples of an operation as `(code, message)` pairs.
fn documented_400s(raw: &Value, operation: &Value) -> Vec<(String, String)> {
    let Some(response) = operation
        .pointer("/responses/400")
        .and_then(|r| follow_refs(raw, r))
        .map(|(r, _)| r)
    else {
        return Vec::new();
    };
    response
        .pointer("/content/application~1json/examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, example)| follow_refs(raw, example).map(|(e, _)| e))
        .filter_map(|example| {
            let value = example.get("value")?;
            Some((
                value.get("error")?.as_str()?.to_string(),
                value.get("message")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

fn build_contract() -> Result<Contract, String> {
    let spec = crate::operations::spec();
    // Parameter objects are made into schemas under a private name of a copy of the document,
    // so that their `$ref`s resolve like any other schema's.
    let mut raw = spec.raw.clone();
    let mut operations = HashMap::new();
    for operation in spec.operations() {
        let label = operation
            .operation_id()
            .unwrap_or(operation.path())
            .to_string();
        let parameters = operation.parameters();
        let mut compiled_parameters = |wanted: &str| -> Result<_, String> {
            let Some((object, kinds)) = parameter_object(&spec.raw, &parameters, wanted) else {
                return Ok(None);
            };
            let name = format!("x-sandbox-{wanted}-{label}");
            raw["components"]["schemas"][&name] = object;
            let pointer = format!("#/components/schemas/{}", escape_pointer_token(&name));
            Ok(Some((Rules::compile(&raw, &pointer)?, kinds)))
        };
        let path = compiled_parameters("path")?;
        let query = compiled_parameters("query")?;
        let method = operation.http_method();
        let json = request_schema_pointer(spec, &method, operation.path(), "application/json")
            .map(|pointer| Rules::compile(&raw, &pointer))
            .transpose()?;
        let multipart =
            match request_schema_pointer(spec, &method, operation.path(), "multipart/form-data") {
                Some(pointer) => {
                    let schema = gu1_kyc_spec::resolve_pointer(&spec.raw, &pointer)
                        .and_then(|s| follow_refs(&spec.raw, s))
                        .map(|(s, _)| s)
                        .ok_or_else(|| format!("{pointer}: no schema"))?;
                    let kinds = schema
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .map(|(name, s)| (name.clone(), kind_of(&spec.raw, s)))
                        .collect();
                    Some((Rules::compile(&raw, &pointer)?, kinds))
                }
                None => None,
            };
        let examples = documented_400s(&spec.raw, operation.node());
        let default_code = examples
            .iter()
            .map(|(code, _)| code.as_str())
            .find(|code| matches!(*code, "VALIDATION_ERROR" | "INVALID_REQUEST"))
            .unwrap_or("VALIDATION_ERROR")
            .to_string();
        let codes = examples
            .into_iter()
            .filter_map(|(code, message)| {
                let first = message.split_whitespace().next()?.to_ascii_lowercase();
                Some((first, code))
            })
            .collect();
        let documents_404 = operation.node().pointer("/responses/404").is_some();
        operations.insert(
            (method, operation.path().to_string()),
            OperationRules {
                path,
                query,
                json,
                multipart,
                codes,
                default_code,
                documents_404,
            },
        );
    }
    Ok(Contract { operations })
}

/// Reads a text value as the schema's type wants it; what does not read stays text, so that
/// the schema refuses it with its own rule.
fn read_text(text: &str, kind: Kind) -> Value {
    match kind {
        Kind::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| text.parse::<u64>().map(Value::from))
            .or_else(|_| text.parse::<f64>().map(Value::from))
            .unwrap_or_else(|_| json!(text)),
        Kind::Number => text
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map_or_else(|| json!(text), Value::from),
        Kind::Boolean => match text {
            "true" => json!(true),
            "false" => json!(false),
            _ => json!(text),
        },
        Kind::Text | Kind::Binary => json!(text),
    }
}

/// Builds the object of named text values that a parameter or form schema checks; the first
/// value of a repeated name counts, as in the handlers.
fn text_object<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    kinds: &HashMap<String, Kind>,
) -> Value {
    let mut object = Map::new();
    for (name, text) in pairs {
        if object.contains_key(name) {
            continue;
        }
        let kind = kinds.get(name).copied().unwrap_or(Kind::Text);
        object.insert(name.to_string(), read_text(text, kind));
    }
    Value::Object(object)
}

/// The refusal of a request, with the operation's code for the first property at fault.
fn refusal(rules: &OperationRules, prefix: &str, violations: &[Violation]) -> Response {
    let code = violations
        .first()
        .and_then(Violation::top_property)
        .and_then(|property| rules.codes.get(&property.to_ascii_lowercase()))
        .unwrap_or(&rules.default_code);
    let told: Vec<String> = violations.iter().map(ToString::to_string).collect();
    let message = format!("{prefix}{}", told.join("; "));
    let body = json!({ "error": code, "message": message }).to_string();
    (
        StatusCode::BAD_REQUEST,
        [(CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Decodes a query string into pairs (`None` if it is not valid URL encoding; the handler
/// answers that).
fn query_pairs(query: &str) -> Option<Vec<(String, String)>> {
    let decode = |text: &str| -> Option<String> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                    out.push(u8::from_str_radix(hex, 16).ok()?);
                    i += 2;
                }
                other => out.push(other),
            }
            i += 1;
        }
        String::from_utf8(out).ok()
    };
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            Some((decode(name)?, decode(value)?))
        })
        .collect()
}

/// Reads a multipart body into named text values: file parts of binary fields become an empty
/// placeholder (the handler judges images), other parts their text.
async fn multipart_object(
    content_type: &str,
    body: &Bytes,
    kinds: &HashMap<String, Kind>,
) -> Option<Value> {
    let request = Request::builder()
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(body.clone()))
        .ok()?;
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    while let Some(field) = form.next_field().await.ok()? {
        let name = field.name().unwrap_or("").to_string();
        let binary = matches!(kinds.get(&name), Some(Kind::Binary));
        let bytes = field.bytes().await.ok()?;
        let text = if binary {
            String::new()
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        pairs.push((name, text));
    }
    Some(text_object(
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        kinds,
    ))
}

/// The middleware: checks a request against its operation, answers the documented 400 when the
/// spec refuses it, and otherwise hands it on unchanged.
pub(crate) async fn check(request: Request, next: Next) -> Response {
    let Ok(contract) = contract() else {
        // The embedded spec is checked by the crate's tests; a sandbox without it still serves.
        return next.run(request).await;
    };
    let template = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let method = request.method().as_str().to_string();
    let Some(rules) = template.and_then(|t| contract.operations.get(&(method, t))) else {
        return next.run(request).await;
    };
    let strict = request
        .extensions()
        .get::<Strict>()
        .copied()
        .unwrap_or_default()
        .0;
    let (mut parts, body) = request.into_parts();

    if let Some((path_rules, kinds)) = &rules.path {
        let params = axum::extract::RawPathParams::from_request_parts(&mut parts, &()).await;
        if let Ok(params) = params {
            let object = text_object(params.iter(), kinds);
            let violations = path_rules.check(&object, false);
            if !violations.is_empty() && !rules.documents_404 {
                return refusal(rules, "path parameter ", &violations);
            }
            if !violations.is_empty() {
                // A malformed id names nothing: the handler answers the documented 404.
                return next.run(Request::from_parts(parts, body)).await;
            }
        }
    }

    let mut refused: Option<Response> = None;
    if let Some((query_rules, kinds)) = &rules.query
        && let Some(pairs) = query_pairs(parts.uri.query().unwrap_or(""))
    {
        let object = text_object(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())), kinds);
        let violations = query_rules.check(&object, strict);
        if !violations.is_empty() {
            refused = Some(refusal(rules, "query parameter ", &violations));
        }
    }
    if let Some(refused) = refused {
        if parts.method == Method::GET {
            // A read changes nothing: its handler's documented 400 wins when it has one.
            let answer = next.run(Request::from_parts(parts, body)).await;
            return if answer.status().is_client_error() {
                answer
            } else {
                refused
            };
        }
        return refused;
    }

    if rules.json.is_none() && rules.multipart.is_none() {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let multipart = content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data");
    let limit = if multipart {
        MAX_MULTIPART_BODY
    } else {
        MAX_JSON_BODY
    };
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        // Too large to read here: the handler refuses it with its own message.
        return next.run(Request::from_parts(parts, body)).await;
    }
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        let violations = [Violation {
            pointer: String::new(),
            keyword: "maxLength".to_string(),
            rule: format!("the body is too large or unreadable (at most {limit} bytes)"),
        }];
        return refusal(rules, "", &violations);
    };
    let violations = match (&rules.json, &rules.multipart) {
        (_, Some((form_rules, kinds))) if multipart => {
            match multipart_object(&content_type, &bytes, kinds).await {
                Some(object) => form_rules.check(&object, strict),
                None => Vec::new(),
            }
        }
        (Some(json_rules), _) if !multipart => match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) => json_rules.check(&value, strict),
            // Not JSON (or empty): the handler answers with its documented message.
            Err(_) => Vec::new(),
        },
        _ => Vec::new(),
    };
    if !violations.is_empty() {
        return refusal(rules, "", &violations);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_spec_compiles_into_checks_for_every_operation() {
        let contract = contract().expect("the embedded spec compiles");
        assert_eq!(
            contract.operations.len(),
            crate::operations::spec().operations().count()
        );
        let upload =
            &contract.operations[&("POST".to_string(), "/api/kyc/id-verification".to_string())];
        assert_eq!(upload.default_code, "INVALID_REQUEST");
        let cancel = &contract.operations[&(
            "DELETE".to_string(),
            "/api/kyc/validations/{id}/cancel".to_string(),
        )];
        assert_eq!(cancel.codes["reason"], "INVALID_REASON");
        assert_eq!(cancel.default_code, "VALIDATION_ERROR");
    }

    #[test]
    fn text_values_are_read_as_their_schema_types() {
        assert_eq!(read_text("12", Kind::Integer), json!(12));
        assert_eq!(
            read_text("2147483648", Kind::Integer),
            json!(2_147_483_648_i64)
        );
        assert_eq!(read_text("1.5", Kind::Integer), json!(1.5));
        assert_eq!(read_text("old", Kind::Integer), json!("old"));
        assert_eq!(read_text("true", Kind::Boolean), json!(true));
        assert_eq!(read_text("yes", Kind::Boolean), json!("yes"));
        assert_eq!(read_text("NaN", Kind::Number), json!("NaN"));
        assert_eq!(
            query_pairs("a=1&b=x%2Fy&c").unwrap(),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x/y".into()),
                ("c".into(), String::new())
            ]
        );
        assert!(query_pairs("a=%ZZ").is_none());
    }
}
