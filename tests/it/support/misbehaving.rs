//! A loopback HTTP/1.1 server that misbehaves on purpose: it resets a connection in the middle of
//! a body, stalls, trickles, redirects, or answers with whatever status and headers a test
//! scripts. It counts every request it receives by method and path, so tests assert how many
//! times the client really sent something.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// A complete answer.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Announces `body.len()` bytes, sends the first `sent`, then closes the connection.
    DropMidBody { body: Vec<u8>, sent: usize },
    /// Announces a body, sends part of it, then sends nothing more (the connection stays open).
    StallMidBody { body: Vec<u8>, sent: usize },
    /// A complete answer whose body is sent in chunks of `chunk` bytes with
    /// `transfer-encoding: chunked`, so that its length is not known before it ends.
    Chunked {
        status: u16,
        body: Vec<u8>,
        chunk: usize,
    },
    /// Announces `body.len()` bytes and sends them `chunk` bytes at a time, `every` apart.
    Trickle {
        body: Vec<u8>,
        chunk: usize,
        every: Duration,
    },
    /// Reads the request and never answers.
    Silent,
    /// Waits, then behaves as `then`.
    Delayed {
        delay: Duration,
        then: Box<Behaviour>,
    },
}

impl Behaviour {
    /// A JSON answer.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(body).expect("JSON"),
        }
    }

    /// An answer with a text/html body, as a proxy in front of an API sends.
    pub fn html(status: u16) -> Self {
        Self::Reply {
            status,
            headers: vec![("content-type".into(), "text/html".into())],
            body: b"<html><body>Bad gateway</body></html>".to_vec(),
        }
    }

    /// Adds a header to a [`Behaviour::Reply`].
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Reply { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// One request the server received.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub path: String,
    /// The query string, without the `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

type Script = dyn Fn(&Received, usize) -> Behaviour + Send + Sync;

/// The server: its base URL, and what it received.
pub struct Misbehaving {
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
    in_flight: Arc<Mutex<(usize, usize)>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Misbehaving {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Misbehaving {
    /// Starts a server on 127.0.0.1 whose answer to a request is `script(request, n)`, `n`
    /// counting earlier requests with the same method and path.
    pub async fn start(
        script: impl Fn(&Received, usize) -> Behaviour + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let in_flight: Arc<Mutex<(usize, usize)>> = Arc::default();
        let script: Arc<Script> = Arc::new(script);
        let log = received.clone();
        let gauge = in_flight.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, script.clone(), log.clone(), gauge.clone()));
            }
        });
        Self {
            base_url,
            received,
            in_flight,
            task,
        }
    }

    /// A client builder pointed at this server, with a test key and no retries: each test adds
    /// the timeouts and retry policy it is about.
    pub fn builder(&self) -> gu1_kyc::ClientBuilder {
        gu1_kyc::Client::builder()
            .api_key("gk_test_key")
            .base_url(&self.base_url)
            .retry_policy(gu1_kyc::RetryPolicy {
                max_retries: 0,
                ..gu1_kyc::RetryPolicy::default()
            })
    }

    /// The most requests that were being answered at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.in_flight.lock().unwrap().1
    }

    /// Every request received, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// How many requests arrived with this method and path.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.received()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }

    /// Requests by `METHOD path`.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for r in self.received() {
            *counts
                .entry(format!("{} {}", r.method, r.path))
                .or_default() += 1;
        }
        counts
    }
}

async fn serve(
    mut stream: TcpStream,
    script: Arc<Script>,
    log: Arc<Mutex<Vec<Received>>>,
    gauge: Arc<Mutex<(usize, usize)>>,
) {
    loop {
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        let n = {
            let mut log = log.lock().unwrap();
            let n = log
                .iter()
                .filter(|r| r.method == request.method && r.path == request.path)
                .count();
            log.push(request.clone());
            n
        };
        {
            let mut gauge = gauge.lock().unwrap();
            gauge.0 += 1;
            gauge.1 = gauge.1.max(gauge.0);
        }
        let mut behaviour = script(&request, n);
        while let Behaviour::Delayed { delay, then } = behaviour {
            tokio::time::sleep(delay).await;
            behaviour = *then;
        }
        let open = answer(&mut stream, behaviour).await;
        gauge.lock().unwrap().0 -= 1;
        if !open {
            return;
        }
    }
}

/// Carries out one behaviour; false when the connection is done.
async fn answer(stream: &mut TcpStream, behaviour: Behaviour) -> bool {
    let head = |length: usize| {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n"
        )
    };
    match behaviour {
        Behaviour::Reply {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).await.is_ok() && stream.write_all(&body).await.is_ok()
        }
        Behaviour::Chunked {
            status,
            body,
            chunk,
        } => {
            let mut out = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n\
                 transfer-encoding: chunked\r\n\r\n"
            )
            .into_bytes();
            for part in body.chunks(chunk.max(1)) {
                out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
                out.extend_from_slice(part);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"0\r\n\r\n");
            stream.write_all(&out).await.is_ok()
        }
        Behaviour::Trickle { body, chunk, every } => {
            if stream.write_all(head(body.len()).as_bytes()).await.is_err() {
                return false;
            }
            for part in body.chunks(chunk.max(1)) {
                tokio::time::sleep(every).await;
                if stream.write_all(part).await.is_err() || stream.flush().await.is_err() {
                    return false;
                }
            }
            true
        }
        Behaviour::DropMidBody { body, sent } => {
            let _ = stream.write_all(head(body.len()).as_bytes()).await;
            let _ = stream.write_all(&body[..sent]).await;
            let _ = stream.flush().await;
            false
        }
        Behaviour::StallMidBody { body, sent } => {
            let _ = stream.write_all(head(body.len()).as_bytes()).await;
            let _ = stream.write_all(&body[..sent]).await;
            let _ = stream.flush().await;
            // Bounded: the test's client gives up long before.
            tokio::time::sleep(Duration::from_secs(30)).await;
            false
        }
        Behaviour::Silent | Behaviour::Delayed { .. } => {
            // A delay is unwrapped before; silence is bounded like a stall.
            tokio::time::sleep(Duration::from_secs(30)).await;
            false
        }
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let (path, query) = (path.to_owned(), query.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received {
        method,
        path,
        query,
        headers,
        body,
    })
}
