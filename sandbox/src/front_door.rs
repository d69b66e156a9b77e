//! The limits every request head is held to, and the front door that holds the first request of
//! each connection to them before hyper parses it.
//!
//! hyper answers a URI or a head it will not parse with an empty body (a 414 above its hard URI
//! limit of 65 534 bytes, a 431 above its buffer or header-count limits, a 400 for a malformed
//! head), and by itself limits nothing below that. The sandbox's limits are lower,
//! [`MAX_URI_BYTES`], [`MAX_HEAD_BYTES`] and [`MAX_HEADER_FIELDS`], and are answered with the
//! API's JSON error body, whose message states the limit and never repeats the URI or a header
//! (either can carry a credential or personal data):
//!
//! - On a new connection, the front door reads the first request head itself, within the
//!   header-read timeout, and judges it on the bytes as sent: a limit broken, a malformed head
//!   or one that is not HTTP/1.0 or HTTP/1.1 is answered here (414, 431, 400, or 408 when the
//!   head does not arrive in time) and the connection is closed. A head within the limits is
//!   handed to hyper with everything read so far, so hyper parses it as if it had read it.
//! - Later requests on a kept-alive connection reach hyper first. hyper's own limits are set
//!   well above the sandbox's (see `server.rs`), and [`judge_request`] holds each parsed
//!   request to the same limits, measuring its head in canonical form (`METHOD SP URI SP
//!   HTTP/1.1 CRLF`, then `name: value CRLF` per field, then `CRLF`).
//!
//! The one gap: a later request on a kept-alive connection that hyper itself refuses before the
//! sandbox sees it (a URI over hyper's 65 534 bytes, a head over hyper's buffer, more header
//! fields than hyper parses, a malformed head) still gets hyper's answer with an empty body, and
//! so does any request whose body framing hyper refuses (an invalid `Content-Length`, a
//! `Transfer-Encoding` that does not end in `chunked`), which the front door leaves to hyper.
//! Closing it would mean framing every request body on the connection outside hyper; the first
//! request of every connection, which is where a client's oversized request usually lands, is
//! always judged here.

use std::time::Duration;

use axum::http::header::CONNECTION;
use axum::http::{HeaderValue, Request, Uri};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::error::ApiError;

/// The longest request target (path and query, as sent) the sandbox reads: 8 KiB. A longer one
/// is answered `414 URI_TOO_LONG`.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// The largest request head (request line and header fields, line endings included) the sandbox
/// reads: 16 KiB. A larger one is answered `431 HEADERS_TOO_LARGE`.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// The most header fields a request may have: 100. More is answered `431 HEADERS_TOO_LARGE`.
pub const MAX_HEADER_FIELDS: usize = 100;

/// How long a connection may take to send a complete request head before the sandbox closes it
/// (10 s), unless [`crate::SandboxBuilder::header_read_timeout`] sets another.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How much the front door reads at a time.
const READ_CHUNK: usize = 8 * 1024;

/// How long writing a refusal may take: it is a few hundred bytes, which a client that reads
/// nothing still takes into its receive buffer.
const WRITE_TIMEOUT: Duration = Duration::from_secs(1);

/// After a refusal, how long the rest of what the client sends is read and discarded, and how
/// much of it at most, so that closing with unread data does not reset the connection before
/// the client has read the answer.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 1024 * 1024;

/// 431 for a head over [`MAX_HEAD_BYTES`].
fn head_too_large() -> ApiError {
    ApiError::headers_too_large(format!(
        "The request head is larger than {MAX_HEAD_BYTES} bytes"
    ))
}

/// 431 for more than [`MAX_HEADER_FIELDS`] fields.
fn too_many_fields() -> ApiError {
    ApiError::headers_too_large(format!(
        "The request has more than {MAX_HEADER_FIELDS} header fields"
    ))
}

/// 400 for a request line that is not `METHOD SP TARGET SP HTTP/1.x`.
fn malformed_request_line() -> ApiError {
    ApiError::validation("The request line is not valid HTTP/1.1")
}

/// 400 for a request in another protocol or HTTP version.
fn not_http1() -> ApiError {
    ApiError::validation("The sandbox serves HTTP/1.0 and HTTP/1.1 only")
}

/// 400 for a header line that is not `name: value`.
fn malformed_field() -> ApiError {
    ApiError::validation("A header field of the request is not valid HTTP/1.1")
}

