//! Fault injection: the next answers of an operation (or of every operation) are replaced by a
//! chosen status and body, delayed, cut off, or sent slowly, so a client's retries and timeouts
//! can be tested against the real thing. Here are the faults and their queue; `middleware.rs`
//! answers requests with them. `drift.rs` holds the drifts, which make an operation's successful
//! answers differ from the spec on purpose. `delivery.rs` holds the faults of webhook deliveries,
//! the other direction: what the sandbox sends to a receiver.

pub(crate) mod delivery;
pub(crate) mod drift;
pub(crate) mod middleware;

use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, StatusCode};
use serde_json::{Value, json};

use crate::operations;
use crate::util::survives_clear;

/// The longest delay or slow body a fault may ask for, so every answer ends in bounded time.
pub const MAX_FAULT_WAIT: Duration = Duration::from_secs(300);

/// What an injected fault does to an answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FaultKind {
    /// Answer with this status, these headers and this JSON body; the operation does not run.
    Status {
        /// The HTTP status, 200 to 599.
        status: u16,
        /// Extra response headers, e.g. `("retry-after", "1")`.
        headers: Vec<(String, String)>,
        /// The JSON body.
        body: Value,
    },
    /// Wait this long, then run the operation and answer normally.
    Delay(Duration),
    /// Close the connection without answering; the operation does not run.
    DropConnection,
    /// Run the operation and send its status and headers at once, then send the body in pieces
    /// spread over this long.
    SlowBody(Duration),
}

impl FaultKind {
    /// The kind's name in the control API: `status`, `delay`, `drop_connection`, `slow_body`.
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Status { .. } => "status",
            FaultKind::Delay(_) => "delay",
            FaultKind::DropConnection => "drop_connection",
            FaultKind::SlowBody(_) => "slow_body",
        }
    }
}

/// A fault to inject with [`Sandbox::inject_fault`](crate::Sandbox::inject_fault): what it does,
/// to which operation, and for how many answers.
///
/// ```
/// use std::time::Duration;
/// use gu1_kyc_sandbox::Fault;
///
/// // The next two creates answer 503 with a Retry-After header.
/// let outage = Fault::status(503).on("createValidation").times(2).header("retry-after", "1");
/// // The next answer of any operation takes 3 seconds.
/// let slow = Fault::delay(Duration::from_secs(3));
/// # let _ = (outage, slow);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    operation_id: Option<String>,
    times: u32,
    kind: FaultKind,
}

impl Fault {
    fn new(kind: FaultKind) -> Fault {
        Fault {
            operation_id: None,
            times: 1,
            kind,
        }
    }

    /// Answer `status` with the API's error shape,
    /// `{"error": "SERVICE_UNAVAILABLE", "message": "..."}` (the code is the status's reason
    /// phrase); [`Fault::body`] replaces the body.
    pub fn status(status: u16) -> Fault {
        let code = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("SANDBOX_FAULT")
            .to_ascii_uppercase()
            .replace([' ', '-'], "_")
            .replace('\'', "");
        Fault::new(FaultKind::Status {
            status,
            headers: Vec::new(),
            body: json!({ "error": code, "message": "Injected by the sandbox's fault injection" }),
        })
    }

    /// Wait `by`, then answer normally.
    pub fn delay(by: Duration) -> Fault {
        Fault::new(FaultKind::Delay(by))
    }

    /// Close the connection without an answer.
    pub fn drop_connection() -> Fault {
        Fault::new(FaultKind::DropConnection)
    }

    /// Answer normally, but spread the body over `over`.
    pub fn slow_body(over: Duration) -> Fault {
        Fault::new(FaultKind::SlowBody(over))
    }

    /// Only for this operation (its `operationId` in `openapi/gu1-kyc.yaml`, e.g.
    /// `createValidation`); without it a fault takes the next answers of any operation.
    pub fn on(mut self, operation_id: impl Into<String>) -> Fault {
        self.operation_id = Some(operation_id.into());
        self
    }

