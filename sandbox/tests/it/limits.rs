//! The request limits, on raw connections (reqwest cannot send most of these): a URI over
//! `MAX_URI_BYTES` is 414, a head over `MAX_HEAD_BYTES` or with more than `MAX_HEADER_FIELDS`
//! fields is 431, a head that is not HTTP/1.x is 400, each with the API's JSON error body and
//! the connection closed, on a new connection and on a kept-alive one; a head that does not
//! arrive within the header-read timeout is 408 and closed; requests just within the limits
//! are served.

use std::time::{Duration, Instant};

use gu1_kyc_sandbox::{Fault, MAX_HEAD_BYTES, MAX_HEADER_FIELDS, MAX_URI_BYTES, Sandbox};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Every exchange of these tests ends well within this.
const BOUND: Duration = Duration::from_secs(10);

/// Put in every URI and header value sent, so that a test can see no answer repeats them.
const MARKER: &str = "qzxmarker";

/// An answer read off the wire.
#[derive(Debug)]
struct Answer {
    status_line: String,
    headers: Vec<(String, String)>,
    raw: String,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `status` with the API's JSON error `code`, a message, and nothing of the request.
    fn assert_refusal(&self, status: u16, reason: &str, code: &str) {
        assert_eq!(
            self.status_line,
            format!("HTTP/1.1 {status} {reason}"),
            "{self:?}"
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "{self:?}"
        );
        assert_eq!(self.body["error"], code, "{self:?}");
        let message = self.body["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{self:?}");
        assert!(
            !self.raw.contains(MARKER),
            "the answer repeats the request: {self:?}"
        );
    }
}

async fn connect(sandbox: &Sandbox) -> TcpStream {
    let address = sandbox
        .base_url()
        .strip_prefix("http://")
        .expect("an http base URL");
    TcpStream::connect(address)
        .await
        .expect("the sandbox accepts")
}

/// A GET of `target` with the sandbox's key and `extra` header lines (each without CRLF).
fn get(sandbox: &Sandbox, target: &str, extra: &[String]) -> Vec<u8> {
    let mut head = format!(
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n",
        sandbox.api_key()
    );
    for line in extra {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// A path with a query that makes it exactly `length` bytes long.
fn target_of(length: usize) -> String {
    let base = format!("/_sandbox/clock?{MARKER}=");
    format!("{base}{}", "a".repeat(length - base.len()))
}

/// A header line `name: <marker>aaa...` of `length` bytes with its CRLF.
fn field(name: &str, length: usize) -> String {
    let start = format!("{name}: {MARKER}");
    format!("{start}{}", "a".repeat(length - 2 - start.len()))
}

/// `count` header lines `x-filler-N: ...`, each of `length` bytes with its CRLF.
fn fillers(count: usize, length: usize) -> Vec<String> {
    (0..count)
        .map(|n| field(&format!("x-filler-{n:03}"), length))
        .collect()
}

/// Reads one answer (its head, then a body of its `content-length`) from `stream`; `pending`
/// holds what was read beyond an earlier answer, and keeps what is read beyond this one.
async fn read_answer(stream: &mut TcpStream, pending: &mut Vec<u8>) -> Answer {
    let mut chunk = vec![0; 16 * 1024];
    let head_end = loop {
        if let Some(at) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream
            .read(&mut chunk)
            .await
            .expect("the answer is readable");
        assert!(read > 0, "closed before a complete answer: {pending:?}");
        pending.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8(pending[..head_end].to_vec()).expect("a text head");
    let mut lines = head.trim_end().split("\r\n");
    let status_line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .expect("a content-length");
    while pending.len() < head_end + length {
        let read = stream.read(&mut chunk).await.expect("the body is readable");
        assert!(read > 0, "closed in the middle of the body");
        pending.extend_from_slice(&chunk[..read]);
    }
    let raw = String::from_utf8_lossy(&pending[..head_end + length]).into_owned();
    let body = serde_json::from_slice(&pending[head_end..head_end + length]).unwrap_or(Value::Null);
    pending.drain(..head_end + length);
    Answer {
        status_line,
        headers,
        raw,
        body,
    }
}

/// Whether the sandbox closes `stream` (end of stream, or a reset) with nothing more to read,
/// within [`BOUND`].
async fn closes(stream: &mut TcpStream) -> bool {
    let mut chunk = [0; 1024];
    match tokio::time::timeout(BOUND, stream.read(&mut chunk)).await {
        Ok(Ok(0) | Err(_)) => true,
        Ok(Ok(_)) | Err(_) => false,
    }
}

/// Sends `request` on a new connection; the answer, and the connection.
async fn exchange(sandbox: &Sandbox, request: &[u8]) -> (Answer, TcpStream) {
    tokio::time::timeout(BOUND, async {
        let mut stream = connect(sandbox).await;
        // A server may answer before it has read everything; a write cut short is fine.
        let _ = stream.write_all(request).await;
        let answer = read_answer(&mut stream, &mut Vec::new()).await;
        (answer, stream)
    })
    .await
    .expect("the exchange ends by itself")
}

/// Sends an ordinary request, then `request`, on one kept-alive connection; both answers, and
/// whether the connection then closed.
async fn second_on_kept_alive(sandbox: &Sandbox, request: &[u8]) -> (Answer, Answer, bool) {
    tokio::time::timeout(BOUND, async {
        let mut stream = connect(sandbox).await;
        let mut pending = Vec::new();
        stream
            .write_all(&get(sandbox, "/_sandbox/clock", &[]))
            .await
            .expect("the first request is sent");
        let first = read_answer(&mut stream, &mut pending).await;
        let _ = stream.write_all(request).await;
        let second = read_answer(&mut stream, &mut pending).await;
        let closed = closes(&mut stream).await;
        (first, second, closed)
    })
    .await
    .expect("the exchange ends by itself")
}

#[tokio::test]
async fn a_uri_over_8_kib_is_a_json_414_even_above_hypers_own_limit() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    for length in [MAX_URI_BYTES + 1, 9_000, 100_000, 200_000] {
        let (answer, mut stream) =
            exchange(&sandbox, &get(&sandbox, &target_of(length), &[])).await;
        answer.assert_refusal(414, "URI Too Long", "URI_TOO_LONG");
        assert_eq!(
            answer.body["message"],
            format!("The request URI is longer than {MAX_URI_BYTES} bytes")
        );
        assert_eq!(answer.header("connection"), Some("close"));
        assert!(
            closes(&mut stream).await,
            "{length}: the connection is closed"
        );
    }
    // The same on a POST with a body the sandbox never reads.
    let post = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}",
        target_of(100_000)
    );
    let (answer, _) = exchange(&sandbox, post.as_bytes()).await;
    answer.assert_refusal(414, "URI Too Long", "URI_TOO_LONG");
}

