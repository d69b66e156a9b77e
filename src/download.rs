//! Files the API serves (document images, selfies, session media), streamed.

use std::{
    fmt,
    future::Future,
    path::Path,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use tokio::{io::AsyncWriteExt, time::Sleep};

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
        Self {
            content_type,
            content_length,
            stream: Box::pin(Watched {
                raw: Some(stream),
                idle_timeout,
                timer: None,
                operation,
            }),
            operation,
        }
    }

    /// The `Content-Type` the server gave (`image/jpeg`, `image/png`, `video/webm`, ...).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
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
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
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
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
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
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
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
    /// file beside it, renamed into place at the end. On Unix the file is readable and writable
    /// by its owner only: a stored image is personal data.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
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
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options.open(&partial).await.map_err(io)?;
        let mut writeback = match Writeback::new(&file).await {
            Ok(writeback) => writeback,
            Err(e) => {
                drop(file);
                let _ = tokio::fs::remove_file(&partial).await;
                return Err(io(e));
            }
        };
        let mut written = 0u64;
        let outcome: Result<()> = async {
            while let Some(chunk) = self.stream.next().await {
                let chunk = chunk?;
                file.write_all(&chunk).await.map_err(io)?;
                written += chunk.len() as u64;
                writeback.wrote(&mut file, chunk.len()).await.map_err(io)?;
            }
            file.flush().await.map_err(io)?;
            writeback.finish().await.map_err(io)?;
            file.sync_all().await.map_err(io)?;
            Ok(())
        }
        .await;
        drop(file);
        if let Err(e) = outcome {
            writeback.abandon().await;
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(e);
        }
        tokio::fs::rename(&partial, path).await.map_err(io)?;
        Ok(written)
    }

    /// The bytes as a stream of chunks, for forwarding elsewhere.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
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

/// A body stream under the idle timeout: one timer per download, moved later at each chunk
/// (moving a timer later is cheap; a new timer per chunk is not), made on the first poll so
/// that it belongs to the runtime that reads the download.
struct Watched {
    raw: Option<Raw>,
    idle_timeout: Duration,
    timer: Option<Pin<Box<Sleep>>>,
    operation: Operation,
}

impl Stream for Watched {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let Some(raw) = this.raw.as_mut() else {
            return Poll::Ready(None);
        };
        let outcome = match raw.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                if let Some(timer) = this.timer.as_mut() {
                    timer
                        .as_mut()
                        .reset(crate::transport::deadline_after(this.idle_timeout));
                }
                return Poll::Ready(Some(Ok(chunk)));
            }
            Poll::Ready(Some(Err(e))) => Some(map::from_reqwest(e)),
            Poll::Ready(None) => None,
            Poll::Pending => {
                let timeout = this.idle_timeout;
                let timer = this
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
                match timer.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(()) => Some(map::timed_out(
                        "the download's idle timeout",
                        this.idle_timeout,
                    )),
                }
            }
        };
        // The body ended or failed: nothing more is read from it.
        this.raw = None;
        this.timer = None;
        Poll::Ready(outcome.map(|e| Err(e.with_operation(this.operation))))
    }
}

/// How many bytes `save` writes between two requests to start writing them to disk.
const WRITEBACK_EVERY: usize = 8 << 20;

/// Starts writing a file's pages to disk while the download goes on, so that the `sync_all`
/// that ends `save` has only the last few megabytes left to wait for instead of the whole file.
/// At most one such sync runs at a time, on a second handle to the same file.
struct Writeback {
    file: Arc<std::fs::File>,
    since: usize,
    running: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Writeback {
    async fn new(file: &tokio::fs::File) -> std::io::Result<Self> {
        Ok(Self {
            file: Arc::new(file.try_clone().await?.into_std().await),
            since: 0,
            running: None,
        })
    }

    /// Counts `n` more bytes written to `file`; past the threshold, and when no sync is
    /// running, hands what was written to a background sync.
    async fn wrote(&mut self, file: &mut tokio::fs::File, n: usize) -> std::io::Result<()> {
        self.since += n;
        if self.since < WRITEBACK_EVERY || self.running.as_ref().is_some_and(|r| !r.is_finished()) {
            return Ok(());
        }
        self.finish().await?;
        // The file's own writes run in the background too: they must have reached the file
        // before a sync can cover them.
        file.flush().await?;
        let handle = self.file.clone();
        self.running = Some(tokio::task::spawn_blocking(move || handle.sync_data()));
        self.since = 0;
        Ok(())
    }

    /// Waits for the running sync, if any, and reports how it went.
    async fn finish(&mut self) -> std::io::Result<()> {
        match self.running.take() {
            Some(running) => running.await.map_err(std::io::Error::other)?,
            None => Ok(()),
        }
    }

    /// Waits for the running sync, if any, whatever its outcome: the file is being removed.
    async fn abandon(mut self) {
        let _ = self.finish().await;
    }
}
