//! The validation state machine: test-number outcomes, one current validation per entity
//! (also under concurrent creates), manual decisions, history paging and the KYC summary.

use crate::support::api::{Api, quick_sandbox};
use serde_json::json;

#[tokio::test]
async fn each_test_number_reaches_its_documented_outcome_through_in_progress() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let table = [
        ("99.990.001", "approved", true),
        ("99990002", "rejected", false),
        ("99990003", "in_review", true),
        ("99990004", "abandoned", false),
        ("99990005", "expired", false),
        ("99990006", "cancelled", false),
        ("20-99990001-0", "approved", true),
    ];
    for (tax_id, outcome, current) in table {
        let entity = api.person(tax_id).await;
        let created = api.validate(&entity).await;
        assert_eq!(created["status"], "pending");
        assert_eq!(created["providerSessionUrl"], serde_json::Value::Null);
        let id = created["id"].as_str().unwrap();
        let done = api.wait_for_status(id, outcome).await;
        assert_eq!(done["isCurrent"], current, "{tax_id}");
    }
    // A CPF of a Brazilian person maps the same way.
    let brazilian = api
        .post(
            "/entities",
            json!({"type": "person", "name": "Joao Silva", "countryCode": "BR", "taxId": "999.900.002-00"}),
        )
        .await;
    let id = api
        .validation_id(brazilian.json["entity"]["id"].as_str().unwrap())
        .await;
    api.wait_for_status(&id, "rejected").await;
    let events: Vec<String> = sandbox
        .webhook_deliveries()
        .iter()
        .filter(|d| d.validation_id.to_string() == id)
        .map(|d| d.event.clone())
        .collect();
    assert_eq!(
        events,
        [
            "kyc.validation_created",
            "kyc.validation_in_progress",
            "kyc.validation_rejected"
        ]
    );
}

#[tokio::test]
async fn an_approved_test_number_carries_decision_extracted_data_and_media() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("99990001").await;
    let id = api.validation_id(&entity).await;
    let done = api.wait_for_status(&id, "approved").await;
    assert!(done["verifiedAt"].is_string());
    assert_eq!(done["decision"]["status"], "Approved");
    assert_eq!(done["extractedData"]["firstName"], "Ana");
    assert_eq!(
        done["metadata"]["integrationCode"],
        "global_gueno_validation_kyc"
    );
    let key = done["decision"]["id_verification"]["portrait_image"]
        .as_str()
        .unwrap();
    let media = api
        .get(&format!(
            "/api/kyc/validations/{id}/media?key={}",
            key.replace('/', "%2F")
        ))
        .await;
    assert_eq!(&media.bytes[..4], b"\x89PNG");
    let entity = api.get(&format!("/entities/{entity}")).await;
    assert_eq!(entity.json["kycVerified"], true);
}

#[tokio::test]
async fn a_new_validation_demotes_the_current_one() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30111222").await;
    let first = api.validate(&entity).await;
    let second = api.validate(&entity).await;
    assert!(
        first["providerSessionUrl"]
            .as_str()
            .unwrap()
            .starts_with(sandbox.base_url())
    );
    assert_eq!(first["sessionId"], first["validationSessionId"]);
    let old = api
        .get(&format!(
            "/api/kyc/validations/{}",
            first["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(old.json["isCurrent"], false);
    let current = api
        .get(&format!("/api/kyc/entities/{entity}/current"))
        .await;
    assert_eq!(current.json["id"], second["id"]);
}

#[tokio::test]
async fn concurrent_creates_for_one_entity_leave_exactly_one_current_validation() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30222333").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let api = api.clone();
        let entity = entity.clone();
        tasks.spawn(async move { api.validate(&entity).await });
    }
    let mut created = 0;
    while let Some(result) = tasks.join_next().await {
        result.expect("a create task");
        created += 1;
    }
    assert_eq!(created, 40);
    let page = api
        .get(&format!(
            "/api/kyc/entities/{entity}/validations?isCurrent=true"
        ))
        .await;
    assert_eq!(page.json["total"], 1);
    let all = api
        .get(&format!("/api/kyc/entities/{entity}/validations"))
        .await;
    assert_eq!(all.json["total"], 40);
    let newest = &all.json["validations"][0];
    assert_eq!(newest["isCurrent"], true);
}

#[tokio::test]
async fn history_is_newest_first_and_pages_with_filters() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30333444").await;
    let mut ids = vec![];
    for _ in 0..5 {
        ids.push(api.validation_id(&entity).await);
    }
    let path = format!("/api/kyc/entities/{entity}/validations");
    let page = api.get(&format!("{path}?page=2&limit=2")).await;
    let got: Vec<&str> = page.json["validations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, [ids[2].as_str(), ids[1].as_str()]);
    assert_eq!(
        (page.json["total"].as_u64(), page.json["page"].as_u64()),
        (Some(5), Some(2))
    );
    let historical = api
        .get(&format!("{path}?isCurrent=false&status=pending"))
        .await;
    assert_eq!(historical.json["total"], 4);
    let beyond = api.get(&format!("{path}?page=9")).await;
    assert_eq!(beyond.json["validations"].as_array().unwrap().len(), 0);
    let org_wide = api
        .get(&format!("/api/kyc/validations?entityId={entity}&limit=1"))
        .await;
    assert_eq!(org_wide.json["validations"][0]["id"], ids[4].as_str());
    for bad in [
        "page=0",
        "limit=101",
        "limit=abc",
        "isCurrent=yes",
        "status=done",
    ] {
        let answer = api.get(&format!("{path}?{bad}")).await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "VALIDATION_ERROR"),
            "{bad}"
        );
    }
    let bad_status = api.get(&format!("{path}?status=done")).await;
    assert_eq!(
        bad_status.json["message"],
        "Invalid status value. Must be one of: pending, in_progress, in_review, approved, rejected, expired, abandoned, cancelled"
    );
}

