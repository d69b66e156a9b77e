use serde_json::json;

use crate::Spec;

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, description: Path level., schema: {type: string}}
      - {name: trace, in: header, description: Path level., schema: {type: string}}
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, description: Operation level., schema: {type: string, format: uuid}}
        - $ref: '#/components/parameters/Expand'
        - $ref: '#/components/parameters/Missing'
      responses:
        200:
          description: ok
          content:
            application/json: {schema: {type: object}}
            image/png: {schema: {type: string, format: binary}}
        404: {$ref: '#/components/responses/NotFound'}
    post:
      operationId: refreshThing
      x-retry-safe: true
      requestBody:
        $ref: '#/components/requestBodies/Refresh'
      responses:
        204: {description: done}
    delete:
      responses:
        204: {description: done}
components:
  parameters:
    Expand: {name: expand, in: query, description: Expand., schema: {type: boolean}}
  requestBodies:
    Refresh:
      content:
        application/json: {schema: {type: object}}
  responses:
    NotFound:
      description: nope
      content:
        application/problem+json: {schema: {type: object}}
"##;

fn spec() -> Spec {
    Spec::from_yaml_str(SPEC, "walk.yaml").expect("the test spec loads")
}

#[test]
fn operations_are_walked_path_by_path_in_method_order() {
    let spec = spec();
    let labels: Vec<String> = spec.operations().map(|op| op.label()).collect();
    assert_eq!(
        labels,
        [
            "GET /things/{id} (getThing)",
            "POST /things/{id} (refreshThing)",
            "DELETE /things/{id} (no operationId)",
        ]
    );
    let get = spec.operation("GET", "/things/{id}").expect("getThing");
    assert_eq!(get.method(), "get");
    assert_eq!(get.http_method(), "GET");
    assert_eq!(get.path(), "/things/{id}");
    assert_eq!(get.operation_id(), Some("getThing"));
    assert_eq!(get.pointer(), "#/paths/~1things~1{id}/get");
    assert_eq!(
        spec.operation_by_id("refreshThing").map(|op| op.method()),
        Some("post")
    );
    assert!(spec.operation("patch", "/things/{id}").is_none());
}

#[test]
fn declared_parameters_are_listed_as_written_with_their_pointers() {
    let spec = spec();
    let get = spec.operation("get", "/things/{id}").expect("getThing");
    let pointers: Vec<String> = get
        .declared_parameters()
        .into_iter()
        .map(|p| p.pointer)
        .collect();
    assert_eq!(
        pointers,
        [
            "#/paths/~1things~1{id}/parameters/0",
            "#/paths/~1things~1{id}/parameters/1",
            "#/paths/~1things~1{id}/get/parameters/0",
            "#/paths/~1things~1{id}/get/parameters/1",
            "#/paths/~1things~1{id}/get/parameters/2",
        ]
    );
}

#[test]
fn parameters_merge_the_path_level_resolve_refs_and_skip_broken_ones() {
    let spec = spec();
    let get = spec.operation("get", "/things/{id}").expect("getThing");
    let described: Vec<(&str, &str)> = get
        .parameters()
        .into_iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or("?"),
                p["description"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            ("id", "Operation level."),
            ("trace", "Path level."),
            ("expand", "Expand."),
        ]
    );
    let post = spec
        .operation("post", "/things/{id}")
        .expect("refreshThing");
    assert_eq!(post.parameters().len(), 2, "path-level parameters apply");
}

#[test]
fn request_and_response_media_types_follow_refs() {
    let spec = spec();
    let get = spec.operation("get", "/things/{id}").expect("getThing");
    assert!(get.request_body().is_none());
    assert_eq!(get.request_media_types(), Vec::<&str>::new());
    let statuses: Vec<&str> = get.responses().iter().map(|r| r.status).collect();
    assert_eq!(statuses, ["200", "404"]);
    assert_eq!(
        get.response_media_types("200"),
        ["application/json", "image/png"]
    );
    assert_eq!(
        get.response_media_types("404"),
        ["application/problem+json"]
    );
    assert_eq!(
        get.responses()[1].pointer,
        "#/paths/~1things~1{id}/get/responses/404"
    );
    assert!(get.response_media_types("500").is_empty());
    let post = spec
        .operation("post", "/things/{id}")
        .expect("refreshThing");
    assert_eq!(post.request_media_types(), ["application/json"]);
    assert_eq!(post.response_media_types("204"), Vec::<&str>::new());
}

#[test]
fn the_typed_operation_is_the_same_one() {
    let spec = spec();
    assert!(spec.typed.is_ok(), "{:?}", spec.typed.as_ref().err());
    for op in spec.operations() {
        let typed = op.typed().expect("a typed operation");
        assert_eq!(typed.operation_id.as_deref(), op.operation_id());
    }
}

#[test]
fn retry_safety_comes_from_the_method_or_the_extension() {
    let spec = spec();
    let safe: Vec<(String, bool)> = spec
        .operations()
        .map(|op| (op.http_method(), op.is_retry_safe()))
        .collect();
    assert_eq!(
        safe,
        [
            ("GET".to_string(), true),
            ("POST".to_string(), true),
            ("DELETE".to_string(), false)
        ]
    );
    let post = spec
        .operation("post", "/things/{id}")
        .expect("refreshThing");
    assert_eq!(post.extension("x-retry-safe"), Some(&json!(true)));
}

#[test]
fn a_document_without_paths_has_no_operations() {
    let spec = Spec::from_yaml_str("openapi: 3.0.3\n", "empty.yaml").expect("loads");
    assert_eq!(spec.operations().count(), 0);
    assert!(spec.typed.is_err());
}
