//! Drifts: the successful answers of one operation differ from `openapi/gu1-kyc.yaml` on
//! purpose, from Rust and from `/_sandbox/drift`. Each drifted answer is checked against the spec
//! with the spec crate's checker, to show that it is a real violation and that the same answer
//! undrifted is not.

use std::sync::OnceLock;
use std::time::Duration;

use crate::support::api::spec;
use crate::support::kit::{Plain, Reply};
use gu1_kyc_sandbox::{
    DRIFT_VALUE, DRIFTED_ENUM_VALUE, Drift, DriftKind, Error, Fault, RecordedRequest, Sandbox,
};
use gu1_kyc_spec::{ResponseChecker, ResponseError, Validator, make_strict, to_json_schema};
use serde_json::{Value, json};

const GET_VALIDATION: &str = "/api/kyc/validations/{id}";
const LIST_VALIDATIONS: &str = "/api/kyc/validations";

fn checker() -> &'static ResponseChecker<'static> {
    static CHECKER: OnceLock<ResponseChecker<'static>> = OnceLock::new();
    CHECKER.get_or_init(|| ResponseChecker::new(spec()))
}

/// How an answer of `GET template` stands against the spec, as the checker sees it.
fn against_spec(template: &str, reply: &Reply) -> Result<(), ResponseError> {
    let content_type = reply
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    checker().check("GET", template, reply.status, content_type, &reply.json)
}

/// The schema the spec documents for a 200 JSON answer of `GET template`, converted to JSON
/// Schema and changed by `tighten`, as a validator.
fn tightened(template: &str, tighten: fn(&mut Value)) -> Validator {
    let pointer = checker()
        .schema_pointer("GET", template, 200, "application/json")
        .expect("a documented 200");
    let mut schema = to_json_schema(&spec().raw, &pointer).expect("the schema converts");
    tighten(&mut schema);
    Validator::from_json_schema(&pointer, schema).expect("the schema compiles")
}

/// Closes every open enum (`x-open-enum`: a listed `enum` or any string), as a client generated
/// with closed enums reads it: the alternative that takes any string is dropped.
fn close_enums(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Array(branches)) = map.get_mut("anyOf")
                && branches.iter().any(|b| b.get("enum").is_some())
            {
                branches.retain(|b| b.get("enum").is_some() || b["type"] != "string");
            }
            map.values_mut().for_each(close_enums);
        }
        Value::Array(items) => items.iter_mut().for_each(close_enums),
        _ => {}
    }
}

/// How a drifted answer breaks the spec.
#[derive(Debug, Clone, Copy)]
enum Breaks {
    /// The body does not match the documented schema.
    Schema,
    /// The status is not documented.
    Status,
    /// The body has a property the schema does not declare (the schemas are open, so a tolerant
    /// client copes; the strict reading refuses it).
    UndeclaredProperty,
    /// A value an open enum does not list (a client with closed enums refuses it).
    UnlistedValue,
}

/// Asserts that `reply` (an answer of `GET template`) breaks the spec as `breaks` says.
fn assert_breaks(breaks: Breaks, template: &str, reply: &Reply, at: &str) {
    let lax = against_spec(template, reply);
    match breaks {
        Breaks::Schema => match lax {
            Err(ResponseError::Invalid { errors, .. }) => {
                assert!(errors.iter().any(|e| e.contains(at)), "{errors:?}");
            }
            other => panic!("the drifted answer should not match the schema: {other:?}"),
        },
        Breaks::Status => assert!(
            matches!(lax, Err(ResponseError::Undocumented { status, .. }) if status == reply.status),
            "{lax:?}"
        ),
        Breaks::UndeclaredProperty | Breaks::UnlistedValue => {
            assert_eq!(lax, Ok(()), "open schemas and enums accept it");
            let tighten = match breaks {
                Breaks::UndeclaredProperty => make_strict,
                _ => close_enums,
            };
            let errors = tightened(template, tighten)
                .validate(&reply.json)
                .expect_err("the strict reading refuses the drifted answer");
            assert!(errors.iter().any(|e| e.contains(at)), "{errors:?}");
        }
    }
}

