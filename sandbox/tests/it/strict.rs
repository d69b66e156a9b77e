//! The sandbox as strict as a careful server: a JSON body must say it is JSON (415 otherwise,
//! unless the sandbox is lenient), control bodies must be JSON objects (an array is not read as
//! a struct's fields), and the hosted page, whose URL is a credential, is neither cached,
//! referred, framed nor scripted. The request limits and the header-read timeout are tested on
//! raw connections in `limits.rs`.

use gu1_kyc_sandbox::Sandbox;
use serde_json::Value;

use crate::support::api::Api;

async fn post(
    sandbox: &Sandbox,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}{path}", sandbox.base_url()))
        .bearer_auth(sandbox.api_key())
        .body(body.to_owned());
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let json = response.json().await.unwrap_or(Value::Null);
    (status, json)
}

#[tokio::test]
async fn a_json_body_that_does_not_say_it_is_json_is_refused_with_415() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let person = r#"{"type":"person","name":"Ana Test","countryCode":"AR","taxId":"30290001"}"#;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let (status, body) = post(&sandbox, "/entities", content_type, person).await;
        assert_eq!(status, 415, "{content_type:?}: {body}");
        assert_eq!(body["error"], "VALIDATION_ERROR", "{body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.contains("application/json"))
        );
    }
    assert!(
        sandbox.requests().iter().all(|r| r.status == Some(415)),
        "nothing was created"
    );
    let (status, _) = post(
        &sandbox,
        "/entities",
        Some("application/json; charset=utf-8"),
        person,
    )
    .await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn lenient_accepts_a_json_body_sent_as_text_and_relaxes_nothing_else() {
    let person = |tax_id: &str| {
        format!(r#"{{"type":"person","name":"Ana Test","countryCode":"AR","taxId":"{tax_id}"}}"#)
    };
    let strict = Sandbox::start().await.expect("the sandbox starts");
    let (status, body) = post(
        &strict,
        "/entities",
        Some("text/plain"),
        &person("30290010"),
    )
    .await;
    assert_eq!(status, 415, "the default insists: {body}");
    assert_eq!(body["error"], "VALIDATION_ERROR");

    let lenient = Sandbox::builder()
        .lenient(true)
        .start()
        .await
        .expect("the sandbox starts");
    for (content_type, tax_id) in [(Some("text/plain"), "30290011"), (None, "30290012")] {
        let (status, body) = post(&lenient, "/entities", content_type, &person(tax_id)).await;
        assert_eq!(status, 201, "{content_type:?}: {body}");
        assert_eq!(body["entity"]["taxId"], tax_id, "{body}");
    }
    // The body itself is still checked, and so are the request limits.
    let (status, body) = post(&lenient, "/entities", Some("text/plain"), "{not json").await;
    assert_eq!(
        (status, &body["error"]),
        (400, &Value::from("VALIDATION_ERROR"))
    );
    let long = reqwest::Client::new()
        .get(format!(
            "{}/_sandbox/clock?pad={}",
            lenient.base_url(),
            "a".repeat(gu1_kyc_sandbox::MAX_URI_BYTES)
        ))
        .bearer_auth(lenient.api_key())
        .send()
        .await
        .expect("the sandbox answers");
    assert_eq!(long.status(), 414);
    assert_eq!(
        long.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let body: Value = long.json().await.expect("a JSON body");
    assert_eq!(body["error"], "URI_TOO_LONG");
}

#[tokio::test]
async fn control_bodies_must_be_objects() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let id = "550e8400-e29b-41d4-a716-446655440000";
    for (path, body) in [
        ("/_sandbox/clock/advance".to_owned(), "[60, 0]"),
        ("/_sandbox/faults".to_owned(), r#"["status", null, 1, 503]"#),
        (
            format!("/_sandbox/validations/{id}/status"),
            r#"["approved"]"#,
        ),
        ("/_sandbox/webhooks/faults".to_owned(), r#"["drop"]"#),
        ("/_sandbox/clock/advance".to_owned(), "42"),
    ] {
        let (status, answer) = post(&sandbox, &path, Some("application/json"), body).await;
        assert_eq!(status, 400, "{path} {body}: {answer}");
        assert_eq!(answer["error"], "VALIDATION_ERROR");
    }
    // The object form still works.
    let (status, _) = post(
        &sandbox,
        "/_sandbox/clock/advance",
        Some("application/json"),
        r#"{"seconds": 60}"#,
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_hosted_page_is_neither_cached_referred_framed_nor_scripted() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Api::for_sandbox(&sandbox);
    let person = api.person("30290002").await;
    let validation = api.validate(&person).await;
    let url = validation["providerSessionUrl"]
        .as_str()
        .expect("a hosted session")
        .to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let page = client.get(&url).send().await.expect("the page");
    let start = client
        .post(format!("{url}/start"))
        .send()
        .await
        .expect("the start");
    for response in [&page, &start] {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("cache-control"), "no-store");
        assert_eq!(header("referrer-policy"), "no-referrer");
        assert_eq!(header("x-frame-options"), "DENY");
        let csp = header("content-security-policy");
        for directive in [
            "default-src 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(directive), "{csp}");
        }
        assert!(!csp.contains("script-src"), "no script is allowed: {csp}");
    }
    assert_eq!(page.status(), 200);
}
