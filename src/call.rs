//! Running a generated operation and mapping its outcome to this crate's types.

use std::future::Future;

use progenitor_client::{ByteStream, ResponseValue};

use crate::{
    download::Download,
    error::{ErrorBody, Result},
    transport::from_generated,
};

type Generated<T> = std::result::Result<ResponseValue<T>, progenitor_client::Error<ErrorBody>>;

/// Awaits a generated call and returns its decoded body, or an [`Error`](crate::Error) naming
/// `operation` (the spec's `operationId`).
pub(crate) async fn json<T>(
    operation: &'static str,
    call: impl Future<Output = Generated<T>>,
) -> Result<T> {
    match call.await {
        Ok(value) => Ok(value.into_inner()),
        Err(error) => Err(from_generated(error, operation).await),
    }
}

/// Awaits a generated call whose success body is a file, and returns it as a [`Download`].
pub(crate) async fn download(
    operation: &'static str,
    call: impl Future<Output = Generated<ByteStream>>,
) -> Result<Download> {
    match call.await {
        Ok(value) => {
            let content_type = value
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let length = value.content_length();
            Ok(Download::new(
                content_type,
                length,
                value.into_inner_stream(),
                operation,
            ))
        }
        Err(error) => Err(from_generated(error, operation).await),
    }
}