/// Asserts that an undrifted answer matches the spec, in every reading `assert_breaks` uses.
fn assert_conforms(template: &str, reply: &Reply) {
    assert_eq!(against_spec(template, reply), Ok(()), "{:?}", reply.json);
    for tighten in [make_strict as fn(&mut Value), close_enums] {
        let validator = tightened(template, tighten);
        assert_eq!(validator.validate(&reply.json), Ok(()), "{:?}", reply.json);
    }
}

/// One kind of drift on `getValidation`: as built in Rust, as posted over HTTP, what it does to
/// the answer as the spec says it, and how the result breaks the spec.
struct Case {
    drift: Drift,
    http: Value,
    edit: fn(&mut Value),
    status: u16,
    breaks: Breaks,
    at: &'static str,
}

fn cases() -> Vec<Case> {
    let body =
        |kind: &str| json!({"kind": kind, "operationId": "getValidation", "property": "status"});
    vec![
        Case {
            drift: Drift::extra_property("driftedField").on("getValidation"),
            http: json!({"kind": "extraProperty", "operationId": "getValidation",
                         "property": "driftedField"}),
            edit: |v| v["driftedField"] = json!(DRIFT_VALUE),
            status: 200,
            breaks: Breaks::UndeclaredProperty,
            at: "driftedField",
        },
        Case {
            drift: Drift::missing_property("status").on("getValidation"),
            http: body("missingProperty"),
            edit: |v| {
                v.as_object_mut().map(|o| o.remove("status"));
            },
            status: 200,
            breaks: Breaks::Schema,
            at: "status",
        },
        Case {
            drift: Drift::wrong_type("status").on("getValidation"),
            http: body("wrongType"),
            edit: |v| v["status"] = json!(0),
            status: 200,
            breaks: Breaks::Schema,
            at: "/status",
        },
        Case {
            drift: Drift::null("status").on("getValidation"),
            http: body("null"),
            edit: |v| v["status"] = Value::Null,
            status: 200,
            breaks: Breaks::Schema,
            at: "/status",
        },
        Case {
            drift: Drift::unknown_enum_value("status").on("getValidation"),
            http: body("unknownEnumValue"),
            edit: |v| v["status"] = json!(DRIFTED_ENUM_VALUE),
            status: 200,
            breaks: Breaks::UnlistedValue,
            at: "/status",
        },
        Case {
            drift: Drift::undocumented_status(418).on("getValidation"),
            http: json!({"kind": "undocumentedStatus", "operationId": "getValidation",
                         "status": 418}),
            edit: |_| {},
            status: 418,
            breaks: Breaks::Status,
            at: "",
        },
    ]
}

/// The drift kinds the request log has for each `getValidation` request, oldest first.
fn logged_drifts(sandbox: &Sandbox) -> Vec<Vec<String>> {
    sandbox
        .requests_for("getValidation")
        .into_iter()
        .map(|r: RecordedRequest| r.drifts)
        .collect()
}