    /// For the next `n` answers (default 1).
    pub fn times(mut self, n: u32) -> Fault {
        self.times = n;
        self
    }

    /// The JSON body of a [`Fault::status`] fault (ignored by the other kinds).
    pub fn body(mut self, value: Value) -> Fault {
        if let FaultKind::Status { body, .. } = &mut self.kind {
            *body = value;
        }
        self
    }

    /// A response header of a [`Fault::status`] fault (ignored by the other kinds).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Fault {
        if let FaultKind::Status { headers, .. } = &mut self.kind {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// The operation it applies to; `None` for every operation.
    pub fn operation_id(&self) -> Option<&str> {
        self.operation_id.as_deref()
    }

    /// How many answers it still takes.
    pub fn remaining(&self) -> u32 {
        self.times
    }

    /// What it does.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }

    /// Why the sandbox cannot inject this fault, if it cannot.
    pub(crate) fn problem(&self) -> Option<String> {
        if let Some(op) = &self.operation_id
            && !operations::is_known(op)
        {
            return Some(format!(
                "unknown operationId {op:?}; GET /_sandbox/operations lists them"
            ));
        }
        if self.times == 0 {
            return Some("times must be at least 1".to_string());
        }
        match &self.kind {
            FaultKind::Status {
                status, headers, ..
            } => {
                if !(200..=599).contains(status) {
                    return Some("status must be from 200 to 599".to_string());
                }
                for (name, value) in headers {
                    if HeaderName::try_from(name.as_str()).is_err()
                        || HeaderValue::try_from(value.as_str()).is_err()
                    {
                        return Some(format!("header {name:?} is not a valid HTTP header"));
                    }
                }
            }
            FaultKind::Delay(wait) | FaultKind::SlowBody(wait) if *wait > MAX_FAULT_WAIT => {
                return Some(format!(
                    "a delay may be at most {} seconds",
                    MAX_FAULT_WAIT.as_secs()
                ));
            }
            _ => {}
        }
        None
    }

    /// The fault as the control API shows it.
    pub(crate) fn to_json(&self, id: u64) -> Value {
        let mut out = json!({
            "id": id,
            "operationId": self.operation_id,
            "remaining": self.times,
            "kind": self.kind.name(),
        });
        let extra = match &self.kind {
            FaultKind::Status {
                status,
                headers,
                body,
            } => json!({
                "status": status,
                "headers": headers.iter().map(|(n, v)| (n.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
                "body": body,
            }),
            FaultKind::Delay(wait) | FaultKind::SlowBody(wait) => {
                json!({ "delayMs": wait.as_millis() as u64 })
            }
            FaultKind::DropConnection => json!({}),
        };
        if let (Some(out), Some(extra)) = (out.as_object_mut(), extra.as_object()) {
            out.extend(extra.clone());
        }
        out
    }
}

/// One waiting item (a fault or a drift), and whose it is: `None` for one injected from Rust,
/// which applies to every organization, or the organization whose API key injected it over HTTP.
#[derive(Debug)]
struct Entry<T> {
    id: u64,
    organization_id: Option<String>,
    item: T,
}

impl<T> Entry<T> {
    /// Whether it applies to a request of `organization_id` (`None`: a request without a valid
    /// key, which only items for every organization apply to).
    fn serves(&self, organization_id: Option<&str>) -> bool {
        self.organization_id
            .as_deref()
            .is_none_or(|own| Some(own) == organization_id)
    }
}

/// Items waiting to be applied to answers, in the order they were injected, each with an id and
/// an owner: the faults ([`FaultQueue`]) and the drifts (`drift::DriftQueue`).
#[derive(Debug)]
pub(crate) struct Queue<T> {
    entries: Vec<Entry<T>>,
    next_id: u64,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            entries: Vec::new(),
            next_id: 0,
        }
    }
}

impl<T: Clone> Queue<T> {
    /// Adds a checked item; returns its id.
    pub fn push(&mut self, item: T, organization_id: Option<String>) -> u64 {
        self.next_id += 1;
        self.entries.push(Entry {
            id: self.next_id,
            organization_id,
            item,
        });
        self.next_id
    }