#[tokio::test]
async fn a_head_over_16_kib_is_a_json_431() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    // 20 KB of headers in ten fields, and 64 KB in one.
    for extra in [fillers(10, 2_000), fillers(1, 64_000)] {
        let (answer, mut stream) =
            exchange(&sandbox, &get(&sandbox, "/_sandbox/clock", &extra)).await;
        answer.assert_refusal(431, "Request Header Fields Too Large", "HEADERS_TOO_LARGE");
        assert_eq!(
            answer.body["message"],
            format!("The request head is larger than {MAX_HEAD_BYTES} bytes")
        );
        assert!(closes(&mut stream).await);
    }
}

#[tokio::test]
async fn more_than_100_header_fields_are_a_json_431() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    // Host and Authorization, and 99 more: 101 in all, in well under 16 KiB.
    let extra = fillers(MAX_HEADER_FIELDS - 1, 40);
    let (answer, mut stream) = exchange(&sandbox, &get(&sandbox, "/_sandbox/clock", &extra)).await;
    answer.assert_refusal(431, "Request Header Fields Too Large", "HEADERS_TOO_LARGE");
    assert_eq!(
        answer.body["message"],
        format!("The request has more than {MAX_HEADER_FIELDS} header fields")
    );
    assert!(closes(&mut stream).await);
}

#[tokio::test]
async fn a_head_that_is_not_http_1_is_a_json_400() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    for request in [
        &b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"[..],
        b"GET /_sandbox/clock HTTP/3.0\r\nHost: x\r\n\r\n",
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",
        b"GET /_sandbox/clock HTTP/1.1\r\nHost x\r\n\r\n",
    ] {
        let (answer, mut stream) = exchange(&sandbox, request).await;
        answer.assert_refusal(400, "Bad Request", "VALIDATION_ERROR");
        assert!(closes(&mut stream).await);
    }
}

#[tokio::test]
async fn the_limits_hold_on_the_second_request_of_a_kept_alive_connection() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let cases = [
        (
            get(&sandbox, &target_of(9_000), &[]),
            414,
            "URI Too Long",
            "URI_TOO_LONG",
        ),
        // Above 8 KiB and within hyper's own URI limit (65 534 bytes).
        (
            get(&sandbox, &target_of(60_000), &[]),
            414,
            "URI Too Long",
            "URI_TOO_LONG",
        ),
        (
            get(&sandbox, "/_sandbox/clock", &fillers(10, 2_000)),
            431,
            "Request Header Fields Too Large",
            "HEADERS_TOO_LARGE",
        ),
        (
            get(
                &sandbox,
                "/_sandbox/clock",
                &fillers(MAX_HEADER_FIELDS - 1, 40),
            ),
            431,
            "Request Header Fields Too Large",
            "HEADERS_TOO_LARGE",
        ),
    ];
    for (request, status, reason, code) in cases {
        let (first, second, closed) = second_on_kept_alive(&sandbox, &request).await;
        assert_eq!(first.status_line, "HTTP/1.1 200 OK", "{first:?}");
        second.assert_refusal(status, reason, code);
        assert_eq!(second.header("connection"), Some("close"));
        assert!(closed, "{code}: the connection is closed");
    }
}