/// Runs one case against a fresh sandbox: from Rust once and until cleared, then the same over
/// HTTP, each time checking the drifted answer, that the next one (or another operation's) is
/// as the spec says, and the request log.
async fn exercise(case: Case) {
    let name = case.drift.kind().name();
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30777777").await;
    let id = api.validation(&entity).await;
    let read = format!("/api/kyc/validations/{id}");
    let entity_path = format!("/entities/{entity}");

    let baseline = api.get(&read).await;
    assert_eq!(baseline.status, 200);
    assert_conforms(GET_VALIDATION, &baseline);
    let entity_baseline = api.get(&entity_path).await.json;
    let list_baseline = api.get(LIST_VALIDATIONS).await.json;
    let mut expected = baseline.json.clone();
    (case.edit)(&mut expected);
    assert_ne!((case.status, &expected), (200, &baseline.json), "{name}");
    let is_drifted = |reply: &Reply| reply.status == case.status && reply.json == expected;
    let is_baseline = |reply: &Reply| reply.status == 200 && reply.json == baseline.json;
    let untouched = || async {
        assert_eq!(api.get(&entity_path).await.json, entity_baseline, "{name}");
        assert_eq!(
            api.get(LIST_VALIDATIONS).await.json,
            list_baseline,
            "{name}"
        );
    };
    sandbox.clear_requests();

    // From Rust, for one answer.
    let once = case.drift.clone().times(1);
    let drift_id = sandbox.drift(once.clone()).expect("a valid drift");
    assert_eq!(sandbox.drifts(), [(drift_id, once)]);
    let drifted = api.get(&read).await;
    assert!(is_drifted(&drifted), "{name}: {drifted:?}");
    assert_breaks(case.breaks, GET_VALIDATION, &drifted, case.at);
    untouched().await;
    assert!(
        is_baseline(&api.get(&read).await),
        "{name}: times(1) applies once"
    );
    assert!(sandbox.drifts().is_empty());
    assert_eq!(
        logged_drifts(&sandbox),
        [vec![name.to_string()], vec![]],
        "the log names the drift"
    );
    assert_eq!(
        sandbox.requests_for("getValidation")[0].status,
        Some(case.status)
    );

    // From Rust, until cleared.
    sandbox.drift(case.drift.clone()).expect("a valid drift");
    for _ in 0..2 {
        assert!(is_drifted(&api.get(&read).await), "{name}");
    }
    assert_eq!(sandbox.drifts()[0].1.remaining(), None);
    sandbox.clear_drifts();
    assert!(is_baseline(&api.get(&read).await), "{name}: cleared");

    // Over HTTP, the same.
    let mut once = case.http.clone();
    once["times"] = json!(1);
    let added = api.post("/_sandbox/drift", once).await;
    assert_eq!(added.status, 201, "{name}: {:?}", added.json);
    assert_eq!(
        (&added.json["kind"], &added.json["remaining"]),
        (&json!(name), &json!(1))
    );
    let drifted = api.get(&read).await;
    assert!(is_drifted(&drifted), "{name}: {drifted:?}");
    assert_breaks(case.breaks, GET_VALIDATION, &drifted, case.at);
    untouched().await;
    assert!(
        is_baseline(&api.get(&read).await),
        "{name}: times 1 over HTTP"
    );
    let mut always = case.http.clone();
    always["always"] = json!(true);
    assert_eq!(api.post("/_sandbox/drift", always).await.status, 201);
    for _ in 0..2 {
        assert!(is_drifted(&api.get(&read).await), "{name}");
    }
    let listed = api.get("/_sandbox/drift").await.json;
    assert_eq!(listed["drifts"][0]["remaining"], Value::Null, "{listed}");
    assert_eq!(listed["drifts"][0]["operationId"], "getValidation");
    assert_eq!(api.delete("/_sandbox/drift").await.status, 204);
    assert!(
        is_baseline(&api.get(&read).await),
        "{name}: cleared over HTTP"
    );
    assert_eq!(api.get("/_sandbox/drift").await.json, json!({"drifts": []}));
    let http_log = api
        .get("/_sandbox/requests?operationId=getValidation")
        .await;
    let drifts: Vec<&Value> = http_log.json["requests"]
        .as_array()
        .expect("a log")
        .iter()
        .map(|r| &r["drifts"])
        .collect();
    assert_eq!(drifts.iter().filter(|d| **d == &json!([name])).count(), 6);
}

