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
pub mod outcomes;
mod pagination;
mod response;
pub mod store;
mod transport;
pub mod types;
mod upload;
pub mod webhooks;

pub use client::{Client, ClientBuilder};
pub use download::Download;
pub use error::{Error, ErrorBody, ErrorCode, ErrorKind, Result};
pub use handlers::{
    CreateFaceMatch, CreateIdVerification, CreatePerson, CreateValidation, Entities, FaceMatches,
    IdVerifications, ListEntities, ListFaceMatches, ListIdVerifications, ListValidations,
    Validations, WaitForOutcome,
};
pub use observe::Attempt;
pub use operation::Operation;
pub use options::RequestOptions;
pub use pagination::{OffsetPage, Page};
pub use response::{Response, with_response};
pub use transport::RetryPolicy;
pub use upload::ImageInput;
