//! The sandbox as strict as a careful server: a JSON body must say it is JSON (415 otherwise),
//! control bodies must be JSON objects (an array is not read as a struct's fields), and the
//! hosted page, whose URL is a credential, is neither cached, referred, framed nor scripted.

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
