//! Raw responses: `with_response` gives any call's typed body with its answer's status,
//! headers and request ids; an error passes through with its ids; a future that sent nothing
//! has no response to show.

use gu1_kyc::{ErrorKind, with_response};
use gu1_kyc_sandbox::Fault;

use crate::support::world::World;

#[tokio::test]
async fn a_read_comes_with_its_status_headers_and_request_ids() {
    let world = World::start().await;
    let (person, validation) = world.validated_person("30280001").await;
    world.sandbox.clear_requests();
    let response = with_response(world.client.validations().get(&validation.id))
        .await
        .expect("the validation");
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json"))
    );
    let logged = world.sandbox.requests_for("getValidation");
    assert_eq!(logged.len(), 1);
    assert_eq!(Some(response.request_id()), logged[0].request_id.as_deref());
    assert_eq!(
        response.server_request_id(),
        Some(logged[0].server_request_id.as_str())
    );
    assert_eq!(response.body().id, validation.id);
    // Debug shows the head and the body's own redacted Debug, not the verification URL.
    let shown = format!("{response:?}");
    assert!(shown.contains("status: 200"), "{shown}");
    if let Some(url) = validation.verification_url() {
        assert!(!shown.contains(url), "{shown}");
    }

    // Several calls in one future: the last answer's head.
    let history = with_response(async {
        world.client.entities().get(&person.id).await?;
        world.client.validations().history(&person.id).send().await
    })
    .await
    .expect("the history");
    let last = world.sandbox.requests();
    assert_eq!(
        Some(history.request_id()),
        last.last().and_then(|r| r.request_id.as_deref())
    );
    assert_eq!(history.into_body().items.len(), 1);
}

#[tokio::test]
async fn an_error_passes_through_and_a_future_that_sent_nothing_has_no_response() {
    let world = World::start().await;
    let (_, validation) = world.validated_person("30280002").await;
    world
        .sandbox
        .inject_fault(Fault::status(500).on("getValidation").times(3))
        .expect("a fault");
    let error = with_response(world.client.validations().get(&validation.id))
        .await
        .expect_err("three 500s");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(error.request_id().is_some() && error.server_request_id().is_some());

    let nothing = with_response(async { Ok::<_, gu1_kyc::Error>(5) })
        .await
        .expect_err("no request");
    assert_eq!(nothing.kind(), ErrorKind::InvalidInput);
}
