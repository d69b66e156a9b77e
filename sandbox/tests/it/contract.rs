//! Every operation of the spec, answered by the sandbox over HTTP, with successes and errors,
//! each answer checked against `openapi/gu1-kyc.yaml` by a JSON Schema validator.
//!
//! One test per operation, each against its own sandbox, so that one operation's failure does
//! not hide another's; `every_operation_of_the_spec_has_its_own_test` keeps the list complete.

use std::collections::BTreeSet;
use std::future::Future;

use crate::support::api::{Answer, Api, Body, all_operations, png, quick_sandbox};
use reqwest::Method;
use reqwest::multipart::Form;
use serde_json::{Value, json};

const NO_SUCH_ID: &str = "00000000-0000-4000-8000-000000000000";

/// Declares one test per operation: `test_name => "operationId"` runs the async fn `test_name`
/// below against a fresh sandbox, and fails if it never called that operation.
macro_rules! operation_tests {
    ($($test:ident => $operation:literal),+ $(,)?) => {
        /// The operations that have a test below.
        const TESTED: &[&str] = &[$($operation),+];

        mod operation {
            $(
                #[tokio::test]
                async fn $test() {
                    super::exercise($operation, super::$test).await;
                }
            )+
        }
    };
}

operation_tests! {
    create_entity => "createEntity",
    list_entities => "listEntities",
    get_entity => "getEntity",
    get_entity_by_external_id => "getEntityByExternalId",
    get_entity_by_tax_id => "getEntityByTaxId",
    create_validation => "createValidation",
    list_validations => "listValidations",
    get_validation => "getValidation",
    sync_validation => "syncValidation",
    approve_validation => "approveValidation",
    reject_validation => "rejectValidation",
    cancel_validation => "cancelValidation",
    get_validation_media => "getValidationMedia",
    get_current_validation => "getCurrentValidation",
    list_entity_validations => "listEntityValidations",
    get_entity_kyc_status => "getEntityKycStatus",
    create_id_verification => "createIdVerification",
    list_id_verifications => "listIdVerifications",
    get_id_verification => "getIdVerification",
    get_id_verification_front_image => "getIdVerificationFrontImage",
    get_id_verification_back_image => "getIdVerificationBackImage",
    create_face_match => "createFaceMatch",
    list_face_matches => "listFaceMatches",
    get_face_match => "getFaceMatch",
    get_face_match_document_image => "getFaceMatchDocumentImage",
    get_face_match_selfie_image => "getFaceMatchSelfieImage",
}

/// Runs one operation's test against its own sandbox and checks that it called the operation.
async fn exercise<F, Fut>(operation: &str, test: F)
where
    F: FnOnce(Api) -> Fut,
    Fut: Future<Output = ()>,
{
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    test(api.clone()).await;
    assert!(
        api.seen().contains(operation),
        "the test for {operation} never called it (it called {:?})",
        api.seen()
    );
}

#[test]
fn every_operation_of_the_spec_has_its_own_test() {
    let tested: BTreeSet<String> = TESTED.iter().map(|id| id.to_string()).collect();
    assert_eq!(tested.len(), TESTED.len(), "an operation is listed twice");
    let spec = all_operations();
    let untested: Vec<&String> = spec.difference(&tested).collect();
    assert!(
        untested.is_empty(),
        "operations never exercised: {untested:?}"
    );
    let unknown: Vec<&String> = tested.difference(&spec).collect();
    assert!(
        unknown.is_empty(),
        "tests for operations the spec lacks: {unknown:?}"
    );
    assert_eq!(all_operations().len(), 26);
}

/// The JSON body of John Doe, customer-42, a person in Argentina.
fn john_doe() -> Value {
    json!({"type": "person", "name": "John Doe", "countryCode": "AR", "taxId": "12.345.678",
           "externalId": "customer-42", "entityData": {"person": {"firstName": "John", "lastName": "Doe", "dateOfBirth": "1990-01-15", "nationality": "AR"}},
           "attributes": {"tier": "gold"}, "isClient": true})
}

/// Creates John Doe and returns his id.
async fn create_john(api: &Api) -> String {
    let created = api.post("/entities", john_doe()).await;
    assert_eq!(created.status, 201);
    created.json["entity"]["id"].as_str().unwrap().to_string()
}

/// Creates John Doe and a validation for him; returns both ids.
async fn john_with_validation(api: &Api) -> (String, String) {
    let entity_id = create_john(api).await;
    let validation = api.validate(&entity_id).await;
    let id = validation["id"].as_str().unwrap().to_string();
    (entity_id, id)
}

