//! The seam between progenitor's generated client and the transport, in one place.
//!
//! Each call builds its generated client around a [`CallState`]: the call's limits, its
//! operation (set when the call runs a request, from the request's type), attempt count and a
//! slot for its failure. The `exec` hook sends through the transport; when
//! the transport fails, it records the typed error in the slot and hands progenitor a stand-in
//! response, which the `post` hook stops before it is read. The call layer then takes the typed
//! failure back ([`CallState::take_failure`]), or maps what progenitor reports
//! ([`from_generated`]) when the failure is progenitor's own.

use std::sync::{
    Arc, Mutex, OnceLock,
    atomic::{AtomicU32, Ordering},
};

use bytes::Bytes;
use reqwest::{Request, Response, StatusCode};

use crate::{
    error::{Error, ErrorBody, ErrorKind, map},
    generated,
    operation::Operation,
    options::Limits,
    transport::Transport,
};

/// One call's view of the transport: the client's transport, the limits in force, the
/// operation, and what the call layer reads back (a typed failure that no response header can
/// forge, and the number of attempts).
#[derive(Clone)]
pub(crate) struct CallState {
    transport: Arc<Transport>,
    limits: Limits,
    record: Arc<Record>,
}

/// What one call shares between the call layer and the hooks.
struct Record {
    /// Sent with every attempt (`X-Request-Id`), and put on the call's spans and errors.
    request_id: RequestId,
    /// Set once, by the call layer, before the request is sent.
    operation: OnceLock<Operation>,
    failure: Mutex<Option<Error>>,
    attempts: AtomicU32,
}

impl std::fmt::Debug for CallState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallState")
            .field("operation", &self.record.operation.get())
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl CallState {
    pub(crate) fn new(transport: Arc<Transport>, limits: Limits) -> Self {
        Self {
            transport,
            limits,
            record: Arc::new(Record {
                request_id: RequestId::new(),
                operation: OnceLock::new(),
                failure: Mutex::new(None),
                attempts: AtomicU32::new(0),
            }),
        }
    }

    /// The id every attempt of this call carries.
    pub(crate) fn request_id(&self) -> &str {
        self.record.request_id.as_str()
    }

    /// The client's transport.
    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Names the call's operation; a call runs one request, so a second name is ignored.
    pub(crate) fn set_operation(&self, operation: Operation) {
        let _ = self.record.operation.set(operation);
    }

    /// The timeouts and retry count in force for this call.
    pub(crate) fn limits(&self) -> Limits {
        self.limits
    }

    /// How many requests this call has sent so far.
    pub(crate) fn attempts(&self) -> u32 {
        self.record.attempts.load(Ordering::Relaxed)
    }

    /// Sends a request of `operation` through the transport.
    pub(crate) async fn send(
        &self,
        request: Request,
        operation: Operation,
    ) -> Result<Response, Error> {
        self.transport
            .send(
                request,
                operation,
                self.limits,
                &self.record.attempts,
                self.record.request_id.as_str(),
            )
            .await
    }

    /// The failure the transport recorded, taken (once).
    pub(crate) fn take_failure(&self) -> Option<Error> {
        self.record.failure.lock().ok()?.take()
    }

    fn has_failed(&self) -> bool {
        self.record.failure.lock().is_ok_and(|slot| slot.is_some())
    }

    fn record_failure(&self, error: Error) {
        if let Ok(mut slot) = self.record.failure.lock() {
            *slot = Some(error);
        }
    }
}

/// A call's id: `req_` and 32 random hex digits, kept inline (a call makes no allocation for
/// it until the header is built).
struct RequestId([u8; 36]);

impl RequestId {
    fn new() -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut id = *b"req_00000000000000000000000000000000";
        let mut bits = fastrand::u128(..);
        for digit in id[4..].iter_mut().rev() {
            *digit = HEX[(bits & 0xf) as usize];
            bits >>= 4;
        }
        Self(id)
    }

    fn as_str(&self) -> &str {
        // Always ASCII: the prefix and hex digits.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// Stands in for a response when the transport has recorded a failure: the `post` hook stops
/// the generated code before it is read.
fn placeholder() -> Response {
    let mut response = http::Response::new(reqwest::Body::from(Bytes::new()));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    Response::from(response)
}

impl progenitor_client::ClientHooks<CallState> for generated::Client {
    async fn post<E>(
        &self,
        _result: &reqwest::Result<Response>,
        _info: &progenitor_client::OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        use progenitor_client::ClientInfo;
        if self.inner().has_failed() {
            // The message is never read: the call layer takes the typed failure from the slot.
            return Err(progenitor_client::Error::Custom(String::new()));
        }
        Ok(())
    }

    async fn exec(
        &self,
        request: Request,
        info: &progenitor_client::OperationInfo,
    ) -> reqwest::Result<Response> {
        use progenitor_client::ClientInfo;
        let state = self.inner();
        // The call layer names the operation from the request's type before sending it; the
        // generated code's own name for it is the same operation, and stands in if it was not.
        let named = state.record.operation.get().copied();
        let reported = Operation::from_generated_name(info.operation_id);
        debug_assert!(
            named.is_none() || named == reported,
            "a request named one operation and sent another"
        );
        let Some(operation) = named.or(reported) else {
            state.record_failure(
                Error::new(ErrorKind::Config).with_detail("a request of no known operation"),
            );
            return Ok(placeholder());
        };
        match state.send(request, operation).await {
            Ok(response) => Ok(response),
            Err(error) => {
                state.record_failure(error);
                Ok(placeholder())
            }
        }
    }
}

/// Maps what the generated client reports. The transport answers every failure itself (through
/// the call's failure slot), so what reaches here is a request progenitor could not build or a
/// success body that did not decode.
pub(crate) fn from_generated(error: progenitor_client::Error<ErrorBody>) -> Error {
    use progenitor_client::Error as G;
    match error {
        G::InvalidRequest(detail) => Error::invalid_input(detail),
        G::CommunicationError(e) | G::InvalidUpgrade(e) | G::ResponseBodyError(e) => {
            map::from_reqwest(e)
        }
        G::ErrorResponse(value) => Error::api(value.status(), value.into_inner()),
        G::InvalidResponsePayload(_, e) => {
            Error::new(ErrorKind::Decode).with_detail(map::decode_detail(&e))
        }
        G::UnexpectedResponse(response) => Error::new(ErrorKind::Decode)
            .with_status(response.status())
            .with_detail("the API answered with a status the contract does not list"),
        G::Custom(_) => Error::new(ErrorKind::Network)
            .with_detail("the request failed before an answer was read"),
    }
}