#[tokio::test]
async fn requests_just_within_the_limits_are_served() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    // A URI of exactly 8 KiB; exactly 100 fields; a head of exactly 16 KiB.
    let long_uri = get(&sandbox, &target_of(MAX_URI_BYTES), &[]);
    let many_fields = get(
        &sandbox,
        "/_sandbox/clock",
        &fillers(MAX_HEADER_FIELDS - 2, 40),
    );
    let room = MAX_HEAD_BYTES - get(&sandbox, "/_sandbox/clock", &fillers(7, 2_000)).len();
    let mut extra = fillers(7, 2_000);
    extra.push(field("x-last", room));
    let full_head = get(&sandbox, "/_sandbox/clock", &extra);
    assert_eq!(full_head.len(), MAX_HEAD_BYTES);
    for request in [&long_uri, &many_fields, &full_head] {
        let (answer, _) = exchange(&sandbox, request).await;
        assert_eq!(answer.status_line, "HTTP/1.1 200 OK", "{answer:?}");
        assert!(answer.body["now"].is_string(), "{answer:?}");
        // Twice more on one connection, which stays open between them.
        tokio::time::timeout(BOUND, async {
            let mut stream = connect(&sandbox).await;
            let mut pending = Vec::new();
            for _ in 0..2 {
                stream
                    .write_all(request)
                    .await
                    .expect("the request is sent");
                let answer = read_answer(&mut stream, &mut pending).await;
                assert_eq!(answer.status_line, "HTTP/1.1 200 OK", "{answer:?}");
                assert!(answer.header("connection").is_none(), "{answer:?}");
            }
        })
        .await
        .expect("the exchange ends by itself");
    }
}

#[tokio::test]
async fn a_head_that_does_not_arrive_in_time_is_a_json_408_and_closed() {
    let timeout = Duration::from_millis(200);
    let sandbox = Sandbox::builder()
        .header_read_timeout(timeout)
        .start()
        .await
        .expect("the sandbox starts");
    tokio::time::timeout(BOUND, async {
        // Half a head, then nothing.
        let started = Instant::now();
        let mut stream = connect(&sandbox).await;
        stream
            .write_all(format!("GET /_sandbox/clock?{MARKER} HTTP/1.1\r\nHost: 127.").as_bytes())
            .await
            .expect("the half head is sent");
        let answer = read_answer(&mut stream, &mut Vec::new()).await;
        assert!(started.elapsed() >= timeout, "{:?}", started.elapsed());
        answer.assert_refusal(408, "Request Timeout", "REQUEST_TIMEOUT");
        assert_eq!(
            answer.body["message"],
            "The request head was not received within 200 ms"
        );
        assert!(closes(&mut stream).await);

        // Nothing at all: closed without an answer.
        let mut silent = connect(&sandbox).await;
        let mut chunk = [0; 64];
        let read = silent.read(&mut chunk).await;
        assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");

        // Idle after a request: hyper's header-read timeout closes it.
        let mut idle = connect(&sandbox).await;
        idle.write_all(&get(&sandbox, "/_sandbox/clock", &[]))
            .await
            .expect("the request is sent");
        let answer = read_answer(&mut idle, &mut Vec::new()).await;
        assert_eq!(answer.status_line, "HTTP/1.1 200 OK");
        let idle_since = Instant::now();
        assert!(closes(&mut idle).await);
        assert!(
            idle_since.elapsed() >= timeout / 2,
            "{:?}",
            idle_since.elapsed()
        );
    })
    .await
    .expect("the sandbox closes the connections by itself");
}

#[tokio::test]
async fn shutdown_finishes_requests_in_flight_and_closes_waiting_connections() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    sandbox
        .inject_fault(Fault::delay(Duration::from_millis(300)).on("listEntities"))
        .expect("the fault is injected");
    let base = sandbox.base_url().to_owned();
    tokio::time::timeout(BOUND, async {
        // One connection with half a head, one idle after a request, one request in flight.
        let mut halfway = connect(&sandbox).await;
        halfway
            .write_all(b"GET /_sandbox/clock HTTP/1.1\r\nHost:")
            .await
            .expect("the half head is sent");
        let mut idle = connect(&sandbox).await;
        idle.write_all(&get(&sandbox, "/_sandbox/clock", &[]))
            .await
            .expect("the request is sent");
        let answer = read_answer(&mut idle, &mut Vec::new()).await;
        assert_eq!(answer.status_line, "HTTP/1.1 200 OK");
        let in_flight = tokio::spawn(
            reqwest::Client::new()
                .get(format!("{base}/entities"))
                .bearer_auth(sandbox.api_key())
                .send(),
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        sandbox.shutdown().await;
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        let answer = in_flight
            .await
            .expect("the request task ends")
            .expect("the request in flight is answered");
        assert_eq!(answer.status(), 200);
        assert!(closes(&mut halfway).await);
        assert!(closes(&mut idle).await);
    })
    .await
    .expect("the shutdown ends by itself");
    assert!(
        TcpStream::connect(base.trim_start_matches("http://"))
            .await
            .is_err()
    );
}