#[tokio::test]
async fn each_kind_drifts_exactly_its_operations_answers_and_breaks_the_spec() {
    let run = async {
        for case in cases() {
            exercise(case).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the cases finish in time");
}

#[tokio::test]
async fn at_drifts_a_nested_object_or_each_item_of_a_list() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30777778").await;
    let first = api.validation(&entity).await;
    let second = api.validation(&entity).await;
    sandbox.set_status_quietly(&second, "approved").unwrap();
    let read = format!("/api/kyc/validations/{second}");
    let baseline = api.get(&read).await;
    assert_eq!(baseline.json["decision"]["status"], "Approved");
    assert_conforms(GET_VALIDATION, &baseline);

    sandbox
        .drift(
            Drift::wrong_type("status")
                .on("getValidation")
                .at("/decision"),
        )
        .unwrap();
    let drifted = api.get(&read).await;
    assert_eq!(drifted.json["decision"]["status"], json!(0));
    assert_eq!(
        drifted.json["status"], "approved",
        "only the decision drifts"
    );
    assert_breaks(Breaks::Schema, GET_VALIDATION, &drifted, "/decision/status");
    sandbox.clear_drifts();

    let list = api.get(LIST_VALIDATIONS).await;
    assert_conforms(LIST_VALIDATIONS, &list);
    let added = api
        .post(
            "/_sandbox/drift",
            json!({"kind": "missingProperty", "operationId": "listValidations",
                   "property": "status", "at": "/validations", "times": 1}),
        )
        .await;
    assert_eq!(added.status, 201, "{:?}", added.json);
    assert_eq!(added.json["at"], "/validations");
    let drifted = api.get(LIST_VALIDATIONS).await;
    let items = drifted.json["validations"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|v| v.get("status").is_none()), "{items:?}");
    let ids: Vec<&str> = items.iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(ids, [second.as_str(), first.as_str()]);
    assert_eq!(drifted.json["total"], list.json["total"]);
    assert_breaks(Breaks::Schema, LIST_VALIDATIONS, &drifted, "status");
    assert_eq!(api.get(LIST_VALIDATIONS).await.json, list.json);
}

#[tokio::test]
async fn drifts_over_http_are_the_callers_own_and_those_from_rust_everyones() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let other = api.with_key(&sandbox.add_organization().api_key);
    let drift = json!({"kind": "extraProperty", "operationId": "listEntities",
                       "property": "driftedField"});
    assert_eq!(api.post("/_sandbox/drift", drift).await.status, 201);
    assert_eq!(api.get("/entities").await.json["driftedField"], DRIFT_VALUE);
    assert!(
        other
            .get("/entities")
            .await
            .json
            .get("driftedField")
            .is_none()
    );
    assert_eq!(
        other.get("/_sandbox/drift").await.json,
        json!({"drifts": []})
    );
    assert_eq!(other.delete("/_sandbox/drift").await.status, 204);
    assert_eq!(
        sandbox.drifts().len(),
        1,
        "another organization clears its own only"
    );

    sandbox.clear_drifts();
    let id = sandbox
        .drift(Drift::undocumented_status(203).on("listEntities"))
        .unwrap();
    assert_eq!(other.get("/entities").await.status, 203);
    assert_eq!(api.get("/entities").await.status, 203);
    let listed = other.get("/_sandbox/drift").await.json;
    assert_eq!(listed["drifts"][0]["id"], id);
    assert_eq!(listed["drifts"][0]["status"], 203);
    // A caller clears what it added, not what Rust added for everyone.
    assert_eq!(other.delete("/_sandbox/drift").await.status, 204);
    assert_eq!(other.get("/entities").await.status, 203);
}

#[tokio::test]
async fn errors_faulted_answers_and_control_endpoints_are_never_drifted() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30777779").await;
    let id = api.validation(&entity).await;
    let read = format!("/api/kyc/validations/{id}");
    sandbox
        .drift(Drift::undocumented_status(418).on("getValidation").times(1))
        .unwrap();

    let missing = api
        .get("/api/kyc/validations/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(missing.status, 404, "an error answer is not drifted");
    sandbox
        .inject_fault(Fault::status(503).on("getValidation"))
        .unwrap();
    assert_eq!(
        api.get(&read).await.status,
        503,
        "the fault answers instead"
    );
    assert_eq!(
        sandbox.drifts()[0].1.remaining(),
        Some(1),
        "nothing was drifted"
    );
    // A delayed answer is drifted, and the log names both.
    sandbox
        .inject_fault(Fault::delay(Duration::from_millis(5)).on("getValidation"))
        .unwrap();
    assert_eq!(api.get(&read).await.status, 418);
    let last = sandbox.requests_for("getValidation").pop().unwrap();
    assert_eq!(
        (last.status, last.fault.as_deref(), last.drifts),
        (
            Some(418),
            Some("delay"),
            vec!["undocumentedStatus".to_string()]
        )
    );
    assert!(sandbox.drifts().is_empty());

    // Control endpoints have no operationId a drift could name, and answer as documented.
    let refused = api
        .post(
            "/_sandbox/drift",
            json!({"kind": "undocumentedStatus", "operationId": "listSandboxDrifts", "status": 418}),
        )
        .await;
    assert_eq!(refused.status, 400);
    sandbox
        .drift(Drift::extra_property("driftedField").on("listEntities"))
        .unwrap();
    let log = api.get("/_sandbox/requests").await;
    assert_eq!(log.status, 200);
    assert!(log.json.get("driftedField").is_none());
    assert!(
        log.json["requests"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["drifts"].is_array())
    );
}

