//! ID verification and face match: images as files or base64, stored byte for byte with
//! their type, deterministic results, and list filters.

use crate::support::api::{Api, Body, jpeg, png, quick_sandbox};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::Method;
use reqwest::multipart::{Form, Part};

async fn upload(api: &Api, form: Form) -> serde_json::Value {
    let answer = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.json);
    answer.json
}

async fn face_match(api: &Api, form: Form) -> serde_json::Value {
    let answer = api
        .send(Method::POST, "/api/kyc/face-match", Body::Form(form))
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.json);
    answer.json
}

#[tokio::test]
async fn images_sent_as_files_or_base64_are_served_back_byte_for_byte() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let front = jpeg(b"front side");
    let back = png(b"back side");
    let form = Form::new()
        .part(
            "documentFront",
            Part::bytes(front.clone()).file_name("front.jpg"),
        )
        .text(
            "documentBack",
            format!("data:image/png;base64,{}", STANDARD.encode(&back)),
        );
    let result = upload(&api, form).await;
    let id = result["verificationId"].as_str().unwrap();
    let path = format!("/api/kyc/id-verification/verifications/{id}");
    let front_answer = api.get(&format!("{path}/document-front-image")).await;
    assert_eq!(
        (front_answer.content_type.as_str(), front_answer.bytes),
        ("image/jpeg", front)
    );
    let back_answer = api.get(&format!("{path}/document-back-image")).await;
    assert_eq!(
        (back_answer.content_type.as_str(), back_answer.bytes),
        ("image/png", back)
    );
    let record = api.get(&path).await.json;
    assert!(
        record["documentBackStoragePath"]
            .as_str()
            .unwrap()
            .ends_with("back.png")
    );
    assert_eq!(record["extractedData"], result["extractedData"]);
}

#[tokio::test]
async fn the_same_document_always_reads_the_same_and_minimum_age_can_decline_it() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let form = || Form::new().text("documentFront", STANDARD.encode(jpeg(b"same document")));
    let first = upload(&api, form()).await;
    let second = upload(&api, form()).await;
    assert_eq!(first["extractedData"], second["extractedData"]);
    assert_eq!(first["status"], "Approved");
    assert_eq!(first["warnings"], serde_json::json!([]));
    let declined = upload(&api, form().text("minimumAge", "200")).await;
    assert_eq!(declined["status"], "Declined");
    assert_eq!(declined["warnings"][0], "MINIMUM_AGE_NOT_MET");
    let record = api
        .get(&format!(
            "/api/kyc/id-verification/verifications/{}",
            declined["verificationId"].as_str().unwrap()
        ))
        .await;
    assert_eq!(record.json["status"], "declined");
}

#[tokio::test]
async fn id_verification_lists_filter_by_entity_status_and_page_by_offset() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("35000111").await;
    let mut ids = vec![];
    for i in 0..4u8 {
        let mut form =
            Form::new().part("documentFront", Part::bytes(jpeg(&[i])).file_name("f.jpg"));
        if i % 2 == 0 {
            form = form.text("entityId", entity.clone());
        }
        ids.push(
            upload(&api, form).await["verificationId"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let list = "/api/kyc/id-verification/verifications";
    let linked = api.get(&format!("{list}?entityId={entity}")).await.json;
    assert_eq!(linked["pagination"]["total"], 2);
    let unlinked = api.get(&format!("{list}?withoutEntity=true")).await.json;
    assert_eq!(unlinked["pagination"]["total"], 2);
    let page = api.get(&format!("{list}?limit=2&offset=1")).await.json;
    let got: Vec<&str> = page["verifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, [ids[2].as_str(), ids[1].as_str()]);
    assert_eq!(
        page["pagination"],
        serde_json::json!({"limit": 2, "offset": 1, "total": 4})
    );
    let approved = api.get(&format!("{list}?status=approved")).await.json;
    assert_eq!(approved["pagination"]["total"], 4);
}

#[tokio::test]
async fn face_match_scores_deterministically_against_the_threshold() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let same = face_match(
        &api,
        Form::new()
            .part(
                "documentImage",
                Part::bytes(jpeg(b"face")).file_name("d.jpg"),
            )
            .part("selfieImage", Part::bytes(jpeg(b"face")).file_name("s.jpg")),
    )
    .await;
    assert_eq!(
        (same["score"].as_f64(), &same["match"]),
        (Some(100.0), &serde_json::json!(true))
    );
    assert_eq!(same["scoreDeclineThreshold"], 30.0);
    let form = |threshold: &str| {
        Form::new()
            .text("documentImage", STANDARD.encode(jpeg(b"one face")))
            .text("selfieImage", STANDARD.encode(png(b"another face")))
            .text("scoreThreshold", threshold.to_string())
    };
    let lenient = face_match(&api, form("0")).await;
    let strict = face_match(&api, form("100")).await;
    assert_eq!(lenient["score"], strict["score"]);
    assert!(lenient["score"].as_f64().unwrap() < 100.0);
    assert_eq!(
        (&lenient["match"], &lenient["status"]),
        (&serde_json::json!(true), &serde_json::json!("approved"))
    );
    assert_eq!(
        (&strict["match"], &strict["status"]),
        (&serde_json::json!(false), &serde_json::json!("declined"))
    );
    let record = api
        .get(&format!(
            "/api/kyc/face-match/verifications/{}",
            strict["verificationId"].as_str().unwrap()
        ))
        .await
        .json;
    assert_eq!(
        (record["threshold"].as_f64(), record["status"].as_str()),
        (Some(100.0), Some("declined"))
    );
    let declined = api
        .get("/api/kyc/face-match/verifications?status=declined")
        .await
        .json;
    assert_eq!(declined["pagination"]["total"], 1);
}
