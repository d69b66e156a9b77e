//! The sandbox's HTTP server: an accept loop on the loopback listener that serves each
//! connection with hyper's HTTP/1 server, behind the front door (`front_door.rs`), and stops
//! gracefully.
//!
//! Each connection is served on its own task:
//!
//! 1. the front door reads the first request head within the header-read timeout and holds it
//!    to the sandbox's limits, answering a refusal itself in JSON and closing;
//! 2. otherwise hyper serves the connection, reading first the bytes the front door already
//!    read ([`Rewind`]); every later request hyper parses is held to the same limits by
//!    [`Door`] before the router sees it, and hyper's own header-read timeout closes a
//!    kept-alive connection that sends no complete head in time (idle ones included).
//!
//! Stopping (the shutdown future, or dropping the serving future) stops accepting, closes
//! connections still waiting for their first head, lets hyper finish the requests in flight and
//! close idle connections, and waits for every connection to end.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::response::Response;
use futures_util::future::{Either, Ready, ready};
use hyper::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::Service;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::{TowerToHyperService, TowerToHyperServiceFuture};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::front_door::{self, FirstHead};

/// hyper's read buffer, which also bounds the heads it parses: 256 KiB, far above
/// [`front_door::MAX_HEAD_BYTES`], so that a later request on a kept-alive connection whose head
/// breaks the sandbox's limits (a URI up to hyper's own 65 534 bytes included) reaches [`Door`]
/// and is answered in JSON.
const HYPER_MAX_BUF_SIZE: usize = 256 * 1024;

/// The most header fields hyper parses in a request: ten times
/// [`front_door::MAX_HEADER_FIELDS`], for the same reason. (hyper allocates room for this many
/// on each request, so it is not set higher.)
const HYPER_MAX_HEADERS: usize = 10 * front_door::MAX_HEADER_FIELDS;

/// How long accepting pauses after an error that is not about one connection (such as running
/// out of file descriptors), before trying again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `app` on `listener` until `shutdown` completes, then stops gracefully (see the module
/// documentation). Connections that send no complete request head within `header_read_timeout`
/// are closed.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    // Connections watch `stopping` to shut down, and hold `open` until they end.
    let (stop, stopping) = watch::channel(());
    let (all_closed, open) = watch::channel(());
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .max_buf_size(HYPER_MAX_BUF_SIZE)
        .max_headers(HYPER_MAX_HEADERS);
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) if is_connection_error(&error) => continue,
                Err(_) => {
                    tokio::select! {
                        () = &mut shutdown => break,
                        () = tokio::time::sleep(ACCEPT_PAUSE) => continue,
                    }
                }
            },
        };
        tokio::spawn(connection(
            stream,
            app.clone(),
            http.clone(),
            header_read_timeout,
            stopping.clone(),
            open.clone(),
        ));
    }
    drop(listener);
    drop(stopping);
    drop(open);
    let _ = stop.send(());
    all_closed.closed().await;
}

/// An accept error about one connection (which is gone), rather than about the listener.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Serves one connection: the front door, then hyper. `_open` is held until it ends.
async fn connection(
    mut stream: TcpStream,
    app: Router,
    http: http1::Builder,
    header_read_timeout: Duration,
    mut stopping: watch::Receiver<()>,
    _open: watch::Receiver<()>,
) {
    let first = tokio::select! {
        first = front_door::read_first_head(&mut stream, header_read_timeout) => first,
        // Stopping (or the server gone): a connection with no complete request has nothing
        // to finish.
        _ = stopping.changed() => return,
    };
    let head = match first {
        FirstHead::Admitted(head) => head,
        FirstHead::Refused(error) => {
            tokio::select! {
                () = front_door::answer_and_close(stream, &error) => {}
                _ = stopping.changed() => {}
            }
            return;
        }
        FirstHead::Closed => return,
    };
    let io = TokioIo::new(Rewind::new(head, stream));
    let mut served = pin!(http.serve_connection(io, Door::new(app)));
    tokio::select! {
        // The connection's end, whether the client closed it or it failed, is nothing to report.
        _ = served.as_mut() => return,
        _ = stopping.changed() => served.as_mut().graceful_shutdown(),
    }
    let _ = served.await;
}

/// The service hyper calls for each request of a connection: it holds every request after the
/// first (which the front door has judged on its bytes) to the sandbox's limits, answering a
/// refusal in JSON and closing, and hands the rest to the router.
struct Door {
    app: TowerToHyperService<Router>,
    /// Whether the next request is the first of the connection.
    first: AtomicBool,
}

impl Door {
    fn new(app: Router) -> Door {
        Door {
            app: TowerToHyperService::new(app),
            first: AtomicBool::new(true),
        }
    }
}

impl Service<Request<Incoming>> for Door {
    type Response = Response;
    type Error = Infallible;
    type Future = Either<
        Ready<Result<Response, Infallible>>,
        TowerToHyperServiceFuture<Router, Request<Incoming>>,
    >;

    fn call(&self, request: Request<Incoming>) -> Self::Future {
        let judged = self.first.swap(false, Ordering::Relaxed);
        if !judged && let Some(error) = front_door::judge_request(&request) {
            return Either::Left(ready(Ok(front_door::closing_answer(error))));
        }
        Either::Right(self.app.call(request))
    }
}

/// A TCP stream whose first reads return bytes already read from it.
struct Rewind {
    /// What was read before, and how much of it has been read again.
    prefix: Vec<u8>,
    replayed: usize,
    stream: TcpStream,
}

impl Rewind {
    fn new(prefix: Vec<u8>, stream: TcpStream) -> Rewind {
        Rewind {
            prefix,
            replayed: 0,
            stream,
        }
    }
}

impl AsyncRead for Rewind {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let rest = this.prefix.get(this.replayed..).unwrap_or_default();
        if rest.is_empty() || buf.remaining() == 0 {
            return Pin::new(&mut this.stream).poll_read(cx, buf);
        }
        let count = rest.len().min(buf.remaining());
        buf.put_slice(rest.get(..count).unwrap_or_default());
        this.replayed += count;
        if this.replayed == this.prefix.len() {
            // Replayed in full: the memory is no longer needed.
            this.prefix = Vec::new();
            this.replayed = 0;
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Rewind {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