#[tokio::test]
async fn drifts_the_sandbox_cannot_apply_are_refused_with_the_reason() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    for (drift, names) in [
        (Drift::null("status"), "operationId"),
        (
            Drift::null("status").on("deleteEverything"),
            "unknown operationId",
        ),
        (Drift::null("status").on("getValidation").times(0), "times"),
        (Drift::null("").on("getValidation"), "property"),
        (
            Drift::null("x").on("getValidation").at("decision"),
            "JSON pointer",
        ),
        (
            Drift::undocumented_status(200).on("getValidation"),
            "documents 200",
        ),
        (Drift::undocumented_status(204).on("getValidation"), "204"),
        (Drift::undocumented_status(700).on("getValidation"), "599"),
        (
            Drift::null("x").on("getFaceMatchSelfieImage"),
            "no JSON body",
        ),
    ] {
        match sandbox.drift(drift.clone()) {
            Err(Error::InvalidDrift(why)) => assert!(why.contains(names), "{drift:?}: {why}"),
            other => panic!("{drift:?} was not refused: {other:?}"),
        }
    }
    assert!(sandbox.drifts().is_empty());
    assert_eq!(
        Drift::undocumented_status(418).kind(),
        &DriftKind::UndocumentedStatus(418)
    );

    let op = "getValidation";
    for (bad, names) in [
        (
            json!({"kind": "missingProperty", "property": "status"}),
            "operationId",
        ),
        (
            json!({"kind": "sideways", "operationId": op, "property": "status"}),
            "kind",
        ),
        (
            json!({"kind": "missingProperty", "operationId": op}),
            "property",
        ),
        (
            json!({"kind": "missingProperty", "operationId": op, "property": "status", "status": 418}),
            "status",
        ),
        (
            json!({"kind": "undocumentedStatus", "operationId": op}),
            "status",
        ),
        (
            json!({"kind": "undocumentedStatus", "operationId": op, "status": 418, "property": "x"}),
            "property",
        ),
        (
            json!({"kind": "undocumentedStatus", "operationId": op, "status": 401}),
            "documents",
        ),
        (
            json!({"kind": "undocumentedStatus", "operationId": op, "status": 418, "at": "/x"}),
            "at",
        ),
        (
            json!({"kind": "null", "operationId": "nope", "property": "status"}),
            "operationId",
        ),
        (
            json!({"kind": "null", "operationId": op, "property": "status", "times": 0}),
            "times",
        ),
        (
            json!({"kind": "null", "operationId": op, "property": "status", "times": 2, "always": true}),
            "always",
        ),
        (
            json!({"kind": "null", "operationId": op, "property": "status", "at": "decision"}),
            "pointer",
        ),
        (
            json!({"kind": "null", "operationId": op, "property": "status", "colour": "red"}),
            "colour",
        ),
        (
            json!({"kind": "null", "operationId": op, "property": 5}),
            "invalid type",
        ),
        (
            json!([{"kind": "null", "operationId": op, "property": "status"}]),
            "object",
        ),
    ] {
        let reply = api.post("/_sandbox/drift", bad.clone()).await;
        assert_eq!(reply.status, 400, "{bad}: {:?}", reply.json);
        assert_eq!(reply.json["error"], "VALIDATION_ERROR");
        let message = reply.json["message"].as_str().unwrap_or("");
        assert!(message.contains(names), "{bad}: {message}");
    }
    assert_eq!(api.get("/_sandbox/drift").await.json, json!({"drifts": []}));
    assert_eq!(
        api.with_key("nope").get("/_sandbox/drift").await.status,
        401
    );
}
