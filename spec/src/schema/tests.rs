use serde_json::json;

use crate::{
    Spec, Validator, make_strict, match_path, response_schema_pointer, to_json_schema,
    validator_for,
};

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        404:
          $ref: '#/components/responses/NotFound'
  /things/special:
    get:
      operationId: getSpecial
      responses:
        '200':
          description: ok
          content:
            image/png:
              schema: {type: string, format: binary}
components:
  responses:
    NotFound:
      description: nope
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
  schemas:
    Error:
      type: object
      required: [error, message]
      properties:
        error: {type: string}
        message: {type: string}
    Status:
      type: string
      enum: [pending, approved]
    OpenStatus:
      oneOf:
        - $ref: '#/components/schemas/Status'
        - type: string
    Thing:
      type: object
      required: [id, status, parent, note, score]
      additionalProperties: false
      properties:
        id: {type: string, format: uuid, example: 9c1f0c8e-7c4e-4a55-9b7a-0f1d1c2b3a4d}
        status: {$ref: '#/components/schemas/OpenStatus'}
        closed: {$ref: '#/components/schemas/Status'}
        parent:
          nullable: true
          allOf: [{$ref: '#/components/schemas/Thing'}]
        note: {type: string, nullable: true, maxLength: 5}
        kind: {type: string, nullable: true, enum: [a, b]}
        score: {type: number, minimum: 0, maximum: 1, exclusiveMaximum: true}
        picture: {type: string, format: binary}
        count: {type: integer, format: int64}
"##;

fn spec() -> Spec {
    Spec::from_yaml_str(SPEC, "test.yaml").expect("test spec parses")
}

fn thing() -> serde_json::Value {
    json!({
        "id": "9c1f0c8e-7c4e-4a55-9b7a-0f1d1c2b3a4d",
        "status": "approved",
        "parent": null,
        "note": null,
        "score": 0.5
    })
}

#[test]
fn integer_status_keys_become_strings_and_the_typed_form_parses() {
    let spec = spec();
    assert!(
        spec.raw["paths"]["/things/{id}"]["get"]["responses"]
            .get("200")
            .is_some()
    );
    assert!(spec.typed.is_ok(), "{:?}", spec.typed.err());
}

#[test]
fn a_valid_instance_passes() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    assert_eq!(v.validate(&thing()), Ok(()));
}

#[test]
fn nullable_type_accepts_null_but_keeps_its_limits() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["note"] = json!("too long");
    let errors = v.validate(&t).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/note: "), "{errors:?}");
}

#[test]
fn nullable_enum_accepts_null_and_listed_values_only() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["kind"] = json!(null);
    assert!(v.is_valid(&t));
    t["kind"] = json!("c");
    assert!(!v.is_valid(&t));
}

#[test]
fn nullable_all_of_ref_accepts_null_or_the_referenced_schema() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["parent"] = thing();
    assert!(v.is_valid(&t));
    t["parent"] = json!({"id": "x"});
    assert!(!v.is_valid(&t));
    let def = &v.json_schema()["$defs"]["Thing"]["properties"]["parent"];
    assert_eq!(def["anyOf"][0], json!({"type": "null"}));
}

#[test]
fn open_enum_accepts_unknown_strings_and_closed_enum_rejects_them() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["status"] = json!("brand_new_status");
    assert!(v.is_valid(&t));
    t["closed"] = json!("brand_new_status");
    let errors = v.validate(&t).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/closed: "), "{errors:?}");
}

#[test]
fn boolean_exclusive_maximum_becomes_numeric() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["score"] = json!(1);
    assert!(!v.is_valid(&t));
    t["score"] = json!(0);
    assert!(v.is_valid(&t));
}

#[test]
fn formats_are_asserted_except_openapi_only_ones() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["picture"] = json!("any bytes at all");
    t["count"] = json!(12);
    assert!(v.is_valid(&t));
    t["id"] = json!("not-a-uuid");
    assert!(!v.is_valid(&t));
}

#[test]
fn additional_properties_false_is_kept() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["surprise"] = json!(1);
    assert!(!v.is_valid(&t));
}

#[test]
fn example_keywords_are_dropped_from_the_json_schema() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let id = &v.json_schema()["$defs"]["Thing"]["properties"]["id"];
    assert_eq!(id, &json!({"type": "string", "format": "uuid"}));
}

#[test]
fn an_inline_pointer_is_a_valid_root() {
    let pointer = "#/paths/~1things~1special/get/responses/200/content/image~1png/schema";
    let v = validator_for(&spec(), pointer).unwrap();
    assert!(v.is_valid(&json!("bytes")));
    assert!(!v.is_valid(&json!(3)));
}

