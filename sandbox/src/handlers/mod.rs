//! Request handlers, one module per tag of the spec (validations and their decisions, ID
//! verifications, face matches, entities), plus what the two synchronous checks share.

pub(crate) mod decisions;
pub(crate) mod entities;
pub(crate) mod face_matches;
pub(crate) mod id_verifications;
pub(crate) mod validations;
mod verification_records;