/// A validation of the sandbox's test person 99990003, which goes to review and has no provider
/// session; returns its id once it is in review.
async fn in_review(api: &Api) -> String {
    let mock_entity = api.person("99990003").await;
    let mock = api.validate(&mock_entity).await;
    let mock_id = mock["id"].as_str().unwrap().to_string();
    api.wait_for_status(&mock_id, "in_review").await;
    mock_id
}

/// Approves a validation in review; returns the answer.
async fn approve(api: &Api, id: &str) -> Answer {
    api.post(
        &format!("/api/kyc/validations/{id}/approve"),
        json!({"reason": "Documents checked by hand"}),
    )
    .await
}

async fn create_entity(api: Api) {
    let created = api.post("/entities", john_doe()).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.json["success"], true);
    assert_eq!(created.json["entity"]["taxId"], "12345678");
    let duplicate = api
        .post(
            "/entities",
            json!({"type": "person", "name": "X", "countryCode": "AR", "taxId": "12345678"}),
        )
        .await;
    assert_eq!(
        (duplicate.status, duplicate.code()),
        (409, "DUPLICATE_TAX_ID")
    );
    let bad_tax = api
        .post(
            "/entities",
            json!({"type": "person", "name": "X", "countryCode": "AR", "taxId": "123"}),
        )
        .await;
    assert_eq!((bad_tax.status, bad_tax.code()), (400, "INVALID_TAX_ID"));
    let company = api
        .post("/entities", json!({"type": "company", "name": "ACME SA", "countryCode": "AR", "taxId": "30-71234567-1"}))
        .await;
    assert!(company.json["entity"]["id"].as_str().is_some());
}

async fn list_entities(api: Api) {
    create_john(&api).await;
    let listed = api
        .get("/entities?type=person&country=AR&taxId=12345678")
        .await;
    assert_eq!(listed.json["entities"].as_array().unwrap().len(), 1);
    assert_eq!(api.get("/entities?type=spaceship").await.status, 400);
    // Without a key, every operation is 401.
    assert_eq!(api.without_key().get("/entities").await.status, 401);
}

async fn get_entity(api: Api) {
    let entity_id = create_john(&api).await;
    assert_eq!(
        api.get(&format!("/entities/{entity_id}")).await.json["id"],
        entity_id.as_str()
    );
    assert_eq!(
        api.get(&format!("/entities/{NO_SUCH_ID}")).await.status,
        404
    );
}

async fn get_entity_by_external_id(api: Api) {
    let entity_id = create_john(&api).await;
    assert_eq!(
        api.get("/entities/by-external-id/customer-42").await.json["id"],
        entity_id.as_str()
    );
    assert_eq!(api.get("/entities/by-external-id/nobody").await.status, 404);
}

async fn get_entity_by_tax_id(api: Api) {
    let entity_id = create_john(&api).await;
    assert_eq!(
        api.get("/entities/by-tax-id/12-345-678").await.json["id"],
        entity_id.as_str()
    );
    assert_eq!(api.get("/entities/by-tax-id/11111111").await.status, 404);
}

async fn create_validation(api: Api) {
    let entity_id = create_john(&api).await;
    let company = api
        .post("/entities", json!({"type": "company", "name": "ACME SA", "countryCode": "AR", "taxId": "30-71234567-1"}))
        .await;
    let company_id = company.json["entity"]["id"].as_str().unwrap().to_string();
    let validation = api.validate(&entity_id).await;
    assert_eq!(validation["status"], "pending");
    let create = |body| api.post("/api/kyc/validations", body);
    let unknown =
        create(json!({"entityId": NO_SUCH_ID, "integrationCode": "global_gueno_validation_kyc"}))
            .await;
    assert_eq!((unknown.status, unknown.code()), (404, "ENTITY_NOT_FOUND"));
    let not_person =
        create(json!({"entityId": company_id, "integrationCode": "global_gueno_validation_kyc"}))
            .await;
    assert_eq!(
        (not_person.status, not_person.code()),
        (400, "INVALID_ENTITY_TYPE")
    );
    let not_configured =
        create(json!({"entityId": entity_id, "integrationCode": "other_kyc"})).await;
    assert_eq!(
        (not_configured.status, not_configured.code()),
        (400, "KYC_NOT_CONFIGURED")
    );
}

async fn list_validations(api: Api) {
    john_with_validation(&api).await;
    assert_eq!(
        api.get("/api/kyc/validations?limit=10&status=pending")
            .await
            .status,
        200
    );
    assert_eq!(api.get("/api/kyc/validations?limit=0").await.status, 400);
}

