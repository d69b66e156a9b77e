//! The handlers: what a user calls (`client.validations()`, `client.entities()`, ...), their
//! request builders, and the jobs built on them (`ensure_open`, `create_or_get_person`,
//! `wait_for_outcome`). They reach the API through the call layer's [`Context`] only.

mod ctx;
mod entities;
mod face_matches;
mod id_verifications;
mod records;
mod validations;

pub(crate) use ctx::{Ctx, Shared};
pub use entities::{CreatePerson, Entities, ListEntities};
pub use face_matches::{CreateFaceMatch, FaceMatches, ListFaceMatches};
pub use id_verifications::{CreateIdVerification, IdVerifications, ListIdVerifications};
pub use validations::{CreateValidation, ListValidations, Validations, WaitForOutcome};