#[tokio::test]
async fn decisions_follow_the_state_machine_and_store_their_reasons() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let reject_me = api.person("99990003").await;
    let id = api.validation_id(&reject_me).await;
    api.wait_for_status(&id, "in_review").await;
    let cancel_path = format!("/api/kyc/validations/{id}/cancel");
    let short = api.delete(&cancel_path, json!({"reason": "   ab  "})).await;
    assert_eq!(short.code(), "INVALID_REASON");
    let rejected = api
        .post(
            &format!("/api/kyc/validations/{id}/reject"),
            json!({"reason": "Photo does not match"}),
        )
        .await;
    assert_eq!(rejected.json["status"], "rejected");
    assert_eq!(rejected.json["isCurrent"], false);
    assert_eq!(
        rejected.json["metadata"]["rejectionReason"],
        "Photo does not match"
    );
    let late = api
        .post(
            &format!("/api/kyc/validations/{id}/approve"),
            json!({"reason": "Changed my mind"}),
        )
        .await;
    assert_eq!((late.status, late.code()), (400, "INVALID_STATUS"));
    let none = api
        .get(&format!("/api/kyc/entities/{reject_me}/current"))
        .await;
    assert_eq!(none.status, 404);

    let entity = api.person("20-99990003-0").await;
    let id = api.validation_id(&entity).await;
    api.wait_for_status(&id, "in_review").await;
    let approved = api
        .post(
            &format!("/api/kyc/validations/{id}/approve"),
            json!({"reason": "Checked by compliance"}),
        )
        .await;
    assert_eq!(
        approved.json["metadata"]["approvalReason"],
        "Checked by compliance"
    );
    assert!(approved.json["verifiedAt"].is_string());
    assert_eq!(approved.json["isCurrent"], true);

    let pending_entity = api.person("30444555").await;
    let pending = api.validation_id(&pending_entity).await;
    let cancelled = api
        .delete(
            &format!("/api/kyc/validations/{pending}/cancel"),
            json!({"reason": "Customer left"}),
        )
        .await;
    assert_eq!(
        cancelled.json["metadata"]["cancellationReason"],
        "Customer left"
    );
    assert_eq!(cancelled.json["isCurrent"], false);
}

#[tokio::test]
async fn the_kyc_summary_reports_verification_and_its_expiry() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("99990001").await;
    let before = api.get(&format!("/api/kyc/entities/{entity}/status")).await;
    assert_eq!(
        (
            &before.json["hasKyc"],
            &before.json["isVerified"],
            &before.json["needsReverification"]
        ),
        (&json!(false), &json!(false), &json!(false))
    );
    let id = api.validation_id(&entity).await;
    let done = api.wait_for_status(&id, "approved").await;
    let after = api.get(&format!("/api/kyc/entities/{entity}/status")).await;
    assert_eq!(after.json["isVerified"], true);
    assert_eq!(after.json["currentValidation"]["id"], id.as_str());
    assert_eq!(after.json["lastVerifiedAt"], done["verifiedAt"]);
    let verified: chrono::DateTime<chrono::Utc> =
        done["verifiedAt"].as_str().unwrap().parse().unwrap();
    let expires: chrono::DateTime<chrono::Utc> =
        after.json["expiresAt"].as_str().unwrap().parse().unwrap();
    assert_eq!((expires - verified).num_days(), 365);
    assert_eq!(after.json["needsReverification"], false);
}

#[tokio::test]
async fn create_echoes_metadata_and_rejects_metadata_over_ten_kilobytes() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30555666").await;
    let created = api
        .post(
            "/api/kyc/validations",
            json!({"entityId": entity, "integrationCode": "global_gueno_validation_kyc",
                   "metadata": {"userId": "user_12345"}, "workflowId": "wf_standard",
                   "doubleCheckRenaper": false, "omitWarnings": ["POSSIBLE_DUPLICATED_USER"]}),
        )
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(created.json["metadata"]["userId"], "user_12345");
    assert_eq!(created.json["metadata"]["integrationName"], "Gu1 KYC");
    assert_eq!(created.json["provider"], "Gu1 KYC");
    let created_at: chrono::DateTime<chrono::Utc> =
        created.json["createdAt"].as_str().unwrap().parse().unwrap();
    let expires_at: chrono::DateTime<chrono::Utc> =
        created.json["expiresAt"].as_str().unwrap().parse().unwrap();
    assert_eq!((expires_at - created_at).num_days(), 7);
    let big = "x".repeat(11 * 1024);
    let too_big = api
        .post(
            "/api/kyc/validations",
            json!({"entityId": entity, "integrationCode": "global_gueno_validation_kyc", "metadata": {"blob": big}}),
        )
        .await;
    assert_eq!((too_big.status, too_big.code()), (400, "VALIDATION_ERROR"));
}