/// A `tchar` of RFC 9110: what a method and a header name are made of.
fn is_token(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// A byte hyper's parser accepts in a request target.
fn is_target_byte(byte: u8) -> bool {
    (b'!'..=b'~').contains(&byte) || byte >= 0x80
}

/// A byte hyper's parser accepts in a header value.
fn is_value_byte(byte: u8) -> bool {
    byte == b'\t' || (byte >= b' ' && byte != 0x7f)
}

/// What the bytes read so far amount to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scan {
    /// The head is not complete, and nothing read breaks a limit.
    More,
    /// The head is complete and within the limits; it ends at this offset.
    Complete(usize),
    /// The head breaks a limit or is not HTTP/1.x.
    Refused(ApiError),
}

/// Reads a request head as it arrives, judging each byte once: where each line ends, the
/// request target's length while the request line is still coming, and each complete line.
/// The rules are those of hyper's parser (httparse with hyper's settings): leading empty lines
/// are skipped, lines end in CRLF or LF, a field is `token ":" OWS value`, and no line folding.
#[derive(Debug, Default)]
struct HeadScanner {
    /// Where the line being read starts.
    line_start: usize,
    /// How far the buffer has been judged.
    judged: usize,
    /// Whether the request line has been read.
    request_line_read: bool,
    /// Spaces seen so far in the request line being read (0, 1 or 2).
    spaces: u8,
    /// Length so far of the request target being read.
    target_length: usize,
    /// Header fields read so far.
    fields: usize,
}

impl HeadScanner {
    /// Judges the bytes of `buffer` not judged yet; `buffer` only ever grows between calls.
    fn scan(&mut self, buffer: &[u8]) -> Scan {
        while let Some(&byte) = buffer.get(self.judged) {
            self.judged += 1;
            if byte != b'\n' {
                if !self.request_line_read
                    && let Some(error) = self.request_line_byte(byte)
                {
                    return Scan::Refused(error);
                }
                continue;
            }
            let end = self.judged;
            let line = buffer.get(self.line_start..end - 1).unwrap_or_default();
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.line_start = end;
            if let Some(verdict) = self.line(line, end) {
                return verdict;
            }
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return Scan::Refused(head_too_large());
        }
        Scan::More
    }

    /// One byte of a request line still being read: the method must be a token, and the
    /// target is refused as soon as it is too long, without waiting for the rest of it.
    fn request_line_byte(&mut self, byte: u8) -> Option<ApiError> {
        match self.spaces {
            0 if byte == b' ' => self.spaces = 1,
            0 if byte == b'\r' || is_token(byte) => {}
            0 => return Some(not_http1()),
            1 if byte == b' ' => self.spaces = 2,
            1 => {
                self.target_length += 1;
                if self.target_length > MAX_URI_BYTES {
                    return Some(ApiError::uri_too_long(MAX_URI_BYTES));
                }
            }
            _ => {}
        }
        None
    }

    /// A complete line (without its line ending) that ends at `end`.
    fn line(&mut self, line: &[u8], end: usize) -> Option<Scan> {
        if !self.request_line_read {
            self.spaces = 0;
            self.target_length = 0;
            if !line.is_empty() {
                if let Err(error) = judge_request_line(line) {
                    return Some(Scan::Refused(error));
                }
                self.request_line_read = true;
            }
            return (end > MAX_HEAD_BYTES).then(|| Scan::Refused(head_too_large()));
        }
        if end > MAX_HEAD_BYTES {
            return Some(Scan::Refused(head_too_large()));
        }
        if line.is_empty() {
            return Some(Scan::Complete(end));
        }
        self.fields += 1;
        if self.fields > MAX_HEADER_FIELDS {
            return Some(Scan::Refused(too_many_fields()));
        }
        if !is_field_line(line) {
            return Some(Scan::Refused(malformed_field()));
        }
        None
    }
}

/// `METHOD SP TARGET SP HTTP/1.x`, with a target hyper can read as a URI.
fn judge_request_line(line: &[u8]) -> Result<(), ApiError> {
    let mut parts = line.splitn(3, |byte| *byte == b' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed_request_line());
    };
    if target.len() > MAX_URI_BYTES {
        return Err(ApiError::uri_too_long(MAX_URI_BYTES));
    }
    if method.is_empty()
        || !method.iter().copied().all(is_token)
        || target.is_empty()
        || !target.iter().copied().all(is_target_byte)
        || Uri::try_from(target).is_err()
    {
        return Err(malformed_request_line());
    }
    if version != b"HTTP/1.1" && version != b"HTTP/1.0" {
        return Err(not_http1());
    }
    Ok(())
}

