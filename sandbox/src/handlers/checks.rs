//! Synchronous checks with stored images: ID verification and face match.

use axum::Json;
use axum::extract::{Multipart, State, multipart::MultipartRejection};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Missing};
use crate::extract::{PathText, QueryPairs};
use crate::render;
use crate::state::{AppState, FaceMatch, IdVerification, Store, StoredImage, lock, random_hex};
use crate::uploads::{UploadForm, read_form};
use crate::wire_enums::{FaceMatchStatus, IdVerificationStatus, WireEnum};

/// The default face-match threshold (the organization setting's documented default).
const DEFAULT_THRESHOLD: f64 = 30.0;

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

/// Reads the optional `entityId` field; it must name a person entity of the organization.
fn linked_entity(
    form: &UploadForm,
    store: &Store,
    organization_id: &str,
) -> ApiResult<Option<Uuid>> {
    let Some(text) = form.text("entityId")?.filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let id =
        Uuid::parse_str(&text).map_err(|_| ApiError::invalid_request("entityId must be a UUID"))?;
    store
        .entity(organization_id, id)
        .map(|_| Some(id))
        .ok_or_else(|| {
            ApiError::invalid_request("entityId does not name an entity of this organization")
        })
}

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
pub(crate) async fn create_id_verification(
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
        created_at: Utc::now(),
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

/// The similarity of two images: 100 when identical, otherwise derived from their hashes.
pub(crate) fn face_score(document: &[u8], selfie: &[u8]) -> f64 {
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
pub(crate) async fn create_face_match(
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
        created_at: Utc::now(),
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

/// The offset-paging filters shared by both lists, with the status type of the record kind.
struct ListFilters<S> {
    entity_id: Option<Uuid>,
    without_entity: Option<bool>,
    status: Option<S>,
    limit: u64,
    offset: u64,
}

impl<S: WireEnum> ListFilters<S> {
    /// Reads the filters from the query; a status must be one of `S`'s wire names.
    fn read(query: &QueryPairs) -> ApiResult<ListFilters<S>> {
        Ok(ListFilters {
            entity_id: query.uuid("entityId")?,
            without_entity: query.bool("withoutEntity")?,
            status: query.status::<S>()?,
            limit: query.int_in("limit", 1, 100, 50)?,
            offset: query.int_in("offset", 0, i32::MAX as u64, 0)?,
        })
    }

    fn keeps(&self, entity_id: Option<Uuid>, status: S) -> bool {
        self.entity_id.is_none_or(|e| entity_id == Some(e))
            && (self.without_entity != Some(true) || entity_id.is_none())
            && self.status.is_none_or(|s| s == status)
    }

    fn page(&self, mut items: Vec<(u64, Value)>) -> Value {
        items.sort_by_key(|item| std::cmp::Reverse(item.0));
        let total = items.len();
        let page: Vec<Value> = items
            .into_iter()
            .skip(usize::try_from(self.offset).unwrap_or(usize::MAX))
            .take(self.limit as usize)
            .map(|(_, v)| v)
            .collect();
        json!({
            "verifications": page,
            "pagination": { "limit": self.limit, "offset": self.offset, "total": total },
        })
    }
}

/// `GET /api/kyc/id-verification/verifications`.
pub(crate) async fn list_id_verifications(
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

/// `GET /api/kyc/face-match/verifications`.
pub(crate) async fn list_face_matches(
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

fn verification_not_found() -> ApiError {
    ApiError::not_found(Missing::Verification)
}

fn record_id(text: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(text).map_err(|_| verification_not_found())
}

/// `GET /api/kyc/id-verification/verifications/{id}`.
pub(crate) async fn get_id_verification(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Json<Value>> {
    let id = record_id(&id)?;
    let store = lock(&state.store);
    store
        .id_verifications
        .get(&id)
        .filter(|r| r.organization_id == caller.organization_id)
        .map(|r| Json(render::id_verification(r)))
        .ok_or_else(verification_not_found)
}

/// `GET /api/kyc/face-match/verifications/{id}`.
pub(crate) async fn get_face_match(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Json<Value>> {
    let id = record_id(&id)?;
    let store = lock(&state.store);
    store
        .face_matches
        .get(&id)
        .filter(|r| r.organization_id == caller.organization_id)
        .map(|r| Json(render::face_match(r)))
        .ok_or_else(verification_not_found)
}

fn image_response(image: Option<&StoredImage>) -> ApiResult<Response> {
    let image = image.ok_or_else(|| ApiError::not_found(Missing::Image))?;
    Ok((
        [(CONTENT_TYPE, image.content_type)],
        image.bytes.as_ref().clone(),
    )
        .into_response())
}

/// Which stored image an image route serves.
#[derive(Clone, Copy)]
pub(crate) enum ImageKind {
    Front,
    Back,
    Document,
    Selfie,
}

/// The image routes of both record kinds.
pub(crate) fn image(
    state: AppState,
    caller: Caller,
    id: String,
    kind: ImageKind,
) -> ApiResult<Response> {
    let id = record_id(&id)?;
    let store = lock(&state.store);
    let org = &caller.organization_id;
    match kind {
        ImageKind::Front | ImageKind::Back => {
            let record = store
                .id_verifications
                .get(&id)
                .filter(|r| &r.organization_id == org)
                .ok_or_else(verification_not_found)?;
            match kind {
                ImageKind::Front => image_response(Some(&record.front)),
                _ => image_response(record.back.as_ref()),
            }
        }
        ImageKind::Document | ImageKind::Selfie => {
            let record = store
                .face_matches
                .get(&id)
                .filter(|r| &r.organization_id == org)
                .ok_or_else(verification_not_found)?;
            match kind {
                ImageKind::Document => image_response(Some(&record.document)),
                _ => image_response(Some(&record.selfie)),
            }
        }
    }
}
