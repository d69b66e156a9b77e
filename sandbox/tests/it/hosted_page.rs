//! The hosted verification page, driven over HTTP with plain form posts, as a browser without
//! scripts would.

use crate::support::api::{Api, quick_sandbox};
use reqwest::redirect::Policy;
use serde_json::json;

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

async fn session_url(api: &Api, tax_id: &str) -> (String, String) {
    let entity = api.person(tax_id).await;
    let created = api.validate(&entity).await;
    (
        created["id"].as_str().unwrap().to_string(),
        created["providerSessionUrl"].as_str().unwrap().to_string(),
    )
}

async fn page(url: &str) -> (u16, String) {
    let response = browser().get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn post_form(url: &str, fields: &[(&str, &str)]) -> (u16, Option<String>) {
    let response = browser().post(url).form(fields).send().await.unwrap();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (response.status().as_u16(), location)
}

#[tokio::test]
async fn starting_and_approving_on_the_page_completes_the_validation() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (id, url) = session_url(&api, "32000111").await;
    let (status, html) = page(&url).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"start\""));
    assert!(html.contains("data-status=\"pending\""));
    assert!(!html.contains("<script"));

    let (status, location) = post_form(&format!("{url}/start"), &[]).await;
    assert_eq!(status, 303);
    assert!(url.ends_with(location.as_deref().unwrap()));
    let (_, html) = page(&url).await;
    for id in [
        "outcome-approved",
        "outcome-rejected",
        "outcome-in_review",
        "outcome-abandoned",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{id}")).await.json["status"],
        "in_progress"
    );

    let (status, _) = post_form(&format!("{url}/complete"), &[("outcome", "approved")]).await;
    assert_eq!(status, 303);
    let done = api.get(&format!("/api/kyc/validations/{id}")).await;
    assert_eq!(done.json["status"], "approved");
    assert!(done.json["verifiedAt"].is_string());
    assert_eq!(done.json["decision"]["status"], "Approved");
    assert!(!done.json["verifiedFields"].as_array().unwrap().is_empty());
    assert_eq!(done.json["extractedData"]["lastName"], "Gomez");
    let key = done.json["decision"]["id_verification"]["front_image"]
        .as_str()
        .unwrap();
    assert!(key.starts_with(&format!("kyc/{}/{id}/", sandbox.organization_id())));
    let media = api
        .get(&format!(
            "/api/kyc/validations/{id}/media?key={}",
            key.replace('/', "%2F")
        ))
        .await;
    assert_eq!(media.status, 200);

    let (_, html) = page(&url).await;
    assert!(html.contains("id=\"ended\""));
    assert!(!html.contains("id=\"outcome-approved\""));
    let events: Vec<String> = sandbox
        .webhook_deliveries()
        .into_iter()
        .map(|d| d.event)
        .collect();
    assert_eq!(
        events,
        [
            "kyc.validation_created",
            "kyc.validation_in_progress",
            "kyc.validation_approved"
        ]
    );
}

#[tokio::test]
async fn each_outcome_button_drives_the_same_state_machine() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let cases = [
        ("32000201", "rejected", false),
        ("32000202", "in_review", true),
        ("32000203", "abandoned", false),
    ];
    for (tax_id, outcome, current) in cases {
        let (id, url) = session_url(&api, tax_id).await;
        // Choosing an outcome without starting first still passes through in_progress.
        post_form(&format!("{url}/complete"), &[("outcome", outcome)]).await;
        let done = api.get(&format!("/api/kyc/validations/{id}")).await;
        assert_eq!(done.json["status"], outcome);
        assert_eq!(done.json["isCurrent"], current);
    }
    let review = sandbox
        .webhook_deliveries()
        .into_iter()
        .filter(|d| d.event == "kyc.validation_in_review")
        .count();
    assert_eq!(review, 1);
}

#[tokio::test]
async fn a_cancelled_session_shows_that_it_has_ended_and_ignores_further_posts() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (id, url) = session_url(&api, "32000301").await;
    api.delete(
        &format!("/api/kyc/validations/{id}/cancel"),
        json!({"reason": "Customer left"}),
    )
    .await;
    let (status, html) = page(&url).await;
    assert_eq!(status, 200);
    assert!(html.contains("This session has ended"));
    assert!(html.contains("data-status=\"cancelled\""));
    post_form(&format!("{url}/start"), &[]).await;
    post_form(&format!("{url}/complete"), &[("outcome", "approved")]).await;
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{id}")).await.json["status"],
        "cancelled"
    );
}

#[tokio::test]
async fn unknown_sessions_and_bad_outcomes_get_html_errors_not_state_changes() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (status, html) = page(&format!("{}/verify/session_nope", sandbox.base_url())).await;
    assert_eq!(status, 404);
    assert!(html.contains("not valid"));
    let (status, _) = post_form(
        &format!("{}/verify/%3Cscript%3E/start", sandbox.base_url()),
        &[],
    )
    .await;
    assert_eq!(status, 404);
    let (id, url) = session_url(&api, "32000401").await;
    let (status, _) = post_form(&format!("{url}/complete"), &[("outcome", "<b>win</b>")]).await;
    assert_eq!(status, 400);
    let (status, _) = post_form(&format!("{url}/complete"), &[]).await;
    assert_eq!(status, 400);
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{id}")).await.json["status"],
        "pending"
    );
}
