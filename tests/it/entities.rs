//! Person entities: every operation's exact request, the documented example, the documented
//! errors, and the checks that refuse bad input before sending.

use crate::support::api::{
    Api, ENTITY_ID, assert_api_error, assert_invalid_input, assert_not_revealed, entity_id, expect,
    fixture, reply,
};
use gu1_kyc::{
    ErrorCode,
    types::{Entity, EntityStatus, EntityType},
};
use httpmock::Method::{GET, POST};
use serde_json::{Value, json};

/// The entity inside the documented creation answer, which is also what the reads return.
fn documented_entity() -> Value {
    fixture("entity_created_created")["entity"].clone()
}

fn assert_documented_entity(entity: &Entity) {
    assert_eq!(entity.id.as_str(), ENTITY_ID);
    assert_eq!(
        entity.external_id.as_ref().map(|v| v.expose().as_str()),
        Some("customer-42")
    );
    assert_eq!(entity.entity_type, EntityType::Person);
    assert_eq!(
        entity.name.as_ref().map(|n| n.expose().as_str()),
        Some("John Doe")
    );
    assert_eq!(
        entity.tax_id.as_ref().map(|t| t.expose().as_str()),
        Some("99990001")
    );
    assert_eq!(entity.country_code.as_deref(), Some("AR"));
    assert_eq!(entity.status, Some(EntityStatus::UnderReview));
    assert_eq!(entity.risk_score, Some(0.0));
    assert!(!entity.kyc_verified);
    assert_eq!(entity.kyc_provider, None);
    assert_eq!(entity.current_evaluation, None);
    assert_eq!(entity.deleted_at, None);
    let data = entity.entity_data.as_ref().expect("person data");
    assert_eq!(data.expose()["person"]["dateOfBirth"], "1990-01-15");
    assert!(
        entity.extra.expose().is_empty(),
        "every documented field is modelled"
    );
}

#[tokio::test]
async fn create_person_sends_the_documented_body_and_decodes_the_created_entity() {
    for status in [200, 201] {
        let api = Api::start().await;
        let mock = api
            .mock(|when, then| {
                expect(when, POST, "/entities")
                    .header("content-type", "application/json")
                    .json_body(fixture("create_entity_request_person"));
                reply(then, status, &fixture("entity_created_created"));
            })
            .await;

        let entity = api
            .client
            .entities()
            .create_person("John Doe", "AR")
            .tax_id("99990001")
            .external_id("customer-42")
            .first_name("John")
            .last_name("Doe")
            .date_of_birth("1990-01-15")
            .nationality("AR")
            .send()
            .await;

        let entity = entity.unwrap_or_else(|e| panic!("{status}: {e}"));
        mock.assert_async().await;
        assert_documented_entity(&entity);
    }
}

#[tokio::test]
async fn create_person_with_only_a_name_and_country_sends_nothing_else() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/entities").json_body(json!({
                "type": "person",
                "name": "John Doe",
                "countryCode": "BR",
            }));
            reply(then, 201, &fixture("entity_created_created"));
        })
        .await;

    let entity = api
        .client
        .entities()
        .create_person("John Doe", "BR")
        .send()
        .await;

    assert_eq!(entity.expect("created").id.as_str(), ENTITY_ID);
    mock.assert_async().await;
}

#[tokio::test]
async fn create_person_sends_attributes_and_the_client_flag() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/entities").json_body(json!({
                "type": "person",
                "name": "John Doe",
                "countryCode": "AR",
                "attributes": {"segment": "retail", "tier": 2},
                "isClient": true,
            }));
            reply(then, 201, &fixture("entity_created_created"));
        })
        .await;

    let entity = api
        .client
        .entities()
        .create_person("John Doe", "AR")
        .attribute("segment", "retail")
        .attribute("tier", 2)
        .is_client(true)
        .send()
        .await;

    assert!(entity.is_ok(), "{entity:?}");
    mock.assert_async().await;
}

#[tokio::test]
async fn create_person_maps_409_duplicate_tax_id_and_is_not_retried() {
    let api = Api::start().await;
    let mock = api
        .route(
            POST,
            "/entities",
            409,
            &fixture("create_entity_409_duplicate_tax_id"),
        )
        .await;

    let error = api
        .client
        .entities()
        .create_person("John Doe", "AR")
        .tax_id("99990001")
        .send()
        .await
        .expect_err("409");

    assert_api_error(&error, 409, &ErrorCode::DuplicateTaxId, "createEntity");
    assert_eq!(
        error.message(),
        Some("An entity with this taxId already exists")
    );
    assert_not_revealed(&error, "99990001");
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test]
async fn create_person_maps_400_invalid_tax_id() {
    let api = Api::start().await;
    api.route(
        POST,
        "/entities",
        400,
        &fixture("create_entity_400_invalid_tax_id"),
    )
    .await;

    let error = api
        .client
        .entities()
        .create_person("John Doe", "AR")
        .tax_id("12")
        .send()
        .await
        .expect_err("400");

    assert_api_error(&error, 400, &ErrorCode::InvalidTaxId, "createEntity");
    assert_not_revealed(&error, "taxId is not a valid DNI or CUIL for AR");
}

