//! ID verifications: upload a document, read back the (fake, deterministic) extracted data, and
//! list, read and download the stored records.

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
use crate::store::{IdVerification, Store};
use crate::uploads::read_form;
use crate::util::{lock, random_hex};
use crate::wire_enums::IdVerificationStatus;

const FIRST_NAMES: [&str; 8] = [
    "Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Gabriela", "Hugo",
];
const LAST_NAMES: [&str; 8] = [
    "Alvarez",
    "Benitez",
    "Castro",
    "Dominguez",
    "Espinoza",
    "Ferreira",
    "Gomez",
    "Herrera",
];

/// Deterministic fake document data, derived from the front image's hash.
fn extracted_data(front: &[u8]) -> (Value, u32) {
    let hash = Sha256::digest(front);
    let first = FIRST_NAMES[usize::from(hash[0]) % FIRST_NAMES.len()];
    let last = LAST_NAMES[usize::from(hash[1]) % LAST_NAMES.len()];
    let age = 20 + u32::from(hash[2]) % 45;
    let year = 2025 - age as i32;
    let month = 1 + u32::from(hash[3]) % 12;
    let day = 1 + u32::from(hash[4]) % 28;
    let number = 20_000_000 + (u32::from_be_bytes([0, hash[5], hash[6], hash[7]]) % 30_000_000);
    let data = json!({
        "firstName": first,
        "lastName": last,
        "fullName": format!("{first} {last}"),
        "dateOfBirth": format!("{year:04}-{month:02}-{day:02}"),
        "documentType": "Identity Card",
        "documentNumber": number.to_string(),
        "expirationDate": format!("{:04}-{month:02}-{day:02}", 2030 + u32::from(hash[8]) % 5),
        "issuingCountry": "AR",
        "nationality": "AR",
        "address": null,
        "mrz": null,
        "extraFields": { "placeOfBirth": "Buenos Aires" },
    });
    (data, age)
}

/// `POST /api/kyc/id-verification`.
pub(crate) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<Value>> {
    let form = read_form(multipart).await?;
    let front = form.image("documentFront", true)?.ok_or_else(|| {
        ApiError::invalid_request("documentFront is required (file or base64 string)")
    })?;
    let back = form.image("documentBack", false)?;
    let vendor_data = form.text("vendorData")?;
    let minimum_age =
        match form.text("minimumAge")? {
            None => None,
            Some(text) => Some(text.parse::<u32>().map_err(|_| {
                ApiError::invalid_request("minimumAge must be a non-negative integer")
            })?),
        };
    if let Some(flag) = form.text("performDocumentLiveness")?
        && flag != "true"
        && flag != "false"
    {
        return Err(ApiError::invalid_request(
            "performDocumentLiveness must be true or false",
        ));
    }
    let (extracted, age) = extracted_data(&front.bytes);
    let too_young = minimum_age.is_some_and(|min| age < min);
    let (status, warnings): (_, Vec<&str>) = if too_young {
        (IdVerificationStatus::Declined, vec!["MINIMUM_AGE_NOT_MET"])
    } else {
        (IdVerificationStatus::Approved, vec![])
    };
    let mut store = lock(&state.store);
    let entity_id = linked_entity(&form, &store, &caller.organization_id)?;
    let record = IdVerification {
        id: Uuid::new_v4(),
        seq: store.next_seq(),
        organization_id: caller.organization_id.clone(),
        entity_id,
        status,
        request_id: format!("req_{}", random_hex(16)),
        vendor_data,
        warnings: warnings.iter().map(|w| w.to_string()).collect(),
        extracted_data: extracted.clone(),
        created_at: state.clock.now(),
        front,
        back,
    };
    let body = json!({
        "verificationId": record.id.to_string(),
        "status": status.capitalised(),
        "extractedData": extracted,
        "warnings": warnings,
        "requestId": record.request_id,
        "vendorData": record.vendor_data,
    });
    store.id_verifications.insert(record.id, record);
    Ok(Json(body))
}

/// `GET /api/kyc/id-verification/verifications`.
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryPairs,
) -> ApiResult<Json<Value>> {
    let filters = ListFilters::<IdVerificationStatus>::read(&query)?;
    let store = lock(&state.store);
    let items = store
        .id_verifications
        .values()
        .filter(|r| r.organization_id == caller.organization_id)
        .filter(|r| filters.keeps(r.entity_id, r.status))
        .map(|r| (r.seq, render::id_verification(r)))
        .collect();
    Ok(Json(filters.page(items)))
}

/// The organization's record named by the path, or 404.
fn find<'a>(store: &'a Store, caller: &Caller, id: &str) -> ApiResult<&'a IdVerification> {
    let id = record_id(id)?;
    store
        .id_verifications
        .get(&id)
        .filter(|r| r.organization_id == caller.organization_id)
        .ok_or_else(record_not_found)
}

/// `GET /api/kyc/id-verification/verifications/{id}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Json<Value>> {
    let store = lock(&state.store);
    find(&store, &caller, &id).map(|r| Json(render::id_verification(r)))
}

/// `GET /api/kyc/id-verification/verifications/{id}/document-front-image`.
pub(crate) async fn front_image(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Response> {
    let store = lock(&state.store);
    image_response(Some(&find(&store, &caller, &id)?.front))
}

/// `GET /api/kyc/id-verification/verifications/{id}/document-back-image`: 404 when only the
/// front was uploaded.
pub(crate) async fn back_image(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Response> {
    let store = lock(&state.store);
    image_response(find(&store, &caller, &id)?.back.as_ref())
}