async fn get_validation(api: Api) {
    let (_, id) = john_with_validation(&api).await;
    let path = format!("/api/kyc/validations/{id}");
    assert_eq!(api.get(&path).await.status, 200);
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{NO_SUCH_ID}"))
            .await
            .status,
        404
    );
    assert_eq!(api.without_key().get(&path).await.code(), "UNAUTHORIZED");
}

async fn sync_validation(api: Api) {
    let (_, id) = john_with_validation(&api).await;
    let api = &api;
    let sync = |id: String, body| async move {
        api.post(&format!("/api/kyc/validations/{id}/sync"), body)
            .await
    };
    assert_eq!(sync(id, json!({"force": true})).await.status, 200);
    assert_eq!(sync(NO_SUCH_ID.to_string(), json!({})).await.status, 404);
    let mock_entity = api.person("99990003").await;
    let mock_id = api.validation_id(&mock_entity).await;
    let no_session = sync(mock_id, json!({})).await;
    assert_eq!(
        (no_session.status, no_session.code()),
        (400, "NO_SESSION_ID")
    );
}

async fn approve_validation(api: Api) {
    let (_, id) = john_with_validation(&api).await;
    let early = api
        .post(
            &format!("/api/kyc/validations/{id}/approve"),
            json!({"reason": "Looks right"}),
        )
        .await;
    assert_eq!((early.status, early.code()), (400, "INVALID_STATUS"));
    let mock_id = in_review(&api).await;
    assert_eq!(approve(&api, &mock_id).await.json["status"], "approved");
}

async fn reject_validation(api: Api) {
    let (_, id) = john_with_validation(&api).await;
    let short = api
        .post(
            &format!("/api/kyc/validations/{id}/reject"),
            json!({"reason": "no"}),
        )
        .await;
    assert_eq!((short.status, short.code()), (400, "INVALID_REASON"));
    assert_eq!(
        api.post(
            &format!("/api/kyc/validations/{NO_SUCH_ID}/reject"),
            json!({"reason": "Not them"})
        )
        .await
        .status,
        404
    );
}

async fn cancel_validation(api: Api) {
    let (_, id) = john_with_validation(&api).await;
    let api = &api;
    let cancel = |id: String, reason| async move {
        api.delete(
            &format!("/api/kyc/validations/{id}/cancel"),
            json!({ "reason": reason }),
        )
        .await
    };
    let cancelled = cancel(id.clone(), "Customer asked to stop").await;
    assert_eq!(cancelled.json["status"], "cancelled");
    let again = cancel(id, "Twice over").await;
    assert_eq!((again.status, again.code()), (400, "INVALID_STATUS"));
    assert_eq!(
        cancel(NO_SUCH_ID.to_string(), "Nothing here").await.status,
        404
    );
}

async fn get_validation_media(api: Api) {
    let mock_id = in_review(&api).await;
    let approved = approve(&api, &mock_id).await;
    let key = approved.json["decision"]["id_verification"]["front_image"]
        .as_str()
        .unwrap()
        .to_string();
    let media = |id: &str, key: &str| {
        let path = format!("/api/kyc/validations/{id}/media?key={key}");
        let api = api.clone();
        async move { api.get(&path).await }
    };
    let image = media(&mock_id, &key.replace('/', "%2F")).await;
    assert_eq!(
        (image.status, image.content_type.as_str()),
        (200, "image/png")
    );
    assert_eq!(media(&mock_id, "kyc%2Fnothing.png").await.status, 404);
    assert_eq!(media(&mock_id, "s3%2Fx").await.status, 400);
    assert_eq!(media(NO_SUCH_ID, "kyc%2Fx").await.status, 404);
}

async fn get_current_validation(api: Api) {
    let (entity_id, id) = john_with_validation(&api).await;
    assert_eq!(
        api.get(&format!("/api/kyc/entities/{entity_id}/current"))
            .await
            .json["id"],
        id.as_str()
    );
    assert_eq!(
        api.get(&format!("/api/kyc/entities/{NO_SUCH_ID}/current"))
            .await
            .status,
        404
    );
}

async fn list_entity_validations(api: Api) {
    let (entity_id, _) = john_with_validation(&api).await;
    let list = |query: String| {
        let api = api.clone();
        async move { api.get(&format!("/api/kyc/entities/{query}")).await.status }
    };
    assert_eq!(
        list(format!("{entity_id}/validations?page=1&limit=5")).await,
        200
    );
    assert_eq!(
        list(format!("{entity_id}/validations?status=done")).await,
        400
    );
    assert_eq!(list(format!("{NO_SUCH_ID}/validations")).await, 404);
}

