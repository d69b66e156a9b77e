//! The router: every operation of `openapi/gu1-kyc.yaml`, the hosted page, and JSON answers
//! for everything else.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{delete, get, post};

use crate::auth::require_api_key;
use crate::extract::{MAX_MULTIPART_BODY, json_errors, route_not_found};
use crate::handlers::{decisions, entities, face_matches, id_verifications, validations};
use crate::hosted;
use crate::state::AppState;
use crate::{control, request_log};

/// Builds the whole application.
pub(crate) fn router(state: AppState) -> Router {
    let uploads = Router::new()
        .route("/api/kyc/id-verification", post(id_verifications::create))
        .route("/api/kyc/face-match", post(face_matches::create))
        .layer(DefaultBodyLimit::max(MAX_MULTIPART_BODY));
    let api = Router::new()
        .route(
            "/api/kyc/validations",
            post(validations::create).get(validations::list),
        )
        .route("/api/kyc/validations/{id}", get(validations::get))
        .route("/api/kyc/validations/{id}/sync", post(validations::sync))
        .route(
            "/api/kyc/validations/{id}/approve",
            post(decisions::approve),
        )
        .route("/api/kyc/validations/{id}/reject", post(decisions::reject))
        .route(
            "/api/kyc/validations/{id}/cancel",
            delete(decisions::cancel),
        )
        .route("/api/kyc/validations/{id}/media", get(validations::media))
        .route(
            "/api/kyc/entities/{entityId}/current",
            get(validations::current),
        )
        .route(
            "/api/kyc/entities/{entityId}/validations",
            get(validations::history),
        )
        .route(
            "/api/kyc/entities/{entityId}/status",
            get(validations::entity_status),
        )
        .route(
            "/api/kyc/id-verification/verifications",
            get(id_verifications::list),
        )
        .route(
            "/api/kyc/id-verification/verifications/{id}",
            get(id_verifications::get),
        )
        .route(
            "/api/kyc/id-verification/verifications/{id}/document-front-image",
            get(id_verifications::front_image),
        )
        .route(
            "/api/kyc/id-verification/verifications/{id}/document-back-image",
            get(id_verifications::back_image),
        )
        .route("/api/kyc/face-match/verifications", get(face_matches::list))
        .route(
            "/api/kyc/face-match/verifications/{id}",
            get(face_matches::get),
        )
        .route(
            "/api/kyc/face-match/verifications/{id}/document-image",
            get(face_matches::document_image),
        )
        .route(
            "/api/kyc/face-match/verifications/{id}/selfie-image",
            get(face_matches::selfie_image),
        )
        .route("/entities", post(entities::create).get(entities::list))
        .route("/entities/{id}", get(entities::get))
        .route(
            "/entities/by-external-id/{externalId}",
            get(entities::by_external_id),
        )
        .route("/entities/by-tax-id/{taxId}", get(entities::by_tax_id))
        .merge(uploads)
        .route_layer(middleware::from_fn(crate::validate::check))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_api_key,
        ));
    let hosted = Router::new()
        .route("/verify/{sessionId}", get(hosted::show))
        .route("/verify/{sessionId}/start", post(hosted::start))
        .route("/verify/{sessionId}/complete", post(hosted::complete));
    Router::new()
        .merge(api)
        .merge(hosted)
        .merge(control::router(state.clone()))
        .fallback(route_not_found)
        .layer(middleware::from_fn(json_errors))
        // Outermost, so it sees the route that matched and the final status of every answer,
        // and so injected faults take the place of everything inside.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_log::observe,
        ))
        .with_state(state)
}
