use super::*;

/// A spec that breaks each rule once, next to operations that follow them.
const BAD: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
tags:
  - name: Things
    description: Things.
  - name: Bare
paths:
  /ref-item:
    $ref: '#/paths/~1things'
  /things:
    get:
      operationId: listThings
      summary: List things.
      description: Lists things.
      tags: [Things]
      parameters:
        - name: filter
          in: query
          style: deepObject
          description: Filter.
          schema: {type: object, properties: {a: {type: string, description: A.}}}
        - name: limit
          in: query
          schema: {type: integer, maximum: 10}
          example: 11
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
              examples:
                good: {value: {id: "1"}}
                bad: {$ref: '#/components/examples/BadThing'}
        '201':
          description: created
          content:
            application/json:
              schema: {type: object, properties: {other: {type: string, description: Other.}}}
        '400': {$ref: '#/components/responses/Error'}
        '404': {description: nothing here}
        default: {$ref: '#/components/responses/Error'}
    post:
      operationId: listThings
      tags: [Undeclared]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200':
          description: ok
          content:
            image/png: {schema: {type: string, format: binary}}
            image/jpeg: {schema: {type: string, format: binary}}
        '400': {$ref: '#/components/responses/Error'}
        '401': {$ref: '#/components/responses/Error'}
  /upload:
    post:
      operationId: upload
      summary: Upload.
      description: Upload a file.
      tags: [Things]
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary, description: File.}}}
      responses:
        '204': {description: done}
components:
  examples:
    BadThing:
      value: {id: 5}
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
  schemas:
    Error:
      type: object
      description: An error.
      properties:
        error: {type: string, description: Code., example: NOT_FOUND}
        message: {type: string}
    Thing:
      type: object
      description: A thing.
      properties:
        id: {type: string, description: Id., example: 7}
        error: {$ref: '#/components/schemas/Error'}
        items:
          type: array
          description: Items.
          items:
            type: object
            properties:
              deep: {type: string}
"##;

fn findings() -> Vec<Finding> {
    let spec = Spec::from_yaml_str(BAD, "bad.yaml").unwrap();
    lint_spec(&spec).findings
}