#[tokio::test]
async fn create_person_refuses_a_bad_country_code_or_an_empty_name_without_sending() {
    let api = Api::start().await;
    for country in ["ar", "ARG", "", "A1"] {
        let request = api.client.entities().create_person("John Doe", country);
        assert_invalid_input(request.send().await);
    }
    assert_invalid_input(api.client.entities().create_person("  ", "AR").send().await);
    let bad_date = api.client.entities().create_person("John Doe", "AR");
    assert_invalid_input(bad_date.date_of_birth("15/01/1990").send().await);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn get_reads_an_entity_by_its_id() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            "/entities/123e4567-e89b-12d3-a456-426614174000",
            200,
            &documented_entity(),
        )
        .await;

    let entity = api.client.entities().get(&entity_id()).await;

    assert_documented_entity(&entity.expect("the entity decodes"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_by_external_id_reads_the_external_id_path() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            "/entities/by-external-id/customer-42",
            200,
            &documented_entity(),
        )
        .await;

    let entity = api
        .client
        .entities()
        .get_by_external_id("customer-42")
        .await;

    assert_documented_entity(&entity.expect("the entity decodes"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_by_tax_id_reads_the_tax_id_path() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            "/entities/by-tax-id/99990001",
            200,
            &documented_entity(),
        )
        .await;

    let entity = api.client.entities().get_by_tax_id("99990001").await;

    assert_documented_entity(&entity.expect("the entity decodes"));
    mock.assert_async().await;
}

#[tokio::test]
async fn every_entity_read_maps_404_not_found() {
    let api = Api::start().await;
    api.mock(|when, then| {
        when.method(GET).path_prefix("/entities/");
        reply(then, 404, &fixture("entity_not_found_not_found"));
    })
    .await;
    let entities = api.client.entities();

    let errors = [
        (entities.get(&entity_id()).await, "getEntity"),
        (
            entities.get_by_external_id("customer-42").await,
            "getEntityByExternalId",
        ),
        (entities.get_by_tax_id("12345678").await, "getEntityByTaxId"),
    ];

    for (result, operation) in errors {
        let error = result.expect_err("404");
        assert_api_error(&error, 404, &ErrorCode::NotFound, operation);
        assert!(error.is_not_found());
        assert_eq!(error.message(), Some("Entity not found"));
    }
    api.assert_all_matched().await;
}

#[tokio::test]
async fn a_not_found_tax_id_never_appears_in_the_error() {
    let api = Api::start().await;
    api.route(
        GET,
        "/entities/by-tax-id/12345678",
        404,
        &fixture("entity_not_found_not_found"),
    )
    .await;

    let error = api.client.entities().get_by_tax_id("12345678").await;

    let error = error.expect_err("404");
    assert!(error.is_not_found());
    assert_not_revealed(&error, "12345678");
    assert_not_revealed(&error, crate::support::api::API_KEY);
}

#[tokio::test]
async fn empty_tax_and_external_ids_are_refused_without_sending() {
    let api = Api::start().await;
    assert_invalid_input(api.client.entities().get_by_tax_id("").await);
    assert_invalid_input(api.client.entities().get_by_tax_id("   ").await);
    assert_invalid_input(api.client.entities().get_by_external_id("").await);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn list_without_filters_sends_no_query() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, "/entities")
                .query_param_missing("type")
                .query_param_missing("country")
                .query_param_missing("taxId")
                .query_param_missing("externalId");
            reply(then, 200, &json!({"entities": [documented_entity()]}));
        })
        .await;

    let entities = api.client.entities().list().send().await;

    let entities = entities.expect("the list decodes");
    mock.assert_async().await;
    let [entity] = entities.as_slice() else {
        panic!("one entity, got {}", entities.len())
    };
    assert_documented_entity(entity);
}

#[tokio::test]
async fn list_sends_every_filter_that_is_set() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, "/entities")
                .query_param("type", "person")
                .query_param("country", "AR")
                .query_param("taxId", "99990001")
                .query_param("externalId", "customer-42");
            reply(then, 200, &json!({"entities": []}));
        })
        .await;

    let entities = api
        .client
        .entities()
        .list()
        .entity_type(EntityType::Person)
        .country("AR")
        .tax_id("99990001")
        .external_id("customer-42")
        .send()
        .await;

    assert!(entities.expect("an empty list").is_empty());
    mock.assert_async().await;
}

#[tokio::test]
async fn list_refuses_a_bad_country_code_without_sending() {
    let api = Api::start().await;
    for country in ["ar", "ARG", ""] {
        assert_invalid_input(api.client.entities().list().country(country).send().await);
    }
    api.assert_all_matched().await;
}

#[tokio::test]
async fn list_maps_401_unauthorized() {
    let api = Api::start().await;
    api.route(GET, "/entities", 401, &fixture("unauthorized_unauthorized"))
        .await;

    let error = api.client.entities().list().send().await.expect_err("401");

    assert_api_error(&error, 401, &ErrorCode::Unauthorized, "listEntities");
    assert!(error.is_unauthorized());
    assert!(!error.is_retryable());
}
