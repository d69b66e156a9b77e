//! Request handlers, one module per tag of the spec (validations and their decisions, ID
//! verifications, face matches, entities), plus what the two synchronous checks share; and the
//! register that names each handler's operation, from which the routes are built.

use axum::routing::{MethodFilter, MethodRouter, on};

use crate::state::AppState;

pub(crate) mod decisions;
pub(crate) mod entities;
pub(crate) mod face_matches;
pub(crate) mod id_verifications;
pub(crate) mod validations;
mod verification_records;

/// Serves a handler for the method the spec gives its operation: the method and the path live
/// only in the spec, and a handler is known here only by its `operationId`.
pub(crate) type Bind = fn(MethodFilter) -> MethodRouter<AppState>;

/// Every handler, by the `operationId` of `openapi/gu1-kyc.yaml` it serves. Building the router
/// fails loudly when an operation of the spec has no entry or an entry names no operation.
pub(crate) const BY_OPERATION_ID: &[(&str, Bind)] = &[
    ("createValidation", |m| on(m, validations::create)),
    ("listValidations", |m| on(m, validations::list)),
    ("getValidation", |m| on(m, validations::get)),
    ("syncValidation", |m| on(m, validations::sync)),
    ("getValidationMedia", |m| on(m, validations::media)),
    ("getCurrentValidation", |m| on(m, validations::current)),
    ("listEntityValidations", |m| on(m, validations::history)),
    ("getEntityKycStatus", |m| on(m, validations::entity_status)),
    ("approveValidation", |m| on(m, decisions::approve)),
    ("rejectValidation", |m| on(m, decisions::reject)),
    ("cancelValidation", |m| on(m, decisions::cancel)),
    ("createIdVerification", |m| on(m, id_verifications::create)),
    ("listIdVerifications", |m| on(m, id_verifications::list)),
    ("getIdVerification", |m| on(m, id_verifications::get)),
    ("getIdVerificationFrontImage", |m| {
        on(m, id_verifications::front_image)
    }),
    ("getIdVerificationBackImage", |m| {
        on(m, id_verifications::back_image)
    }),
    ("createFaceMatch", |m| on(m, face_matches::create)),
    ("listFaceMatches", |m| on(m, face_matches::list)),
    ("getFaceMatch", |m| on(m, face_matches::get)),
    ("getFaceMatchDocumentImage", |m| {
        on(m, face_matches::document_image)
    }),
    ("getFaceMatchSelfieImage", |m| {
        on(m, face_matches::selfie_image)
    }),
    ("createEntity", |m| on(m, entities::create)),
    ("listEntities", |m| on(m, entities::list)),
    ("getEntity", |m| on(m, entities::get)),
    ("getEntityByExternalId", |m| on(m, entities::by_external_id)),
    ("getEntityByTaxId", |m| on(m, entities::by_tax_id)),
];
