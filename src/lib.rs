#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![warn(unreachable_pub, rust_2018_idioms)]

mod call;
mod client;
mod download;
mod error;
mod generated;
mod handlers;
mod observe;
mod operation;
mod options;
mod pagination;
mod transport;
pub mod types;
mod upload;
pub mod webhooks;

pub use client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE,
    DEFAULT_DOWNLOAD_IDLE_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use download::Download;
pub use error::{Error, ErrorBody, ErrorCode, ErrorKind, Result};
pub use handlers::{
    CreateFaceMatch, CreateIdVerification, CreatePerson, CreateValidation,
    DEFAULT_INTEGRATION_CODE, DEFAULT_MAX_POLL_INTERVAL, DEFAULT_MIN_POLL_INTERVAL, DEFAULT_WAIT,
    Entities, FaceMatches, IdVerifications, ListEntities, ListFaceMatches, ListIdVerifications,
    ListValidations, MAX_METADATA_BYTES, MIN_REASON_CHARS, Validations, WaitForOutcome,
};
pub use observe::Attempt;
pub use operation::Operation;
pub use options::RequestOptions;
pub use pagination::{DEFAULT_PAGE_CONCURRENCY, MAX_PAGE_SIZE, OffsetPage, Page};
pub use transport::RetryPolicy;
pub use types::{
    Decision, Entity, EntityId, EntityKycStatus, EntityType, ExtractedData, FaceMatchId,
    FaceMatchRecord, FaceMatchResult, FaceMatchStatus, IdVerificationId, IdVerificationRecord,
    IdVerificationResult, IdVerificationStatus, Sensitive, Validation, ValidationId,
    ValidationStatus, WarningCode, WebhookEventType,
};
pub use upload::{ImageInput, MAX_IMAGE_BYTES};