fn rules(findings: &[Finding]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = findings
        .iter()
        .map(|f| (f.rule, f.location.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn each_broken_rule_is_reported_once_with_its_location() {
    let found = findings();
    let post = "POST /things (listThings)";
    let get = "GET /things (listThings)";
    let expected: Vec<(&'static str, String)> = vec![
        ("binary-response-octet-stream", format!("{post} response 200")),
        ("error-json-body", get.to_string()),
        ("example-valid", "GET /things (listThings) parameter query.limit: #/paths/~1things/get/parameters/1/example".to_string()),
        ("example-valid", "GET /things (listThings) response 200 application/json: #/paths/~1things/get/responses/200/content/application~1json/examples/bad (-> #/components/examples/BadThing)/value".to_string()),
        ("example-valid", "components.schemas.Thing: #/components/schemas/Thing/properties/id/example".to_string()),
        ("no-deep-object", get.to_string()),
        ("no-default-response", get.to_string()),
        ("no-path-item-ref", "paths./ref-item".to_string()),
        ("one-error-schema", get.to_string()),
        ("one-success-schema", get.to_string()),
        ("operation-description", post.to_string()),
        ("operation-id", format!("{get}, {post}")),
        ("operation-summary", post.to_string()),
        ("parameter-description", "GET /things (listThings) parameter query.limit".to_string()),
        ("property-description", "components.schemas.Error".to_string()),
        ("property-description", "components.schemas.Thing/properties/items/items".to_string()),
        ("single-request-media-type", post.to_string()),
        ("tag-declared", post.to_string()),
        ("tag-description", "tags.Bare".to_string()),
    ];
    let mut expected = expected;
    expected.sort();
    assert_eq!(rules(&found), expected, "{found:#?}");
}

#[test]
fn findings_name_the_fix_and_the_file() {
    for finding in findings() {
        assert_eq!(finding.file, "bad.yaml");
        assert!(!finding.fix.is_empty(), "{finding}");
        assert!(finding.to_string().contains("fix: "), "{finding}");
    }
}

#[test]
fn an_example_failure_quotes_the_validator() {
    let found = findings();
    let limit = found
        .iter()
        .find(|f| f.location.ends_with("parameters/1/example"))
        .unwrap();
    assert!(
        limit
            .message
            .contains("(root): 11 is greater than the maximum of 10"),
        "{}",
        limit.message
    );
}

#[test]
fn a_clean_spec_reports_counts() {
    let clean = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
tags: [{name: A, description: A things.}]
paths:
  /a/{id}:
    get:
      operationId: getA
      summary: Get an A.
      description: Gets an A.
      tags: [A]
      parameters:
        - {name: id, in: path, required: true, description: The A., schema: {type: string}, example: a1}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
              example: {id: a1, note: null}
        '404': {$ref: '#/components/responses/E'}
        '400': {$ref: '#/components/responses/E'}
components:
  responses:
    E:
      description: error
      content:
        application/json:
          schema: {type: object, properties: {error: {type: string, description: Code.}}}
  schemas:
    A:
      type: object
      properties:
        id: {type: string, description: Id.}
        note: {type: string, nullable: true, description: Note.}
"##;
    let report = lint_spec(&Spec::from_yaml_str(clean, "clean.yaml").unwrap());
    assert_eq!(report.findings, vec![]);
    assert_eq!(
        report.summary(),
        "spec lint: ok (1 operations, 1 schemas, 2 examples checked)"
    );
}

#[test]
fn a_missing_file_is_a_finding() {
    let found = lint_file(Path::new("does/not/exist.yaml"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, "readable");
}

#[test]
fn openapi_3_1_is_rejected() {
    let spec = Spec::from_yaml_str(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "x.yaml",
    )
    .unwrap();
    let found = lint_spec(&spec).findings;
    assert!(found.iter().any(|f| f.rule == "openapi-3.0"), "{found:#?}");
}

#[test]
fn x_retry_safe_must_be_a_boolean_on_a_non_get_operation() {
    let spec = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
tags: [{name: A, description: A things.}]
paths:
  /a:
    get:
      operationId: getA
      summary: Get an A.
      description: Gets an A.
      tags: [A]
      x-retry-safe: true
      responses:
        '204': {description: ok}
    head:
      operationId: headA
      summary: Check an A.
      description: Checks an A.
      tags: [A]
      x-retry-safe: false
      responses:
        '204': {description: ok}
    post:
      operationId: refreshA
      summary: Refresh an A.
      description: Refreshes an A.
      tags: [A]
      x-retry-safe: "yes"
      responses:
        '204': {description: ok}
    put:
      operationId: replaceA
      summary: Replace an A.
      description: Replaces an A.
      tags: [A]
      x-retry-safe: true
      responses:
        '204': {description: ok}
"##;
    let found = lint_spec(&Spec::from_yaml_str(spec, "retry.yaml").unwrap()).findings;
    assert_eq!(
        rules(&found),
        vec![
            ("retry-safe", "GET /a (getA)".to_string()),
            ("retry-safe", "HEAD /a (headA)".to_string()),
            ("retry-safe", "POST /a (refreshA)".to_string()),
        ],
        "{found:#?}"
    );
    let post = found
        .iter()
        .find(|f| f.location.starts_with("POST"))
        .unwrap();
    assert_eq!(post.message, "`x-retry-safe` is \"yes\", not a boolean");
    let get = found
        .iter()
        .find(|f| f.location.starts_with("GET"))
        .unwrap();
    assert!(get.message.contains("retry-safe by its method"), "{get}");
}

/// A spec with the three shapes outside generators mishandle, each next to its fixed form.
const GENERATORS: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
tags: [{name: A, description: A.}]
paths:
  /a:
    post:
      operationId: uploadA
      summary: Upload an A.
      description: Uploads an A.
      tags: [A]
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary, description: File.}
                check: {type: boolean, description: Check.}
                spelled: {type: string, enum: ["true", "false"], description: Spelled.}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Inline'}
  /a/image:
    get:
      operationId: getAImage
      summary: An A's image.
      description: Downloads an A's image.
      tags: [A]
      responses:
        '200':
          description: bytes
          content:
            image/png: {schema: {type: string, format: binary}}
  /a/file:
    get:
      operationId: getAFile
      summary: An A's file.
      description: Downloads an A's file.
      tags: [A]
      responses:
        '200':
          description: bytes
          content:
            image/png: {schema: {type: string, format: binary}}
            application/octet-stream: {schema: {type: string, format: binary}}
components:
  schemas:
    Inline:
      type: object
      nullable: true
      description: Inline.
      properties:
        extra: {type: object, description: Extra., additionalProperties: true}
        named: {$ref: '#/components/schemas/Named'}
    Named:
      type: object
      description: Named.
      additionalProperties: true
    NotNullable:
      type: object
      description: Not nullable.
      properties:
        extra: {type: object, description: Extra., additionalProperties: true}
"##;

#[test]
fn generator_rules_find_what_outside_generators_mishandle_and_nothing_else() {
    let found = lint_spec(&Spec::from_yaml_str(GENERATORS, "gen.yaml").unwrap()).findings;
    assert_eq!(
        rules(&found),
        vec![
            (
                "binary-response-octet-stream",
                "GET /a/image (getAImage) response 200".to_string()
            ),
            (
                "multipart-text-wire-format",
                "POST /a (uploadA) form field check".to_string()
            ),
            (
                "nullable-object-named-parts",
                "#/components/schemas/Inline/properties/extra".to_string()
            ),
        ],
        "{found:#?}"
    );
}

/// The spec's own `ExtractedData.extraFields`, put back inline, is what made
/// `openapi-python-client` drop the `ExtractedData` model (DECISIONS.md G12).
#[test]
fn extra_fields_put_back_inline_fails_the_lint() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/gu1-kyc.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        lint_spec(&Spec::from_yaml_str(&text, "gu1-kyc.yaml").unwrap())
            .findings
            .is_empty()
    );
    let named = "        extraFields:\n          $ref: \"#/components/schemas/ExtraFields\"\n";
    assert_eq!(
        text.matches(named).count(),
        1,
        "the spec names extraFields once"
    );
    let inline = text.replace(
        named,
        "        extraFields:\n          type: object\n          description: Keys.\n          additionalProperties: true\n",
    );
    let found = lint_spec(&Spec::from_yaml_str(&inline, "gu1-kyc.yaml").unwrap()).findings;
    assert_eq!(
        rules(&found),
        vec![(
            "nullable-object-named-parts",
            "#/components/schemas/ExtractedData/properties/extraFields".to_string()
        )],
        "{found:#?}"
    );
}
