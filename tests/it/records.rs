//! ID-verification and face-match audit records: lists and their paging, single records, and
//! the stored images.

use crate::support::api::{
    Api, ENTITY_ID, FACE_MATCH_ID, ID_VERIFICATION_ID, answer, assert_api_error,
    assert_invalid_input, assert_streams_ids, entity_id, expect, face_match_id, fixture,
    id_verification_id, in_turn, reply, with_ids,
};
use futures_util::StreamExt;
use gu1_kyc::{
    ErrorCode,
    types::{
        FaceMatchStatus, IdVerificationRecord, IdVerificationStatus, StorageProvider, WarningCode,
    },
};
use httpmock::Method::GET;
use serde_json::{Value, json};

const ID_LIST: &str = "/api/kyc/id-verification/verifications";
const FACE_LIST: &str = "/api/kyc/face-match/verifications";

fn id_record_path(suffix: &str) -> String {
    format!("{ID_LIST}/{ID_VERIFICATION_ID}{suffix}")
}

fn face_record_path(suffix: &str) -> String {
    format!("{FACE_LIST}/{FACE_MATCH_ID}{suffix}")
}

/// A face-match page holding both documented records (the docs show no page example).
fn face_match_page() -> Value {
    json!({
        "verifications": [fixture("get_face_match_200_approved"), fixture("get_face_match_200_failed")],
        "pagination": {"limit": 50, "offset": 0, "total": 2},
    })
}

// ---- ID verification -----------------------------------------------------------------------

#[tokio::test]
async fn id_verification_list_sends_only_the_offset_by_default_and_decodes_the_documented_page() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, ID_LIST)
                .query_param("offset", "0")
                .query_param_missing("limit")
                .query_param_missing("entityId")
                .query_param_missing("withoutEntity")
                .query_param_missing("status");
            reply(then, 200, &fixture("list_id_verifications_200_list"));
        })
        .await;

    let page = api.client.id_verifications().list().send().await;

    let page = page.expect("the documented page decodes");
    mock.assert_async().await;
    assert_eq!((page.total, page.offset, page.limit), (1, 0, 20));
    assert_eq!(page.next_offset(), None);
    let [record] = page.items.as_slice() else {
        panic!("one record, got {}", page.items.len())
    };
    assert_eq!(record.id.as_str(), ID_VERIFICATION_ID);
    assert_eq!(record.status, IdVerificationStatus::Approved);
    assert_eq!(record.warnings, [WarningCode::MrzNotDetected]);
    assert_eq!(record.entity_id, None);
    assert_eq!(record.request_id, None);
    assert_eq!(record.vendor_data, None);
    assert_eq!(record.error_message, None);
    assert_eq!(record.storage_provider, None);
    assert_eq!(record.document_front_storage_path, None);
    assert!(record.extracted_data.is_some());
}

#[tokio::test]
async fn id_verification_list_sends_every_filter_that_is_set() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, ID_LIST)
                .query_param("entityId", ENTITY_ID)
                .query_param("withoutEntity", "false")
                .query_param("status", "declined")
                .query_param("limit", "20")
                .query_param("offset", "40");
            reply(then, 200, &json!({"verifications": [], "pagination": {"limit": 20, "offset": 40, "total": 40}}));
        })
        .await;

    let page = api
        .client
        .id_verifications()
        .list()
        .entity_id(&entity_id())
        .without_entity(false)
        .status(IdVerificationStatus::Declined)
        .limit(20)
        .offset(40)
        .send()
        .await;

    assert!(page.expect("an empty page").items.is_empty());
    mock.assert_async().await;
}

