//! Request ids: every call sends one id (`X-Request-Id`) on all its attempts, and an error that
//! reached the network carries it, with the server's own id when the answer named one; the
//! error's `Display` says which to quote to support.

use gu1_kyc::ErrorKind;
use gu1_kyc_sandbox::Fault;

use crate::support::world::World;

/// `req_` and 32 lowercase hex digits.
fn is_client_id(id: &str) -> bool {
    id.strip_prefix("req_")
        .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[tokio::test]
async fn every_attempt_of_a_call_carries_its_id_and_the_error_names_both_ids() {
    let world = World::start().await;
    let (_, validation) = world.validated_person("30240001").await;
    world
        .sandbox
        .inject_fault(Fault::status(503).on("getValidation").times(3))
        .expect("a fault");
    world.sandbox.clear_requests();
    let error = world
        .client
        .validations()
        .get(&validation.id)
        .await
        .expect_err("three 503s");
    assert_eq!(error.attempts(), 3);
    let ours = error.request_id().expect("the call reached the network");
    assert!(is_client_id(ours), "{ours}");
    let logged = world.sandbox.requests_for("getValidation");
    assert_eq!(logged.len(), 3);
    for request in &logged {
        assert_eq!(
            request.request_id.as_deref(),
            Some(ours),
            "one id on every attempt"
        );
    }
    // The server's id is the last answer's.
    let theirs = error
        .server_request_id()
        .expect("the sandbox names its answers");
    assert_eq!(theirs, logged[2].server_request_id);
    let shown = error.to_string();
    assert!(
        shown.contains(&format!("quote request id {theirs}")) && shown.contains(ours),
        "{shown}"
    );

    // The next call has an id of its own.
    world.sandbox.clear_requests();
    world
        .client
        .validations()
        .get(&validation.id)
        .await
        .expect("no fault left");
    let next = world.sandbox.requests_for("getValidation");
    assert_eq!(next.len(), 1);
    let next_id = next[0].request_id.as_deref().expect("an id");
    assert!(is_client_id(next_id) && next_id != ours, "{next_id}");
}

#[tokio::test]
async fn a_refused_create_names_its_ids_and_a_call_never_sent_has_none() {
    let world = World::start().await;
    world.sandbox.clear_requests();
    let (unknown, error) = world.refused_create(0).await;
    let logged = world.sandbox.requests_for("createValidation");
    assert_eq!(logged.len(), 1, "a create is not retried");
    assert_eq!(error.request_id(), logged[0].request_id.as_deref());
    assert_eq!(
        error.server_request_id(),
        Some(logged[0].server_request_id.as_str())
    );

    let invalid = world
        .client
        .validations()
        .create(&unknown)
        .metadata(serde_json::json!(["not", "an", "object"]))
        .send()
        .await
        .expect_err("refused before sending");
    assert_eq!(invalid.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        (invalid.request_id(), invalid.server_request_id()),
        (None, None)
    );
    assert!(!invalid.to_string().contains("request id"), "{invalid}");
}
