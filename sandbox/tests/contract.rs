//! Every operation of the spec, answered by the sandbox over HTTP, with successes and errors,
//! each answer checked against `openapi/gu1-kyc.yaml` by a JSON Schema validator.

mod support;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::json;
use support::{Api, Body, all_operations, jpeg, png, quick_sandbox, seen_operations};

const NO_SUCH_ID: &str = "00000000-0000-4000-8000-000000000000";

#[tokio::test]
async fn every_operation_answers_per_the_spec_with_successes_and_errors() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);

    // Entities.
    let created = api
        .post(
            "/entities",
            json!({"type": "person", "name": "John Doe", "countryCode": "AR", "taxId": "12.345.678",
                   "externalId": "customer-42", "entityData": {"person": {"firstName": "John", "lastName": "Doe", "dateOfBirth": "1990-01-15", "nationality": "AR"}},
                   "attributes": {"tier": "gold"}, "isClient": true}),
        )
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(created.json["success"], true);
    assert_eq!(created.json["entity"]["taxId"], "12345678");
    let entity_id = created.json["entity"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        api.get(&format!("/entities/{entity_id}")).await.json["id"],
        entity_id.as_str()
    );
    assert_eq!(
        api.get("/entities/by-external-id/customer-42").await.json["id"],
        entity_id.as_str()
    );
    assert_eq!(
        api.get("/entities/by-tax-id/12-345-678").await.json["id"],
        entity_id.as_str()
    );
    let listed = api
        .get("/entities?type=person&country=AR&taxId=12345678")
        .await;
    assert_eq!(listed.json["entities"].as_array().unwrap().len(), 1);
    assert_eq!(
        api.get(&format!("/entities/{NO_SUCH_ID}")).await.status,
        404
    );
    assert_eq!(api.get("/entities/by-external-id/nobody").await.status, 404);
    assert_eq!(api.get("/entities/by-tax-id/11111111").await.status, 404);
    assert_eq!(api.get("/entities?type=spaceship").await.status, 400);
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
    let company_id = company.json["entity"]["id"].as_str().unwrap().to_string();

    // Validations: create, errors, reads.
    let validation = api.validate(&entity_id).await;
    let id = validation["id"].as_str().unwrap().to_string();
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
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{id}")).await.status,
        200
    );
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{NO_SUCH_ID}"))
            .await
            .status,
        404
    );
    assert_eq!(
        api.get("/api/kyc/validations?limit=10&status=pending")
            .await
            .status,
        200
    );
    assert_eq!(api.get("/api/kyc/validations?limit=0").await.status, 400);
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
    assert_eq!(
        api.get(&format!(
            "/api/kyc/entities/{entity_id}/validations?page=1&limit=5"
        ))
        .await
        .status,
        200
    );
    assert_eq!(
        api.get(&format!(
            "/api/kyc/entities/{entity_id}/validations?status=done"
        ))
        .await
        .status,
        400
    );
    assert_eq!(
        api.get(&format!("/api/kyc/entities/{NO_SUCH_ID}/validations"))
            .await
            .status,
        404
    );
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

    // Sync, decisions and media.
    assert_eq!(
        api.post(
            &format!("/api/kyc/validations/{id}/sync"),
            json!({"force": true})
        )
        .await
        .status,
        200
    );
    assert_eq!(
        api.post(
            &format!("/api/kyc/validations/{NO_SUCH_ID}/sync"),
            json!({})
        )
        .await
        .status,
        404
    );
    let mock_entity = api.person("99990003").await;
    let mock = api.validate(&mock_entity).await;
    let mock_id = mock["id"].as_str().unwrap().to_string();
    let no_session = api
        .post(&format!("/api/kyc/validations/{mock_id}/sync"), json!({}))
        .await;
    assert_eq!(
        (no_session.status, no_session.code()),
        (400, "NO_SESSION_ID")
    );
    let early = api
        .post(
            &format!("/api/kyc/validations/{id}/approve"),
            json!({"reason": "Looks right"}),
        )
        .await;
    assert_eq!((early.status, early.code()), (400, "INVALID_STATUS"));
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
    api.wait_for_status(&mock_id, "in_review").await;
    let approved = api
        .post(
            &format!("/api/kyc/validations/{mock_id}/approve"),
            json!({"reason": "Documents checked by hand"}),
        )
        .await;
    assert_eq!(approved.json["status"], "approved");
    let cancelled = api
        .delete(
            &format!("/api/kyc/validations/{id}/cancel"),
            json!({"reason": "Customer asked to stop"}),
        )
        .await;
    assert_eq!(cancelled.json["status"], "cancelled");
    let again = api
        .delete(
            &format!("/api/kyc/validations/{id}/cancel"),
            json!({"reason": "Twice over"}),
        )
        .await;
    assert_eq!((again.status, again.code()), (400, "INVALID_STATUS"));
    assert_eq!(
        api.delete(
            &format!("/api/kyc/validations/{NO_SUCH_ID}/cancel"),
            json!({"reason": "Nothing here"})
        )
        .await
        .status,
        404
    );
    let key = approved.json["decision"]["id_verification"]["front_image"]
        .as_str()
        .unwrap()
        .to_string();
    let media = api
        .get(&format!(
            "/api/kyc/validations/{mock_id}/media?key={}",
            key.replace('/', "%2F")
        ))
        .await;
    assert_eq!(
        (media.status, media.content_type.as_str()),
        (200, "image/png")
    );
    assert_eq!(
        api.get(&format!(
            "/api/kyc/validations/{mock_id}/media?key=kyc%2Fnothing.png"
        ))
        .await
        .status,
        404
    );
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{mock_id}/media?key=s3%2Fx"))
            .await
            .status,
        400
    );
    assert_eq!(
        api.get(&format!(
            "/api/kyc/validations/{NO_SUCH_ID}/media?key=kyc%2Fx"
        ))
        .await
        .status,
        404
    );

    // ID verification.
    let front = jpeg(b"front");
    let form = Form::new()
        .part(
            "documentFront",
            Part::bytes(front.clone())
                .file_name("front.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        )
        .text("entityId", entity_id.clone())
        .text("vendorData", "customer-42");
    let uploaded = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!(
        (uploaded.status, uploaded.json["status"].as_str()),
        (200, Some("Approved"))
    );
    let verification = uploaded.json["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let missing = api
        .send(
            Method::POST,
            "/api/kyc/id-verification",
            Body::Form(Form::new().text("vendorData", "x")),
        )
        .await;
    assert_eq!((missing.status, missing.code()), (400, "INVALID_REQUEST"));
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
    let record = api
        .get(&format!(
            "/api/kyc/id-verification/verifications/{verification}"
        ))
        .await;
    assert_eq!(record.json["status"], "approved");
    assert_eq!(
        api.get(&format!(
            "/api/kyc/id-verification/verifications/{NO_SUCH_ID}"
        ))
        .await
        .status,
        404
    );
    let image = api
        .get(&format!(
            "/api/kyc/id-verification/verifications/{verification}/document-front-image"
        ))
        .await;
    assert_eq!((image.status, image.bytes.clone()), (200, front));
    assert_eq!(
        api.get(&format!(
            "/api/kyc/id-verification/verifications/{verification}/document-back-image"
        ))
        .await
        .status,
        404
    );

    // Face match.
    let form = Form::new()
        .part(
            "documentImage",
            Part::bytes(png(b"portrait")).file_name("doc.png"),
        )
        .text(
            "selfieImage",
            format!("data:image/png;base64,{}", base64_of(&png(b"portrait"))),
        );
    let matched = api
        .send(Method::POST, "/api/kyc/face-match", Body::Form(form))
        .await;
    assert_eq!(
        (matched.status, matched.json["score"].as_f64()),
        (200, Some(100.0))
    );
    let face = matched.json["verificationId"].as_str().unwrap().to_string();
    let missing = api
        .send(
            Method::POST,
            "/api/kyc/face-match",
            Body::Form(Form::new().text("selfieImage", "x")),
        )
        .await;
    assert_eq!((missing.status, missing.code()), (400, "INVALID_REQUEST"));
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
    assert_eq!(
        api.get(&format!(
            "/api/kyc/face-match/verifications/{face}/document-image"
        ))
        .await
        .content_type,
        "image/png"
    );
    assert_eq!(
        api.get(&format!(
            "/api/kyc/face-match/verifications/{face}/selfie-image"
        ))
        .await
        .bytes,
        png(b"portrait")
    );
    assert_eq!(
        api.get(&format!(
            "/api/kyc/face-match/verifications/{NO_SUCH_ID}/selfie-image"
        ))
        .await
        .status,
        404
    );

    // Without a key, every operation is 401.
    let anonymous = api.without_key();
    assert_eq!(anonymous.get("/entities").await.status, 401);
    assert_eq!(
        anonymous
            .get(&format!("/api/kyc/validations/{id}"))
            .await
            .code(),
        "UNAUTHORIZED"
    );

    let missed: Vec<String> = all_operations()
        .difference(&seen_operations().lock().unwrap())
        .cloned()
        .collect();
    assert!(missed.is_empty(), "operations never exercised: {missed:?}");
    assert_eq!(all_operations().len(), 26);
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn the_contract_checker_rejects_bodies_and_statuses_the_spec_does_not_allow() {
    let wrong_body = std::panic::catch_unwind(|| {
        support::check_contract(
            &Method::GET,
            "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000",
            200,
            "application/json",
            br#"{"id": "not-a-uuid", "entityId": 5, "status": "approved"}"#,
        )
    });
    assert!(wrong_body.is_err());
    let undocumented_status = std::panic::catch_unwind(|| {
        support::check_contract(
            &Method::GET,
            "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000",
            418,
            "application/json",
            br#"{"error": "TEAPOT", "message": "no"}"#,
        )
    });
    assert!(undocumented_status.is_err());
}