/// `token ":" OWS value OWS`, with no byte a header value cannot hold.
fn is_field_line(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|byte| *byte == b':') else {
        return false;
    };
    let (name, value) = line.split_at(colon);
    !name.is_empty()
        && name.iter().copied().all(is_token)
        && value.iter().skip(1).copied().all(is_value_byte)
}

/// What the front door made of the first request head of a connection.
#[derive(Debug)]
pub(crate) enum FirstHead {
    /// The head is complete and within the limits: every byte read so far (the head, and any
    /// of the body or of later requests that came with it), for hyper to read first.
    Admitted(Vec<u8>),
    /// The head broke a limit, is not HTTP/1.x, or did not arrive in time: answer this and
    /// close the connection.
    Refused(ApiError),
    /// The client closed the connection, or sent nothing before the timeout: close it without
    /// an answer, as for an idle connection.
    Closed,
}

/// Reads the first request head of a connection, up to the limits and within `timeout`.
pub(crate) async fn read_first_head(stream: &mut TcpStream, timeout: Duration) -> FirstHead {
    let deadline = Instant::now() + timeout;
    let mut buffer = Vec::new();
    let mut chunk = vec![0; READ_CHUNK];
    let mut scanner = HeadScanner::default();
    loop {
        let read = match tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await {
            Err(_) if buffer.is_empty() => return FirstHead::Closed,
            Err(_) => return FirstHead::Refused(ApiError::request_timeout(timeout)),
            Ok(Err(_) | Ok(0)) => return FirstHead::Closed,
            Ok(Ok(read)) => read,
        };
        buffer.extend_from_slice(chunk.get(..read).unwrap_or_default());
        match scanner.scan(&buffer) {
            Scan::More => {}
            Scan::Complete(_) => return FirstHead::Admitted(buffer),
            Scan::Refused(error) => return FirstHead::Refused(error),
        }
    }
}