#[tokio::test]
async fn id_verification_stream_walks_offsets_zero_two_four_and_stops() {
    let api = Api::start().await;
    let ids = ["rec-1", "rec-2", "rec-3", "rec-4", "rec-5"];
    let template = fixture("get_id_verification_200_stored");
    let mut pages = Vec::new();
    for (n, chunk) in ids.chunks(2).enumerate() {
        let offset = n * 2;
        let items = with_ids(&template, chunk);
        let pagination = json!({"limit": 2, "offset": offset, "total": 5});
        let body = json!({"verifications": items, "pagination": pagination});
        let mock = api
            .mock(|when, then| {
                expect(when, GET, ID_LIST)
                    .query_param("offset", offset.to_string())
                    .query_param("limit", "2");
                reply(then, 200, &body);
            })
            .await;
        pages.push(mock);
    }

    let list = api.client.id_verifications().list().limit(2);

    let id = |r: &IdVerificationRecord| r.id.to_string();
    assert_streams_ids(&api, list.stream(), id, &ids, &pages).await;
}

#[tokio::test]
async fn id_verification_get_decodes_the_documented_record() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            &id_record_path(""),
            200,
            &fixture("get_id_verification_200_stored"),
        )
        .await;

    let record = api
        .client
        .id_verifications()
        .get(&id_verification_id())
        .await;

    let record = record.expect("the documented record decodes");
    mock.assert_async().await;
    assert_eq!(record.id.as_str(), ID_VERIFICATION_ID);
    assert_eq!(
        record.entity_id.as_ref().map(|e| e.as_str()),
        Some(ENTITY_ID)
    );
    assert_eq!(record.status, IdVerificationStatus::Approved);
    assert_eq!(record.request_id.as_deref(), Some("req_01HQ"));
    assert_eq!(
        record.vendor_data.as_ref().map(|v| v.expose().as_str()),
        Some("customer-42")
    );
    assert_eq!(record.error_message, None);
    assert_eq!(record.storage_provider, Some(StorageProvider::S3));
    assert_eq!(
        record.document_front_storage_path.as_deref(),
        Some("kyc/id-verification/7c9e6679/front.jpg")
    );
    assert_eq!(record.document_back_storage_path, None);
    let data = record.extracted_data.expect("extracted data");
    assert_eq!(
        data.document_number.as_ref().map(|n| n.expose().as_str()),
        Some("AB123456")
    );
    assert_eq!(data.document_type.as_deref(), Some("Passport"));
    let extra = data.extra_fields.expect("extra fields");
    assert_eq!(extra.expose()["placeOfBirth"], "Buenos Aires");
}

#[tokio::test]
async fn id_verification_images_download_from_their_paths() {
    let api = Api::start().await;
    let front = api
        .mock(|when, then| {
            expect(when, GET, &id_record_path("/document-front-image"));
            then.respond_with(in_turn(vec![answer(200, "image/jpeg", b"front".to_vec())]));
        })
        .await;
    let back = api
        .mock(|when, then| {
            expect(when, GET, &id_record_path("/document-back-image"));
            then.respond_with(in_turn(vec![answer(200, "image/png", b"back".to_vec())]));
        })
        .await;
    let records = api.client.id_verifications();

    let front_image = records
        .front_image(&id_verification_id())
        .await
        .expect("front");
    let back_image = records
        .back_image(&id_verification_id())
        .await
        .expect("back");

    assert_eq!(front_image.extension(), Some("jpg"));
    assert_eq!(back_image.content_type(), Some("image/png"));
    assert_eq!(back_image.extension(), Some("png"));
    assert_eq!(
        front_image.bytes(64).await.expect("front bytes").as_ref(),
        b"front"
    );
    assert_eq!(
        back_image.bytes(64).await.expect("back bytes").as_ref(),
        b"back"
    );
    front.assert_async().await;
    back.assert_async().await;
}