    /// The items waiting with their ids: all of them for `None`, or those that apply to an
    /// organization's requests.
    pub fn pending(&self, organization_id: Option<&str>) -> Vec<(u64, T)> {
        self.entries
            .iter()
            .filter(|e| organization_id.is_none() || e.serves(organization_id))
            .map(|e| (e.id, e.item.clone()))
            .collect()
    }

    /// Removes every item (`None`), or those an organization injected.
    pub fn clear(&mut self, organization_id: Option<&str>) {
        self.entries
            .retain(|e| survives_clear(organization_id, e.organization_id.as_deref()));
    }

    /// Shows `visit`, in the order they were injected, every item that applies to a request of
    /// `organization_id`; an item `visit` answers `false` for is removed (it is used up).
    pub fn visit(&mut self, organization_id: Option<&str>, mut visit: impl FnMut(&mut T) -> bool) {
        self.entries
            .retain_mut(|e| !e.serves(organization_id) || visit(&mut e.item));
    }
}

/// The faults still waiting, in the order they were injected.
pub(crate) type FaultQueue = Queue<Fault>;

impl FaultQueue {
    /// Takes one answer from the oldest fault that applies to this operation and caller.
    pub fn take(&mut self, operation_id: &str, organization_id: Option<&str>) -> Option<FaultKind> {
        let index = self.entries.iter().position(|e| {
            e.item
                .operation_id
                .as_deref()
                .is_none_or(|op| op == operation_id)
                && e.serves(organization_id)
        })?;
        let entry = &mut self.entries[index];
        entry.item.times -= 1;
        let kind = entry.item.kind.clone();
        if entry.item.times == 0 {
            self.entries.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_fault_defaults_to_the_apis_error_shape() {
        let fault = Fault::status(503).on("createValidation").times(2);
        assert_eq!(fault.remaining(), 2);
        assert_eq!(fault.operation_id(), Some("createValidation"));
        let FaultKind::Status { body, .. } = fault.kind() else {
            panic!("not a status fault");
        };
        assert_eq!(body["error"], "SERVICE_UNAVAILABLE");
        assert!(fault.problem().is_none());
    }

    #[test]
    fn bad_faults_are_explained() {
        assert!(Fault::status(503).on("nope").problem().is_some());
        assert!(Fault::status(99).problem().is_some());
        assert!(Fault::status(503).times(0).problem().is_some());
        assert!(
            Fault::status(503)
                .header("bad name", "x")
                .problem()
                .is_some()
        );
        assert!(Fault::delay(Duration::from_secs(301)).problem().is_some());
        assert!(Fault::slow_body(Duration::from_secs(1)).problem().is_none());
    }

    #[test]
    fn faults_are_taken_in_order_per_operation_and_organization() {
        let mut queue = FaultQueue::default();
        queue.push(
            Fault::status(500).on("createValidation").times(2),
            Some("org-a".into()),
        );
        queue.push(Fault::drop_connection(), None);
        // Another organization's request skips org-a's fault and takes the global one.
        assert_eq!(
            queue.take("createValidation", Some("org-b")),
            Some(FaultKind::DropConnection)
        );
        assert_eq!(queue.take("createValidation", Some("org-b")), None);
        assert_eq!(queue.take("getValidation", Some("org-a")), None);
        assert_eq!(
            queue
                .take("createValidation", Some("org-a"))
                .map(|k| k.name()),
            Some("status")
        );
        assert_eq!(queue.pending(Some("org-a"))[0].1.remaining(), 1);
        queue.clear(Some("org-b"));
        assert_eq!(queue.pending(None).len(), 1);
        queue.clear(Some("org-a"));
        assert!(queue.pending(None).is_empty());
    }
}
