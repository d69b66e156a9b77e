//! Entities: create, get (by id, external id, tax id) and list.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Missing};
use crate::extract::{JsonBytes, PathText, QueryPairs, parse_json, path_uuid};
use crate::render;
use crate::state::AppState;
use crate::store::Entity;
use crate::util::lock;
use crate::wire_enums::{EntityStatus, EntityType, WireEnum};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateEntity {
    #[serde(rename = "type")]
    entity_type: String,
    name: String,
    country_code: String,
    tax_id: Option<String>,
    external_id: Option<String>,
    entity_data: Option<Map<String, Value>>,
    attributes: Option<Map<String, Value>>,
    is_client: Option<bool>,
    registration_date: Option<String>,
    risk_matrix_id: Option<String>,
    #[serde(rename = "skipRulesExecution")]
    _skip_rules_execution: Option<bool>,
    status: Option<String>,
}

/// Reads an entity type, in a body or a filter, answering unknown ones with every known name.
fn parse_type(text: &str) -> ApiResult<EntityType> {
    EntityType::parse(text).ok_or_else(|| {
        ApiError::validation(format!("type must be one of: {}", EntityType::names()))
    })
}

/// Strips the separators people write tax ids with: dots, dashes, slashes and spaces.
pub(crate) fn normalize_tax_id(tax_id: &str) -> String {
    tax_id
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | '/') && !c.is_whitespace())
        .collect()
}

/// Checks a normalized tax id against the country's rules for people.
fn check_tax_id(tax_id: &str, country: &str, entity_type: EntityType) -> ApiResult<()> {
    if tax_id.is_empty() {
        return Err(ApiError::invalid_tax_id("taxId must not be empty"));
    }
    if !tax_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::invalid_tax_id(
            "taxId may contain only letters and digits",
        ));
    }
    if entity_type != EntityType::Person {
        return Ok(());
    }
    let digits = tax_id.chars().all(|c| c.is_ascii_digit());
    match country {
        "AR" if !(digits && matches!(tax_id.len(), 8 | 11)) => Err(ApiError::invalid_tax_id(
            "taxId is not a valid DNI or CUIL for AR (8 or 11 digits)",
        )),
        "BR" if !(digits && (9..=11).contains(&tax_id.len())) => Err(ApiError::invalid_tax_id(
            "taxId is not a valid CPF for BR (9 to 11 digits)",
        )),
        _ => Ok(()),
    }
}

/// `POST /entities`.
pub(crate) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Response> {
    let request: CreateEntity = parse_json(&body)?;
    let entity_type = parse_type(&request.entity_type)?;
    if request.name.trim().is_empty() {
        return Err(ApiError::validation("name must not be empty"));
    }
    let country = &request.country_code;
    if !(country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase())) {
        return Err(ApiError::validation(
            "countryCode must be an ISO 3166-1 alpha-2 code such as AR",
        ));
    }
    let status = match request.status.as_deref() {
        None => EntityStatus::UnderReview,
        Some(text) => EntityStatus::parse(text).ok_or_else(|| {
            ApiError::validation(format!("status must be one of: {}", EntityStatus::names()))
        })?,
    };
    if let Some(date) = &request.registration_date
        && chrono::DateTime::parse_from_rfc3339(date).is_err()
    {
        return Err(ApiError::validation(
            "registrationDate must be an ISO-8601 date-time",
        ));
    }
    if request.external_id.as_deref() == Some("") {
        return Err(ApiError::validation("externalId must not be empty"));
    }
    let tax_id = request.tax_id.as_deref().map(normalize_tax_id);
    if let Some(tax_id) = &tax_id {
        check_tax_id(tax_id, country, entity_type)?;
    }
    let mut store = lock(&state.store);
    let org = &caller.organization_id;
    let mine = || {
        store
            .entities
            .values()
            .filter(|e| &e.organization_id == org)
    };
    if let Some(tax_id) = &tax_id
        && mine().any(|e| e.tax_id.as_ref() == Some(tax_id))
    {
        return Err(ApiError::duplicate_tax_id());
    }
    if let Some(external_id) = &request.external_id
        && mine().any(|e| e.external_id.as_ref() == Some(external_id))
    {
        return Err(ApiError::duplicate_external_id());
    }
    let now = state.clock.now();
    let seq = store.next_seq();
    let entity = Entity {
        id: Uuid::new_v4(),
        seq,
        organization_id: org.clone(),
        entity_type,
        name: request.name,
        country_code: request.country_code,
        tax_id,
        external_id: request.external_id,
        entity_data: request.entity_data.unwrap_or_default(),
        attributes: request.attributes.unwrap_or_default(),
        is_client: request.is_client,
        registration_date: request.registration_date,
        risk_matrix_id: request.risk_matrix_id,
        status,
        kyc_verified: false,
        kyc_provider: None,
        created_at: now,
        updated_at: now,
    };
    let body = json!({ "success": true, "entity": render::entity(&entity) });
    store.entities.insert(entity.id, entity);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn found(entity: Option<&Entity>) -> ApiResult<Json<Value>> {
    entity
        .map(|e| Json(render::entity(e)))
        .ok_or_else(|| ApiError::not_found(Missing::Entity))
}

/// `GET /entities/{id}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Json<Value>> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Entity))?;
    let store = lock(&state.store);
    found(store.entity(&caller.organization_id, id))
}

/// `GET /entities/by-external-id/{externalId}`.
pub(crate) async fn by_external_id(
    State(state): State<AppState>,
    caller: Caller,
    PathText(external_id): PathText,
) -> ApiResult<Json<Value>> {
    let store = lock(&state.store);
    found(store.entities.values().find(|e| {
        e.organization_id == caller.organization_id
            && e.external_id.as_deref() == Some(external_id.as_str())
    }))
}

/// `GET /entities/by-tax-id/{taxId}` (the tax id is normalized like on create).
pub(crate) async fn by_tax_id(
    State(state): State<AppState>,
    caller: Caller,
    PathText(tax_id): PathText,
) -> ApiResult<Json<Value>> {
    let tax_id = normalize_tax_id(&tax_id);
    let store = lock(&state.store);
    found(store.entities.values().find(|e| {
        e.organization_id == caller.organization_id && e.tax_id.as_deref() == Some(&tax_id)
    }))
}

/// `GET /entities`: newest first, at most 100.
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryPairs,
) -> ApiResult<Json<Value>> {
    let entity_type = query.get("type").map(parse_type).transpose()?;
    let country = query.get("country");
    if let Some(c) = country
        && !(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        return Err(ApiError::validation(
            "country must be an ISO 3166-1 alpha-2 code such as AR",
        ));
    }
    let tax_id = query.get("taxId").map(normalize_tax_id);
    let external_id = query.get("externalId");
    let store = lock(&state.store);
    let mut entities: Vec<&Entity> = store
        .entities
        .values()
        .filter(|e| e.organization_id == caller.organization_id)
        .filter(|e| entity_type.is_none_or(|t| e.entity_type == t))
        .filter(|e| country.is_none_or(|c| e.country_code == c))
        .filter(|e| tax_id.is_none() || e.tax_id == tax_id)
        .filter(|e| external_id.is_none_or(|x| e.external_id.as_deref() == Some(x)))
        .collect();
    entities.sort_by_key(|e| std::cmp::Reverse(e.seq));
    let items: Vec<Value> = entities
        .iter()
        .take(100)
        .map(|e| render::entity(e))
        .collect();
    Ok(Json(json!({ "entities": items })))
}