#[tokio::test]
async fn id_verification_reads_map_404_not_found() {
    let api = Api::start().await;
    api.route(
        GET,
        &id_record_path(""),
        404,
        &fixture("verification_not_found_not_found"),
    )
    .await;
    api.mock(|when, then| {
        when.path_prefix(id_record_path("/document-"));
        reply(then, 404, &fixture("image_not_found_not_found"));
    })
    .await;
    let records = api.client.id_verifications();
    let id = id_verification_id();

    let record = records.get(&id).await.expect_err("404");
    let front = records.front_image(&id).await.expect_err("404");
    let back = records.back_image(&id).await.expect_err("404");

    assert_api_error(&record, 404, &ErrorCode::NotFound, "getIdVerification");
    assert_eq!(record.message(), Some("Verification not found"));
    assert_api_error(
        &front,
        404,
        &ErrorCode::NotFound,
        "getIdVerificationFrontImage",
    );
    assert_api_error(
        &back,
        404,
        &ErrorCode::NotFound,
        "getIdVerificationBackImage",
    );
    assert_eq!(back.message(), Some("Image not found"));
    assert!(record.is_not_found() && front.is_not_found() && back.is_not_found());
}

// ---- face match ----------------------------------------------------------------------------

#[tokio::test]
async fn face_match_list_decodes_both_documented_records() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, FACE_LIST)
                .query_param("offset", "0")
                .query_param_missing("limit")
                .query_param_missing("entityId")
                .query_param_missing("withoutEntity")
                .query_param_missing("status");
            reply(then, 200, &face_match_page());
        })
        .await;

    let page = api.client.face_matches().list().send().await;

    let page = page.expect("the page decodes");
    mock.assert_async().await;
    let [approved, failed] = page.items.as_slice() else {
        panic!("two records, got {}", page.items.len())
    };
    assert_eq!(approved.id.as_str(), FACE_MATCH_ID);
    assert_eq!(approved.status, FaceMatchStatus::Approved);
    assert!(approved.is_match);
    assert_eq!(approved.score, Some(87.5));
    assert_eq!(approved.threshold, Some(30.0));
    assert_eq!(approved.storage_provider, Some(StorageProvider::S3));
    assert_eq!(failed.status, FaceMatchStatus::Failed);
    assert!(!failed.is_match);
    assert_eq!(failed.score, None);
    assert_eq!(failed.threshold, None);
    assert_eq!(failed.entity_id, None);
    assert_eq!(
        failed.error_message.as_ref().map(|m| m.expose().as_str()),
        Some("No face detected in the selfie")
    );
}

#[tokio::test]
async fn face_match_list_sends_every_filter_that_is_set() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, FACE_LIST)
                .query_param("withoutEntity", "true")
                .query_param("status", "in_review")
                .query_param("limit", "100")
                .query_param("offset", "7")
                .query_param_missing("entityId");
            reply(then, 200, &face_match_page());
        })
        .await;

    let page = api
        .client
        .face_matches()
        .list()
        .without_entity(true)
        .status(FaceMatchStatus::InReview)
        .limit(100)
        .offset(7)
        .send()
        .await;

    assert_eq!(page.expect("a page").total, 2);
    mock.assert_async().await;
}

#[tokio::test]
async fn face_match_stream_reads_one_page_when_it_holds_everything() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, FACE_LIST).query_param("offset", "0");
            reply(then, 200, &face_match_page());
        })
        .await;

    let list = api.client.face_matches().list();
    let statuses: Vec<_> = list
        .stream()
        .map(|r| r.expect("a record").status)
        .collect()
        .await;

    assert_eq!(
        statuses,
        [FaceMatchStatus::Approved, FaceMatchStatus::Failed]
    );
    assert_eq!(mock.calls_async().await, 1);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn face_match_get_decodes_both_documented_examples() {
    for (fixture_name, status) in [
        ("get_face_match_200_approved", FaceMatchStatus::Approved),
        ("get_face_match_200_failed", FaceMatchStatus::Failed),
    ] {
        let api = Api::start().await;
        let mock = api
            .route(GET, &face_record_path(""), 200, &fixture(fixture_name))
            .await;

        let record = api.client.face_matches().get(&face_match_id()).await;

        let record = record.expect("the documented record decodes");
        mock.assert_async().await;
        assert_eq!(record.status, status);
        assert_eq!(
            record.organization_id.as_deref(),
            Some("86122d3c-6dfc-4afa-9c46-aaf841262c7e")
        );
        assert_eq!(record.triggered_by_user_id, None);
        assert!(
            record.extra.expose().is_empty(),
            "every documented field is modelled"
        );
    }
}