async fn get_entity_kyc_status(api: Api) {
    let (entity_id, _) = john_with_validation(&api).await;
    assert_eq!(
        api.get(&format!("/api/kyc/entities/{entity_id}/status"))
            .await
            .json["hasKyc"],
        true
    );
    assert_eq!(
        api.get(&format!("/api/kyc/entities/{NO_SUCH_ID}/status"))
            .await
            .status,
        404
    );
}

async fn create_id_verification(api: Api) {
    api.upload_document_front(&create_john(&api).await).await;
    let missing = api
        .send(
            Method::POST,
            "/api/kyc/id-verification",
            Body::Form(Form::new().text("vendorData", "x")),
        )
        .await;
    assert_eq!((missing.status, missing.code()), (400, "INVALID_REQUEST"));
}

async fn list_id_verifications(api: Api) {
    api.upload_document_front(&create_john(&api).await).await;
    assert_eq!(
        api.get("/api/kyc/id-verification/verifications?limit=10&offset=0")
            .await
            .json["pagination"]["total"],
        1
    );
    assert_eq!(
        api.get("/api/kyc/id-verification/verifications?status=weird")
            .await
            .status,
        400
    );
}

async fn get_id_verification(api: Api) {
    let (verification, _) = api.upload_document_front(&create_john(&api).await).await;
    let get = |id: String| {
        let api = api.clone();
        async move {
            api.get(&format!("/api/kyc/id-verification/verifications/{id}"))
                .await
        }
    };
    assert_eq!(get(verification).await.json["status"], "approved");
    assert_eq!(get(NO_SUCH_ID.to_string()).await.status, 404);
}

async fn get_id_verification_front_image(api: Api) {
    let (verification, front) = api.upload_document_front(&create_john(&api).await).await;
    let image = api
        .get(&format!(
            "/api/kyc/id-verification/verifications/{verification}/document-front-image"
        ))
        .await;
    assert_eq!((image.status, image.bytes.clone()), (200, front));
}

async fn get_id_verification_back_image(api: Api) {
    let (verification, _) = api.upload_document_front(&create_john(&api).await).await;
    assert_eq!(
        api.get(&format!(
            "/api/kyc/id-verification/verifications/{verification}/document-back-image"
        ))
        .await
        .status,
        404
    );
}

async fn create_face_match(api: Api) {
    api.match_portrait().await;
    let missing = api
        .send(
            Method::POST,
            "/api/kyc/face-match",
            Body::Form(Form::new().text("selfieImage", "x")),
        )
        .await;
    assert_eq!((missing.status, missing.code()), (400, "INVALID_REQUEST"));
}

async fn list_face_matches(api: Api) {
    api.match_portrait().await;
    assert_eq!(
        api.get("/api/kyc/face-match/verifications?withoutEntity=true")
            .await
            .json["pagination"]["total"],
        1
    );
    assert_eq!(
        api.get("/api/kyc/face-match/verifications?offset=-1")
            .await
            .status,
        400
    );
}

async fn get_face_match(api: Api) {
    let face = api.match_portrait().await;
    assert_eq!(
        api.get(&format!("/api/kyc/face-match/verifications/{face}"))
            .await
            .json["match"],
        true
    );
    assert_eq!(
        api.get(&format!("/api/kyc/face-match/verifications/{NO_SUCH_ID}"))
            .await
            .status,
        404
    );
}

async fn get_face_match_document_image(api: Api) {
    let face = api.match_portrait().await;
    assert_eq!(
        api.get(&format!(
            "/api/kyc/face-match/verifications/{face}/document-image"
        ))
        .await
        .content_type,
        "image/png"
    );
}

async fn get_face_match_selfie_image(api: Api) {
    let face = api.match_portrait().await;
    let selfie = |id: String| {
        let api = api.clone();
        async move {
            api.get(&format!(
                "/api/kyc/face-match/verifications/{id}/selfie-image"
            ))
            .await
        }
    };
    assert_eq!(selfie(face).await.bytes, png(b"portrait"));
    assert_eq!(selfie(NO_SUCH_ID.to_string()).await.status, 404);
}

#[test]
fn the_contract_checker_rejects_bodies_and_statuses_the_spec_does_not_allow() {
    let wrong_body = std::panic::catch_unwind(|| {
        crate::support::api::check_contract(
            &Method::GET,
            "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000",
            200,
            "application/json",
            br#"{"id": "not-a-uuid", "entityId": 5, "status": "approved"}"#,
        )
    });
    assert!(wrong_body.is_err());
    let undocumented_status = std::panic::catch_unwind(|| {
        crate::support::api::check_contract(
            &Method::GET,
            "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000",
            418,
            "application/json",
            br#"{"error": "TEAPOT", "message": "no"}"#,
        )
    });
    assert!(undocumented_status.is_err());
}
