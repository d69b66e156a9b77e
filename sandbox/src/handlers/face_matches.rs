//! Face matches: compare a document photo with a selfie, and list, read and download the stored
//! records.

use axum::Json;
use axum::extract::{Multipart, State, multipart::MultipartRejection};
use axum::response::Response;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::verification_records::{
    ListFilters, image_response, linked_entity, record_id, record_not_found,
};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{PathText, QueryPairs};
use crate::render;
use crate::state::AppState;
use crate::store::{FaceMatch, Store, StoredImage};
use crate::uploads::read_form;
use crate::util::{lock, random_hex};
use crate::wire_enums::FaceMatchStatus;

/// The default face-match threshold (the organization setting's documented default).
const DEFAULT_THRESHOLD: f64 = 30.0;

/// The similarity of two images: 100 when identical, otherwise derived from their hashes.
fn face_score(document: &[u8], selfie: &[u8]) -> f64 {
    if document == selfie {
        return 100.0;
    }
    let mut hasher = Sha256::new();
    hasher.update(document);
    hasher.update([0u8]);
    hasher.update(selfie);
    let hash = hasher.finalize();
    f64::from(u16::from_be_bytes([hash[0], hash[1]]) % 1000) / 10.0
}

/// `POST /api/kyc/face-match`.
pub(crate) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<Value>> {
    let form = read_form(multipart).await?;
    let required = |name: &str| {
        form.image(name, true)?.ok_or_else(|| {
            ApiError::invalid_request(format!("{name} is required (file or base64 string)"))
        })
    };
    let document: StoredImage = required("documentImage")?;
    let selfie: StoredImage = required("selfieImage")?;
    let threshold = match form.text("scoreThreshold")? {
        None => DEFAULT_THRESHOLD,
        Some(text) => match text.parse::<f64>() {
            Ok(t) if (0.0..=100.0).contains(&t) => t,
            _ => {
                return Err(ApiError::invalid_request(
                    "scoreThreshold must be a number from 0 to 100",
                ));
            }
        },
    };
    let score = face_score(&document.bytes, &selfie.bytes);
    let is_match = score >= threshold;
    let mut store = lock(&state.store);
    let entity_id = linked_entity(&form, &store, &caller.organization_id)?;
    let record = FaceMatch {
        id: Uuid::new_v4(),
        seq: store.next_seq(),
        organization_id: caller.organization_id.clone(),
        entity_id,
        status: if is_match {
            FaceMatchStatus::Approved
        } else {
            FaceMatchStatus::Declined
        },
        is_match,
        score,
        threshold,
        request_id: format!("req_{}", random_hex(16)),
        vendor_data: form.text("vendorData")?,
        created_at: state.clock.now(),
        document,
        selfie,
    };
    let body = json!({
        "match": is_match,
        "score": score,
        "status": record.status,
        "verificationId": record.id.to_string(),
        "scoreDeclineThreshold": threshold,
        "requestId": record.request_id,
        "warnings": [],
    });
    store.face_matches.insert(record.id, record);
    Ok(Json(body))
}

/// `GET /api/kyc/face-match/verifications`.
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryPairs,
) -> ApiResult<Json<Value>> {
    let filters = ListFilters::<FaceMatchStatus>::read(&query)?;
    let store = lock(&state.store);
    let items = store
        .face_matches
        .values()
        .filter(|r| r.organization_id == caller.organization_id)
        .filter(|r| filters.keeps(r.entity_id, r.status))
        .map(|r| (r.seq, render::face_match(r)))
        .collect();
    Ok(Json(filters.page(items)))
}

/// The organization's record named by the path, or 404.
fn find<'a>(store: &'a Store, caller: &Caller, id: &str) -> ApiResult<&'a FaceMatch> {
    let id = record_id(id)?;
    store
        .face_matches
        .get(&id)
        .filter(|r| r.organization_id == caller.organization_id)
        .ok_or_else(record_not_found)
}

/// `GET /api/kyc/face-match/verifications/{id}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Json<Value>> {
    let store = lock(&state.store);
    find(&store, &caller, &id).map(|r| Json(render::face_match(r)))
}

/// `GET /api/kyc/face-match/verifications/{id}/document-image`.
pub(crate) async fn document_image(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Response> {
    let store = lock(&state.store);
    image_response(Some(&find(&store, &caller, &id)?.document))
}

/// `GET /api/kyc/face-match/verifications/{id}/selfie-image`.
pub(crate) async fn selfie_image(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Response> {
    let store = lock(&state.store);
    image_response(Some(&find(&store, &caller, &id)?.selfie))
}