#[tokio::test]
async fn face_match_images_download_from_their_paths() {
    let api = Api::start().await;
    let document = api
        .mock(|when, then| {
            expect(when, GET, &face_record_path("/document-image"));
            then.respond_with(in_turn(vec![answer(
                200,
                "image/jpeg",
                b"document".to_vec(),
            )]));
        })
        .await;
    let selfie = api
        .mock(|when, then| {
            expect(when, GET, &face_record_path("/selfie-image"));
            then.respond_with(in_turn(vec![answer(200, "image/png", b"selfie".to_vec())]));
        })
        .await;
    let records = api.client.face_matches();

    let document_image = records
        .document_image(&face_match_id())
        .await
        .expect("document");
    let selfie_image = records
        .selfie_image(&face_match_id())
        .await
        .expect("selfie");

    assert_eq!(document_image.content_type(), Some("image/jpeg"));
    assert_eq!(selfie_image.extension(), Some("png"));
    assert_eq!(
        document_image.bytes(64).await.expect("bytes").as_ref(),
        b"document"
    );
    assert_eq!(
        selfie_image.bytes(64).await.expect("bytes").as_ref(),
        b"selfie"
    );
    document.assert_async().await;
    selfie.assert_async().await;
}

#[tokio::test]
async fn face_match_reads_map_404_not_found() {
    let api = Api::start().await;
    api.route(
        GET,
        &face_record_path(""),
        404,
        &fixture("verification_not_found_not_found"),
    )
    .await;
    api.mock(|when, then| {
        when.path_suffix("-image");
        reply(then, 404, &fixture("image_not_found_not_found"));
    })
    .await;
    let records = api.client.face_matches();
    let id = face_match_id();

    let record = records.get(&id).await.expect_err("404");
    let document = records.document_image(&id).await.expect_err("404");
    let selfie = records.selfie_image(&id).await.expect_err("404");

    assert_api_error(&record, 404, &ErrorCode::NotFound, "getFaceMatch");
    assert_api_error(
        &document,
        404,
        &ErrorCode::NotFound,
        "getFaceMatchDocumentImage",
    );
    assert_api_error(
        &selfie,
        404,
        &ErrorCode::NotFound,
        "getFaceMatchSelfieImage",
    );
    api.assert_all_matched().await;
}

#[tokio::test]
async fn record_lists_refuse_a_limit_of_zero_or_over_one_hundred_without_sending() {
    let api = Api::start().await;
    for limit in [0, 101] {
        assert_invalid_input(
            api.client
                .id_verifications()
                .list()
                .limit(limit)
                .send()
                .await,
        );
        assert_invalid_input(api.client.face_matches().list().limit(limit).send().await);
        let list = api.client.id_verifications().list().limit(limit);
        let first = std::pin::pin!(list.stream()).next().await;
        assert_invalid_input(first.expect("the stream reports the error"));
    }
    api.assert_all_matched().await;
}

#[tokio::test]
async fn record_lists_map_400_and_401() {
    let api = Api::start().await;
    api.route(
        GET,
        ID_LIST,
        400,
        &fixture("invalid_query_validation_error"),
    )
    .await;
    api.route(GET, FACE_LIST, 401, &fixture("unauthorized_unauthorized"))
        .await;

    let invalid = api
        .client
        .id_verifications()
        .list()
        .send()
        .await
        .expect_err("400");
    let refused = api
        .client
        .face_matches()
        .list()
        .send()
        .await
        .expect_err("401");

    assert_api_error(
        &invalid,
        400,
        &ErrorCode::ValidationError,
        "listIdVerifications",
    );
    assert_eq!(invalid.message(), Some("limit must be between 1 and 100"));
    assert_api_error(&refused, 401, &ErrorCode::Unauthorized, "listFaceMatches");
    assert!(refused.is_unauthorized());
}
