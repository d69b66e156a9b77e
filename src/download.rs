//! Files the API serves (document images, selfies, session media), streamed.

use std::{fmt, path::Path, pin::Pin, time::Duration};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use crate::{
    error::{Error, ErrorKind, Result, map},
    operation::Operation,
};

type Raw = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send + Sync>>;
type Inner = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send + Sync>>;

/// A file being downloaded: its content type, its length when known, and its bytes as a stream.
///
/// Images of people are personal data: `Debug` shows only the type and length.
pub struct Download {
    content_type: Option<String>,
    content_length: Option<u64>,
    stream: Inner,
    operation: Operation,
}

impl Download {
    /// Wraps a body stream. A body that stops for `idle_timeout` between two chunks fails with a
    /// timeout: a slow but live download is never cut off, a stalled one never hangs.
    pub(crate) fn new(
        content_type: Option<String>,
        content_length: Option<u64>,
        stream: Raw,
        operation: Operation,
        idle_timeout: Duration,
    ) -> Self {
        let stream = futures_util::stream::unfold(Some(stream), move |state| async move {
            let mut raw = state?;
            match tokio::time::timeout(idle_timeout, raw.next()).await {
                Ok(Some(Ok(chunk))) => Some((Ok(chunk), Some(raw))),
                Ok(Some(Err(e))) => {
                    Some((Err(map::from_reqwest(e).with_operation(operation)), None))
                }
                Ok(None) => None,
                Err(_) => Some((
                    Err(map::timed_out("the download's idle timeout", idle_timeout)
                        .with_operation(operation)),
                    None,
                )),
            }
        });
        Self {
            content_type,
            content_length,
            stream: Box::pin(stream),
            operation,
        }
    }

    /// The `Content-Type` the server gave (`image/jpeg`, `image/png`, `video/webm`, ...).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let image = client.id_verifications().front_image(&id).await?;
    /// assert_eq!(image.content_type(), Some("image/jpeg"));
    /// # Ok(()) }
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The length in bytes, when the server announced it.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let image = client.id_verifications().front_image(&id).await?;
    /// println!("{:?} bytes", image.content_length());
    /// # Ok(()) }
    /// ```
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// The file extension that fits the content type (`jpg`, `png`, `webm`, ...), if known.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let image = client.id_verifications().front_image(&id).await?;
    /// let name = format!("front.{}", image.extension().unwrap_or("bin"));
    /// # Ok(()) }
    /// ```
    pub fn extension(&self) -> Option<&'static str> {
        let essence = self.content_type()?.split(';').next()?.trim();
        Some(match essence {
            "image/jpeg" => "jpg",
            "image/png" => "png",
            "image/webp" => "webp",
            "image/tiff" => "tiff",
            "video/webm" => "webm",
            "video/mp4" => "mp4",
            _ => return None,
        })
    }

    /// Reads the whole file into memory, refusing more than `limit` bytes.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let bytes = client.id_verifications().front_image(&id).await?.bytes(10 << 20).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`BodyTooLarge`](ErrorKind::BodyTooLarge) past `limit`; a network error if the connection drops.
    pub async fn bytes(mut self, limit: usize) -> Result<Bytes> {
        if self.content_length.is_some_and(|n| n > limit as u64) {
            return Err(self.too_large());
        }
        let mut buffer =
            Vec::with_capacity(self.content_length.unwrap_or(0).min(limit as u64) as usize);
        while let Some(chunk) = self.stream.next().await {
            let chunk = chunk?;
            if buffer.len() + chunk.len() > limit {
                return Err(self.too_large());
            }
            buffer.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(buffer))
    }

    /// Writes the file to `path` chunk by chunk, without holding it in memory, and returns the
    /// number of bytes written. The file appears complete or not at all: bytes go to a temporary
    /// file beside it, renamed into place at the end.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let written = client.id_verifications().front_image(&id).await?.save("front.jpg").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Io`](ErrorKind::Io) error if the file cannot be written; a network error if the
    /// connection drops (the temporary file is removed).
    pub async fn save(mut self, path: impl AsRef<Path>) -> Result<u64> {
        let path = path.as_ref();
        let file_name = path
            .file_name()
            .ok_or_else(|| Error::invalid_input("the download path has no file name"))?;
        let mut partial_name = file_name.to_os_string();
        partial_name.push(".partial");
        let partial = path.with_file_name(partial_name);
        let io = |e: std::io::Error| Error::new(ErrorKind::Io).with_source(e);
        let mut file = tokio::fs::File::create(&partial).await.map_err(io)?;
        let mut written = 0u64;
        let outcome: Result<()> = async {
            while let Some(chunk) = self.stream.next().await {
                let chunk = chunk?;
                file.write_all(&chunk).await.map_err(io)?;
                written += chunk.len() as u64;
            }
            file.flush().await.map_err(io)?;
            file.sync_all().await.map_err(io)?;
            Ok(())
        }
        .await;
        drop(file);
        if let Err(e) = outcome {
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(e);
        }
        tokio::fs::rename(&partial, path).await.map_err(io)?;
        Ok(written)
    }

    /// The bytes as a stream of chunks, for forwarding elsewhere.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// use futures_util::StreamExt;
    /// let mut chunks = client.id_verifications().front_image(&id).await?.into_stream();
    /// while let Some(chunk) = chunks.next().await { let _bytes = chunk?; }
    /// # Ok(()) }
    /// ```
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes>> + Send + Sync {
        self.stream
    }

    fn too_large(&self) -> Error {
        Error::new(ErrorKind::BodyTooLarge).with_operation(self.operation)
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("content_type", &self.content_type)
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}
