//! The idempotent helpers against strict mocks: exactly the requests they should send, and none
//! more.

use crate::support::api::{Api, ENTITY_ID, fixture};
use gu1_kyc::{ErrorCode, types::ValidationStatus};
use httpmock::Method::{GET, POST};
use serde_json::json;

const ENTITIES: &str = "/entities";
const BY_EXTERNAL_ID: &str = "/entities/by-external-id/customer-42";
const CURRENT: &str = "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/current";
const CREATE_VALIDATION: &str = "/api/kyc/validations";

fn entity() -> gu1_kyc::types::EntityId {
    gu1_kyc::types::EntityId::parse(ENTITY_ID).unwrap()
}

#[tokio::test]
async fn create_or_get_person_reads_the_entity_by_external_id_after_a_duplicate() {
    let api = Api::start().await;
    let create = api
        .route(
            POST,
            ENTITIES,
            409,
            &json!({"error": "DUPLICATE_EXTERNAL_ID", "message": "exists"}),
        )
        .await;
    let lookup = api
        .route(
            GET,
            BY_EXTERNAL_ID,
            200,
            &fixture("entity_created_created")["entity"],
        )
        .await;

    let person = api
        .client
        .entities()
        .create_or_get_person("John Doe", "AR", "customer-42")
        .send()
        .await
        .expect("the existing entity");

    assert_eq!(person.id.to_string(), ENTITY_ID);
    assert_eq!(create.calls_async().await, 1, "a create is never repeated");
    assert_eq!(lookup.calls_async().await, 1);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn create_or_get_person_keeps_a_duplicate_tax_id_error_when_no_entity_has_the_external_id() {
    let api = Api::start().await;
    api.route(
        POST,
        ENTITIES,
        409,
        &fixture("create_entity_409_duplicate_tax_id"),
    )
    .await;
    api.route(
        GET,
        BY_EXTERNAL_ID,
        404,
        &fixture("entity_not_found_not_found"),
    )
    .await;

    let error = api
        .client
        .entities()
        .create_or_get_person("John Doe", "AR", "customer-42")
        .tax_id("99990001")
        .send()
        .await
        .expect_err("the tax ID belongs to another entity");

    assert_eq!(error.code(), Some(&ErrorCode::DuplicateTaxId));
    api.assert_all_matched().await;
}

#[tokio::test]
async fn create_or_get_person_sends_one_create_when_the_entity_is_new() {
    let api = Api::start().await;
    let create = api
        .route(POST, ENTITIES, 201, &fixture("entity_created_created"))
        .await;

    let person = api
        .client
        .entities()
        .create_or_get_person("John Doe", "AR", "customer-42")
        .send()
        .await
        .unwrap();

    assert_eq!(person.id.to_string(), ENTITY_ID);
    assert_eq!(create.calls_async().await, 1);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn ensure_open_returns_an_open_current_validation_without_creating_one() {
    let api = Api::start().await;
    let mut open = fixture("get_current_validation_200_current");
    open["status"] = json!("pending");
    open["providerSessionUrl"] = json!("https://verify.example.com/session_1");
    open["expiresAt"] = json!("2999-01-01T00:00:00Z");
    api.route(GET, CURRENT, 200, &open).await;

    let validation = api
        .client
        .validations()
        .ensure_open(&entity())
        .await
        .unwrap();

    assert_eq!(validation.status, ValidationStatus::Pending);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn ensure_open_creates_when_the_current_validation_is_expired_or_absent() {
    for current in [None, Some("expired-url"), Some("approved")] {
        let api = Api::start().await;
        match current {
            None => {
                api.route(
                    GET,
                    CURRENT,
                    404,
                    &fixture("get_current_validation_404_no_current_validation"),
                )
                .await;
            }
            Some(which) => {
                let mut body = fixture("get_current_validation_200_current");
                if which == "expired-url" {
                    body["status"] = json!("pending");
                    body["providerSessionUrl"] = json!("https://verify.example.com/session_1");
                    body["expiresAt"] = json!("2000-01-01T00:00:00Z");
                } else {
                    body["status"] = json!("approved");
                }
                api.route(GET, CURRENT, 200, &body).await;
            }
        }
        let create = api
            .route(
                POST,
                CREATE_VALIDATION,
                201,
                &fixture("create_validation_201_created"),
            )
            .await;

        api.client
            .validations()
            .ensure_open(&entity())
            .await
            .unwrap();

        assert_eq!(create.calls_async().await, 1, "{current:?}");
        api.assert_all_matched().await;
    }
}
