use serde_json::json;

use super::*;

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '404':
          description: missing
          content:
            application/json:
              schema: {type: object, properties: {error: {type: string}}}
  /things/{id}/image:
    get:
      operationId: getThingImage
      responses:
        '200':
          description: bytes
          content:
            image/png: {schema: {type: string, format: binary}}
components:
  schemas:
    Status:
      x-open-enum: true
      anyOf:
        - {type: string, enum: [pending, done]}
        - {type: string}
    Kind: {type: string, enum: [a, b]}
    Thing:
      type: object
      required: [id, status]
      properties:
        id: {type: string}
        status: {$ref: '#/components/schemas/Status'}
        kind: {$ref: '#/components/schemas/Kind'}
        note: {type: string, nullable: true}
        count: {type: integer}
        items:
          type: array
          items:
            type: object
            required: [name]
            properties:
              name: {type: string}
      additionalProperties: true
"##;

fn spec() -> Spec {
    Spec::from_yaml_str(SPEC, "things.yaml").unwrap()
}

fn check(spec: &Spec, status: u16, content_type: &str, body: &Value) -> Vec<Finding> {
    let text = body.to_string();
    ContractChecker::new(spec).check(&Exchange {
        method: "GET",
        path: "/things/t-1",
        status,
        content_type: Some(content_type),
        body: text.as_bytes(),
    })
}

fn kinds(findings: &[Finding]) -> Vec<(Severity, FindingKind, &str)> {
    findings
        .iter()
        .map(|f| (f.severity, f.kind, f.location.as_str()))
        .collect()
}

#[test]
fn an_answer_as_documented_has_no_finding() {
    let body =
        json!({"id": "t-1", "status": "done", "kind": "a", "note": null, "items": [{"name": "x"}]});
    assert_eq!(
        check(&spec(), 200, "application/json; charset=utf-8", &body),
        vec![]
    );
}

#[test]
fn each_breaking_difference_is_found_at_its_place() {
    let body =
        json!({"id": 7, "status": null, "kind": "c", "count": null, "items": [{"name": "x"}, {}]});
    let found = check(&spec(), 200, "application/json", &body);
    let mut got = kinds(&found);
    got.sort();
    let mut expected = vec![
        (Severity::Breaking, FindingKind::UnexpectedNull, "/status"),
        (Severity::Breaking, FindingKind::UnexpectedNull, "/count"),
        (Severity::Breaking, FindingKind::WrongType, "/id"),
        (Severity::Breaking, FindingKind::InvalidValue, "/kind"),
        (
            Severity::Breaking,
            FindingKind::MissingProperty,
            "/items/1/name",
        ),
    ];
    expected.sort();
    assert_eq!(got, expected, "{found:#?}");
    let wrong = found.iter().find(|f| f.location == "/id").unwrap();
    assert_eq!(
        wrong.message,
        "the value must be of type \"string\", the answer has an integer"
    );
    for finding in &found {
        assert_eq!(finding.operation_id, "getThing");
        assert!(
            !finding.message.contains("\"c\""),
            "no value in {finding:?}"
        );
    }
}

#[test]
fn drift_is_an_undocumented_property_or_an_unlisted_open_enum_value() {
    let body = json!({"id": "t-1", "status": "archived", "extra": 1, "items": [{"name": "x", "more": true}]});
    let found = check(&spec(), 200, "application/json", &body);
    assert_eq!(
        kinds(&found),
        vec![
            (Severity::Drift, FindingKind::UndocumentedProperty, "/extra"),
            (
                Severity::Drift,
                FindingKind::UndocumentedProperty,
                "/items/0/more"
            ),
            (Severity::Drift, FindingKind::UnknownEnumValue, "/status"),
        ],
        "{found:#?}"
    );
    let status = found.iter().find(|f| f.location == "/status").unwrap();
    assert!(
        status
            .message
            .starts_with("`archived`, a value the open enum does not list"),
        "{status:?}"
    );
    // Free text or a number in an enum's place is never quoted: it could be personal data.
    let found = check(
        &spec(),
        200,
        "application/json",
        &json!({"id": "t-1", "status": "Jane Doe"}),
    );
    assert!(
        found[0].message.starts_with("a value the open enum"),
        "{found:?}"
    );
    let found = check(
        &spec(),
        200,
        "application/json",
        &json!({"id": "t-1", "status": "30111222"}),
    );
    assert!(!found[0].message.contains("30111222"), "{found:?}");
}

#[test]
fn an_undocumented_status_or_content_type_and_a_body_that_is_not_json() {
    let found = check(&spec(), 418, "application/json", &json!({}));
    assert_eq!(
        kinds(&found),
        vec![(Severity::Breaking, FindingKind::UndocumentedStatus, "")]
    );
    assert_eq!(
        found[0].message,
        "the operation documents 200, 404; the answer was 418"
    );

    let found = check(&spec(), 200, "text/html", &json!("x"));
    assert_eq!(
        kinds(&found),
        vec![(Severity::Breaking, FindingKind::UndocumentedContentType, "")]
    );

    let spec = spec();
    let checker = ContractChecker::new(&spec);
    let found = checker.check(&Exchange {
        method: "GET",
        path: "/things/t-1",
        status: 200,
        content_type: Some("application/json"),
        body: b"{\"id\": \"Jane Doe\"",
    });
    assert_eq!(
        kinds(&found),
        vec![(Severity::Breaking, FindingKind::NotJson, "")]
    );
    assert!(!found[0].message.contains("Jane"), "{found:?}");

    let image = checker.check(&Exchange {
        method: "GET",
        path: "/things/t-1/image",
        status: 200,
        content_type: Some("image/png"),
        body: b"\x89PNG",
    });
    assert_eq!(image, vec![]);
    let unknown = checker.check(&Exchange {
        method: "DELETE",
        path: "/things/t-1",
        status: 204,
        content_type: None,
        body: b"",
    });
    assert_eq!(
        kinds(&unknown),
        vec![(Severity::Breaking, FindingKind::UndocumentedOperation, "")]
    );
}

#[test]
fn a_request_is_checked_against_its_body_schema() {
    const WITH_BODY: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
      responses:
        '201': {description: created}
"##;
    let spec = Spec::from_yaml_str(WITH_BODY, "t.yaml").unwrap();
    let checker = ContractChecker::new(&spec);
    let ok = checker.check_request(
        "POST",
        "/things",
        Some("application/json"),
        br#"{"name": "Ana"}"#,
    );
    assert_eq!(ok, vec![]);
    let bad = checker.check_request(
        "POST",
        "/things",
        Some("application/json"),
        br#"{"name": 7}"#,
    );
    assert_eq!(
        kinds(&bad),
        vec![(Severity::Breaking, FindingKind::InvalidRequest, "/name")]
    );
    assert!(!bad[0].message.contains('7'), "{bad:?}");
    let text = checker.check_request("POST", "/things", Some("text/plain"), b"Ana");
    assert_eq!(
        kinds(&text),
        vec![(Severity::Breaking, FindingKind::InvalidRequest, "")]
    );
    assert_eq!(
        checker.check_request("GET", "/nowhere", None, b"")[0].kind,
        FindingKind::UndocumentedOperation
    );
}