#[test]
fn a_missing_or_external_reference_is_an_error_not_a_panic() {
    assert!(validator_for(&spec(), "#/components/schemas/Nope").is_err());
    assert!(validator_for(&spec(), "other.yaml#/components/schemas/Error").is_err());
}

#[test]
fn response_schema_pointer_follows_component_responses() {
    let spec = spec();
    assert_eq!(
        response_schema_pointer(
            &spec,
            "GET",
            "/things/{id}",
            404,
            "application/json; charset=utf-8"
        ),
        Some("#/components/schemas/Error".to_string())
    );
    assert_eq!(
        response_schema_pointer(&spec, "get", "/things/{id}", 200, "application/json"),
        Some("#/components/schemas/Thing".to_string())
    );
    assert_eq!(
        response_schema_pointer(&spec, "get", "/things/special", 200, "image/png"),
        Some("#/paths/~1things~1special/get/responses/200/content/image~1png/schema".to_string())
    );
    assert_eq!(
        response_schema_pointer(&spec, "get", "/things/{id}", 500, "application/json"),
        None
    );
}

#[test]
fn match_path_prefers_literal_segments() {
    let spec = spec();
    assert_eq!(
        match_path(&spec, "GET", "/things/special"),
        Some(("/things/special".to_string(), "getSpecial".to_string()))
    );
    assert_eq!(
        match_path(&spec, "get", "/things/123?expand=1"),
        Some(("/things/{id}".to_string(), "getThing".to_string()))
    );
    assert_eq!(match_path(&spec, "post", "/things/123"), None);
    assert_eq!(match_path(&spec, "get", "/things/123/more"), None);
}

#[test]
fn violations_name_the_pointer_and_rule_but_never_the_value() {
    let v = validator_for(&spec(), "#/components/schemas/Thing").unwrap();
    let mut t = thing();
    t["id"] = json!("Jane Secret");
    t["note"] = json!(12345);
    t.as_object_mut().unwrap().remove("score");
    t["surprise"] = json!("Private Value");
    let found: Vec<String> = v.violations(&t).iter().map(ToString::to_string).collect();
    let text = found.join("\n");
    assert!(
        found.contains(&"/id: must be a valid \"uuid\"".to_string()),
        "{text}"
    );
    assert!(
        found.contains(&"/note: must be of type \"null\" or \"string\"".to_string()),
        "{text}"
    );
    assert!(found.contains(&"/score: is required".to_string()), "{text}");
    assert!(
        found.contains(&"/surprise: is not a field of this request".to_string()),
        "{text}"
    );
    for secret in ["Jane", "12345", "Private"] {
        assert!(!text.contains(secret), "{text}");
    }
}

#[test]
fn int32_and_int64_formats_bound_integers() {
    let raw = serde_json::json!({
        "components": {"schemas": {
            "Small": {"type": "integer", "format": "int32", "minimum": 0},
            "Big": {"type": "integer", "format": "int64"}
        }}
    });
    let small = to_json_schema(&raw, "#/components/schemas/Small").unwrap();
    let small = Validator::from_json_schema("small", small).unwrap();
    assert!(small.is_valid(&json!(2147483647)));
    assert!(!small.is_valid(&json!(2147483648u64)));
    assert!(!small.is_valid(&json!(-1)));
    let big = to_json_schema(&raw, "#/components/schemas/Big").unwrap();
    let big = Validator::from_json_schema("big", big).unwrap();
    assert!(big.is_valid(&json!(i64::MAX)));
    assert!(!big.is_valid(&json!(u64::MAX)));
}

#[test]
fn strict_schemas_refuse_undeclared_fields_but_keep_free_maps_open() {
    let raw = serde_json::json!({
        "components": {"schemas": {
            "Open": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "meta": {"type": "object", "additionalProperties": true}},
                "additionalProperties": true
            }
        }}
    });
    let mut schema = to_json_schema(&raw, "#/components/schemas/Open").unwrap();
    let lax = Validator::from_json_schema("lax", schema.clone()).unwrap();
    make_strict(&mut schema);
    let strict = Validator::from_json_schema("strict", schema).unwrap();
    let extra = json!({"name": "x", "other": 1});
    assert!(lax.is_valid(&extra));
    let found = strict.violations(&extra);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].to_string(),
        "/other: is not a field of this request"
    );
    assert!(strict.is_valid(&json!({"name": "x", "meta": {"anything": true}})));
}