/// Writes `error` as a complete HTTP/1.1 answer that closes the connection, then reads and
/// discards what the client still sends for a moment (see [`LINGER`]) before closing.
pub(crate) async fn answer_and_close(mut stream: TcpStream, error: &ApiError) {
    let answer = raw_answer(error);
    let written = tokio::time::timeout(WRITE_TIMEOUT, async {
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
    if !matches!(written, Ok(Ok(()))) {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut sink = vec![0; READ_CHUNK];
    let mut discarded = 0;
    while discarded < LINGER_BYTES {
        match tokio::time::timeout_at(deadline, stream.read(&mut sink)).await {
            Ok(Ok(read)) if read > 0 => discarded += read,
            _ => break,
        }
    }
}

/// The status line, headers and body of `error`, as hyper would write them for the router.
fn raw_answer(error: &ApiError) -> String {
    let body = error.body();
    let date = chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT");
    format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\ndate: {date}\r\n\r\n{body}",
        error.status.as_u16(),
        error.status.canonical_reason().unwrap_or(""),
        body.len(),
    )
}

/// Holds a request that hyper has parsed (a later request of a kept-alive connection) to the
/// same limits as the front door: `None` when it is within them.
pub(crate) fn judge_request<B>(request: &Request<B>) -> Option<ApiError> {
    let uri = uri_length(request.uri());
    if uri > MAX_URI_BYTES {
        return Some(ApiError::uri_too_long(MAX_URI_BYTES));
    }
    let headers = request.headers();
    if headers.len() > MAX_HEADER_FIELDS {
        return Some(too_many_fields());
    }
    let request_line = request.method().as_str().len() + 1 + uri + 1 + "HTTP/1.1\r\n".len();
    let fields: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + ": ".len() + value.len() + "\r\n".len())
        .sum();
    (request_line + fields + "\r\n".len() > MAX_HEAD_BYTES).then(head_too_large)
}

/// The length of a request target as it was sent (origin form `/path?query`, or absolute form
/// `http://host/path?query`).
fn uri_length(uri: &Uri) -> usize {
    uri.scheme_str()
        .map_or(0, |scheme| scheme.len() + "://".len())
        + uri
            .authority()
            .map_or(0, |authority| authority.as_str().len())
        + uri.path_and_query().map_or(0, |path| path.as_str().len())
}

/// `error` as an answer that also closes the connection, as the front door does.
pub(crate) fn closing_answer(error: ApiError) -> Response {
    let mut response = error.into_response();
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scans `input` whole, then again one byte at a time: both must agree.
    fn scan(input: &[u8]) -> Scan {
        let whole = HeadScanner::default().scan(input);
        let mut scanner = HeadScanner::default();
        let mut bytewise = Scan::More;
        for end in 1..=input.len() {
            bytewise = scanner.scan(&input[..end]);
            if bytewise != Scan::More {
                break;
            }
        }
        assert_eq!(whole, bytewise, "{:?}", String::from_utf8_lossy(input));
        whole
    }

    fn code(scan: &Scan) -> Option<(u16, &'static str)> {
        match scan {
            Scan::Refused(error) => Some((error.status.as_u16(), error.code)),
            _ => None,
        }
    }

    #[test]
    fn a_complete_head_ends_after_its_empty_line() {
        let head = b"GET /entities?limit=1 HTTP/1.1\r\nHost: x\r\nAccept:*/*\r\n\r\nBODY";
        assert_eq!(scan(head), Scan::Complete(head.len() - 4));
        assert_eq!(
            scan(b"\r\n\nGET / HTTP/1.0\nHost: x\n\n"),
            Scan::Complete(27)
        );
        assert_eq!(scan(b"GET / HTTP/1.1\r\nHost: x\r\n"), Scan::More);
        assert_eq!(scan(b"GET /partial"), Scan::More);
    }

    #[test]
    fn a_long_uri_is_refused_before_the_rest_of_it_arrives() {
        let mut line = b"GET /".to_vec();
        line.extend(std::iter::repeat_n(b'a', MAX_URI_BYTES));
        assert_eq!(code(&scan(&line)), Some((414, "URI_TOO_LONG")));
        let mut exact = b"GET /".to_vec();
        exact.extend(std::iter::repeat_n(b'a', MAX_URI_BYTES - 1));
        exact.extend_from_slice(b" HTTP/1.1\r\n\r\n");
        assert!(matches!(scan(&exact), Scan::Complete(_)));
    }

    #[test]
    fn a_large_head_or_too_many_fields_is_431() {
        let mut head = b"GET / HTTP/1.1\r\n".to_vec();
        while head.len() <= MAX_HEAD_BYTES {
            head.extend_from_slice(b"x-filler: 0123456789abcdef0123456789abcdef\r\n");
        }
        head.truncate(MAX_HEAD_BYTES + 1);
        let found = scan(&head);
        assert_eq!(code(&found), Some((431, "HEADERS_TOO_LARGE")));
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for n in 0..=MAX_HEADER_FIELDS {
            many.extend_from_slice(format!("x-{n}: 1\r\n").as_bytes());
        }
        let found = scan(&many);
        assert_eq!(code(&found), Some((431, "HEADERS_TOO_LARGE")));
        let Scan::Refused(error) = found else {
            unreachable!()
        };
        assert!(error.message.contains("100 header fields"), "{error:?}");
    }

    #[test]
    fn heads_that_are_not_http_1_are_400() {
        for input in [
            &b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"[..],
            b"GET / HTTP/3\r\n\r\n",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
            b"GET /a b HTTP/1.1\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost : x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \x00\r\n\r\n",
        ] {
            assert_eq!(
                code(&scan(input)),
                Some((400, "VALIDATION_ERROR")),
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn a_parsed_request_is_held_to_the_same_limits() {
        let long = format!("/entities?q={}", "a".repeat(MAX_URI_BYTES));
        let request = Request::get(long.as_str()).body(()).unwrap();
        assert_eq!(
            judge_request(&request).map(|e| e.code),
            Some("URI_TOO_LONG")
        );
        let mut many = Request::get("/entities");
        for n in 0..=MAX_HEADER_FIELDS {
            many = many.header(format!("x-{n}"), "1");
        }
        let many = many.body(()).unwrap();
        assert_eq!(
            judge_request(&many).map(|e| e.code),
            Some("HEADERS_TOO_LARGE")
        );
        let large = Request::get("/entities")
            .header("x-large", "a".repeat(MAX_HEAD_BYTES))
            .body(())
            .unwrap();
        assert_eq!(
            judge_request(&large).map(|e| e.code),
            Some("HEADERS_TOO_LARGE")
        );
        let fine = Request::get("/entities")
            .header("authorization", "Bearer x")
            .body(())
            .unwrap();
        assert_eq!(judge_request(&fine), None);
    }

    #[test]
    fn a_refusal_is_a_complete_json_answer_that_closes() {
        let answer = raw_answer(&ApiError::uri_too_long(MAX_URI_BYTES));
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{head}");
        assert!(head.contains("\r\ncontent-type: application/json\r\n"));
        assert!(head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())));
        assert!(head.contains("\r\nconnection: close\r\n"));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"], "URI_TOO_LONG");
        assert_eq!(json["message"], "The request URI is longer than 8192 bytes");
    }
}
