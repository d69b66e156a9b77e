//! Drifts: an operation's successful answers differ from `openapi/gu1-kyc.yaml` on purpose (an
//! extra or missing property, a value of the wrong type, `null`, an unknown enum value, an
//! undocumented status), so that a contract check of a live server can be tried offline and its
//! report seen. Here are the drifts, their queue and the middleware that applies them: it sits
//! inside the fault middleware, so a fault that replaces an answer leaves no answer to drift, and
//! a delayed or slow answer is drifted before it is sent.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::Queue;
use crate::error::ApiError;
use crate::extract::is_json_media_type;
use crate::operations;
use crate::state::AppState;
use crate::util::lock;

/// The value [`Drift::extra_property`] adds, and the string [`Drift::wrong_type`] puts in place
/// of a number, a boolean, an object or an array.
pub const DRIFT_VALUE: &str = "drift";

/// The value [`Drift::unknown_enum_value`] puts in place of a string, which no enum of the spec
/// lists.
pub const DRIFTED_ENUM_VALUE: &str = "drifted_value";

/// The largest successful JSON body a drift rewrites (the largest JSON answer is far smaller).
const MAX_DRIFTED_BODY: usize = 16 * 1024 * 1024;

/// How a drift makes an answer differ from the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DriftKind {
    /// Adds the property, with the value [`DRIFT_VALUE`], where it is absent.
    ExtraProperty(String),
    /// Removes the property where it is present.
    MissingProperty(String),
    /// Replaces the property's value, where it is present, with one of another JSON type: a
    /// string becomes the number `0`, `null` becomes `0`, and a number, a boolean, an object or
    /// an array becomes the string [`DRIFT_VALUE`].
    WrongType(String),
    /// Sets the property to `null` where it is present and not already `null`.
    Null(String),
    /// Sets the property to [`DRIFTED_ENUM_VALUE`] where it is present and a string.
    UnknownEnumValue(String),
    /// Answers the same headers and body with this status, which the operation does not
    /// document.
    UndocumentedStatus(u16),
}

impl DriftKind {
    /// The kind's name in the control API and the request log: `extraProperty`,
    /// `missingProperty`, `wrongType`, `null`, `unknownEnumValue` or `undocumentedStatus`.
    pub fn name(&self) -> &'static str {
        match self {
            DriftKind::ExtraProperty(_) => "extraProperty",
            DriftKind::MissingProperty(_) => "missingProperty",
            DriftKind::WrongType(_) => "wrongType",
            DriftKind::Null(_) => "null",
            DriftKind::UnknownEnumValue(_) => "unknownEnumValue",
            DriftKind::UndocumentedStatus(_) => "undocumentedStatus",
        }
    }

    /// The property it changes; `None` for [`DriftKind::UndocumentedStatus`].
    pub fn property(&self) -> Option<&str> {
        match self {
            DriftKind::ExtraProperty(name)
            | DriftKind::MissingProperty(name)
            | DriftKind::WrongType(name)
            | DriftKind::Null(name)
            | DriftKind::UnknownEnumValue(name) => Some(name),
            DriftKind::UndocumentedStatus(_) => None,
        }
    }

    /// The status it answers with; `None` for the kinds that change the body.
    pub fn status(&self) -> Option<u16> {
        match self {
            DriftKind::UndocumentedStatus(status) => Some(*status),
            _ => None,
        }
    }

    /// The kind of this name (see [`DriftKind::name`]) for a property, if it is one of the kinds
    /// that change the body.
    pub(crate) fn for_property(name: &str, property: String) -> Option<DriftKind> {
        Some(match name {
            "extraProperty" => DriftKind::ExtraProperty(property),
            "missingProperty" => DriftKind::MissingProperty(property),
            "wrongType" => DriftKind::WrongType(property),
            "null" => DriftKind::Null(property),
            "unknownEnumValue" => DriftKind::UnknownEnumValue(property),
            _ => return None,
        })
    }

    /// Changes one object as the kind says; returns whether it changed.
    fn change(&self, object: &mut Map<String, Value>) -> bool {
        match self {
            DriftKind::ExtraProperty(name) if !object.contains_key(name) => {
                object.insert(name.clone(), json!(DRIFT_VALUE));
                true
            }
            DriftKind::MissingProperty(name) => object.remove(name).is_some(),
            DriftKind::WrongType(name) => match object.get_mut(name) {
                Some(value) => {
                    *value = match value {
                        Value::String(_) | Value::Null => json!(0),
                        _ => json!(DRIFT_VALUE),
                    };
                    true
                }
                None => false,
            },
            DriftKind::Null(name) => match object.get_mut(name) {
                Some(value) if !value.is_null() => {
                    *value = Value::Null;
                    true
                }
                _ => false,
            },
            DriftKind::UnknownEnumValue(name) => match object.get_mut(name) {
                Some(Value::String(text)) if text != DRIFTED_ENUM_VALUE => {
                    *text = DRIFTED_ENUM_VALUE.to_string();
                    true
                }
                _ => false,
            },
            DriftKind::ExtraProperty(_) | DriftKind::UndocumentedStatus(_) => false,
        }
    }
}

/// A drift to apply with [`Sandbox::drift`](crate::Sandbox::drift): how the successful answers
/// (2xx) of one operation differ from the spec, where in the body, and for how many answers.
///
/// A body drift changes the top level of the JSON body, or the object at [`Drift::at`]; when
/// that place holds an array (a list's items, e.g. `/validations` of `listValidations`), it
/// changes each object in it. It applies to an answer only where it changes something (a
/// `missingProperty` to a body without the property does not), and only such answers count
/// towards [`Drift::times`]. Every waiting drift of the operation applies to each answer, in the
/// order they were added. Error answers, the hosted page and the control endpoints are never
/// drifted.
///
/// ```
/// use gu1_kyc_sandbox::Drift;
///
/// // Every validation read lacks its required `status`, until the drifts are cleared.
/// let missing = Drift::missing_property("status").on("getValidation");
/// // The next list answers 418, once.
/// let teapot = Drift::undocumented_status(418).on("listValidations").times(1);
/// // Each listed validation carries a property the spec does not document.
/// let extra = Drift::extra_property("driftedField").on("listValidations").at("/validations");
/// # let _ = (missing, teapot, extra);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    operation_id: Option<String>,
    remaining: Option<u32>,
    at: Option<String>,
    kind: DriftKind,
}

impl Drift {
    /// A drift of this kind, for every answer of no operation yet (see [`Drift::on`]).
    pub(crate) fn of_kind(kind: DriftKind) -> Drift {
        Drift {
            operation_id: None,
            remaining: None,
            at: None,
            kind,
        }
    }

    /// Adds `"<name>": "drift"` where the object lacks it. Choose a name the spec does not
    /// document for the object, so that the answer carries an undocumented property.
    pub fn extra_property(name: impl Into<String>) -> Drift {
        Drift::of_kind(DriftKind::ExtraProperty(name.into()))
    }

    /// Removes the property, e.g. `status`, which a validation's schema requires.
    pub fn missing_property(name: impl Into<String>) -> Drift {
        Drift::of_kind(DriftKind::MissingProperty(name.into()))
    }

    /// Replaces the property's value with one of another JSON type (see
    /// [`DriftKind::WrongType`]).
    pub fn wrong_type(name: impl Into<String>) -> Drift {
        Drift::of_kind(DriftKind::WrongType(name.into()))
    }

    /// Sets the property to `null`.
    pub fn null(name: impl Into<String>) -> Drift {
        Drift::of_kind(DriftKind::Null(name.into()))
    }

    /// Sets a string property to [`DRIFTED_ENUM_VALUE`], a value no enum of the spec lists.
    pub fn unknown_enum_value(name: impl Into<String>) -> Drift {
        Drift::of_kind(DriftKind::UnknownEnumValue(name.into()))
    }

    /// Answers the same headers and body with `status`, which must be from 200 to 599 (not
    /// 204, 205 or 304, which carry no body) and not documented for the operation, e.g. 203 or
    /// 418.
    pub fn undocumented_status(status: u16) -> Drift {
        Drift::of_kind(DriftKind::UndocumentedStatus(status))
    }

    /// The operation whose answers it changes (its `operationId` in `openapi/gu1-kyc.yaml`, e.g.
    /// `getValidation`). Required: a drift without one is refused.
    pub fn on(mut self, operation_id: impl Into<String>) -> Drift {
        self.operation_id = Some(operation_id.into());
        self
    }

    /// For the next `n` answers it changes (zero is refused); without it, until cleared.
    pub fn times(mut self, n: u32) -> Drift {
        self.remaining = Some(n);
        self
    }

    /// Until the drifts are cleared (the default).
    pub fn always(mut self) -> Drift {
        self.remaining = None;
        self
    }

    /// Changes the object (or each object of the array) at this JSON pointer, e.g. `/decision`
    /// or `/validations`, instead of the top level of the body. Only for the kinds that change
    /// the body.
    pub fn at(mut self, pointer: impl Into<String>) -> Drift {
        self.at = Some(pointer.into());
        self
    }

    /// The operation it applies to.
    pub fn operation_id(&self) -> Option<&str> {
        self.operation_id.as_deref()
    }

    /// How many more answers it changes; `None` until cleared.
    pub fn remaining(&self) -> Option<u32> {
        self.remaining
    }

    /// The JSON pointer of the place it changes; `None` for the top level of the body.
    pub fn pointer(&self) -> Option<&str> {
        self.at.as_deref()
    }

    /// What it does.
    pub fn kind(&self) -> &DriftKind {
        &self.kind
    }

    /// Why the sandbox cannot apply this drift, if it cannot.
    pub(crate) fn problem(&self) -> Option<String> {
        let Some(operation_id) = &self.operation_id else {
            return Some("a drift needs an operationId (Drift::on)".to_string());
        };
        let Some(operation) = operations::spec().operation_by_id(operation_id) else {
            return Some(format!(
                "unknown operationId {operation_id:?}; GET /_sandbox/operations lists them"
            ));
        };
        if self.remaining == Some(0) {
            return Some("times must be at least 1".to_string());
        }
        let responses = operation.responses();
        match &self.kind {
            DriftKind::UndocumentedStatus(status) => {
                if self.at.is_some() {
                    return Some("at applies only to the kinds that change the body".to_string());
                }
                if !(200..=599).contains(status) || matches!(status, 204 | 205 | 304) {
                    return Some(
                        "status must be from 200 to 599, and not 204, 205 or 304".to_string(),
                    );
                }
                if responses.iter().any(|r| documents(r.status, *status)) {
                    let documented: Vec<&str> = responses.iter().map(|r| r.status).collect();
                    return Some(format!(
                        "{operation_id} documents {status} (it documents {}); choose a status it \
                         does not document",
                        documented.join(", ")
                    ));
                }
            }
            kind => {
                if kind.property().is_some_and(str::is_empty) {
                    return Some("property must not be empty".to_string());
                }
                if let Some(at) = &self.at
                    && !at.is_empty()
                    && !at.starts_with('/')
                {
                    return Some("at must be a JSON pointer, such as /decision".to_string());
                }
                let answers_json = responses.iter().any(|response| {
                    response.status.starts_with('2')
                        && response
                            .media_types()
                            .iter()
                            .any(|media| is_json_media_type(media))
                });
                if !answers_json {
                    return Some(format!(
                        "{operation_id} answers no JSON body when it succeeds; only \
                         undocumentedStatus applies to it"
                    ));
                }
            }
        }
        None
    }

    /// The drift as the control API shows it.
    pub(crate) fn to_json(&self, id: u64) -> Value {
        json!({
            "id": id,
            "kind": self.kind.name(),
            "operationId": self.operation_id,
            "property": self.kind.property(),
            "status": self.kind.status(),
            "at": self.at,
            "remaining": self.remaining,
        })
    }

    /// Changes `body` as the drift says; returns whether it changed.
    fn change_body(&self, body: &mut Value) -> bool {
        let Some(target) = body.pointer_mut(self.at.as_deref().unwrap_or("")) else {
            return false;
        };
        match target {
            Value::Object(object) => self.kind.change(object),
            Value::Array(items) => items
                .iter_mut()
                .filter_map(Value::as_object_mut)
                .fold(false, |changed, object| self.kind.change(object) | changed),
            _ => false,
        }
    }
}

/// Whether a response key of the spec (`200`, `2XX`, `default`) documents `status`.
fn documents(key: &str, status: u16) -> bool {
    let status = status.to_string();
    key == "default"
        || key == status
        || (key.len() == 3
            && key.get(1..).is_some_and(|xx| xx.eq_ignore_ascii_case("XX"))
            && key.as_bytes().first() == status.as_bytes().first())
}

/// The drifts waiting, in the order they were added.
pub(crate) type DriftQueue = Queue<Drift>;

/// What the drifts did to one answer.
#[derive(Debug, Default)]
struct Applied {
    /// The kinds that changed it, in order.
    kinds: Vec<&'static str>,
    /// The status to answer with instead, if a drift chose one.
    status: Option<StatusCode>,
    /// Whether the body changed.
    body_changed: bool,
}

impl DriftQueue {
    /// Whether any drift waits for this operation and caller.
    fn waits_for(&self, operation_id: &str, organization_id: Option<&str>) -> bool {
        self.entries.iter().any(|e| {
            e.item.operation_id.as_deref() == Some(operation_id) && e.serves(organization_id)
        })
    }

    /// Applies every waiting drift of the operation and caller to one successful answer (its
    /// body, when it is JSON), counting an answer against each drift that changed it.
    fn apply(
        &mut self,
        operation_id: &str,
        organization_id: Option<&str>,
        mut body: Option<&mut Value>,
    ) -> Applied {
        let mut applied = Applied::default();
        self.visit(organization_id, |drift| {
            if drift.operation_id.as_deref() != Some(operation_id) {
                return true;
            }
            let changed = match drift.kind {
                DriftKind::UndocumentedStatus(status) => {
                    applied.status = StatusCode::from_u16(status).ok();
                    applied.status.is_some()
                }
                _ => {
                    let changed = body.as_deref_mut().is_some_and(|b| drift.change_body(b));
                    applied.body_changed |= changed;
                    changed
                }
            };
            if !changed {
                return true;
            }
            applied.kinds.push(drift.kind.name());
            match &mut drift.remaining {
                Some(n) => {
                    *n = n.saturating_sub(1);
                    *n > 0
                }
                None => true,
            }
        });
        applied
    }
}

/// What the fault middleware tells the drift middleware about an API request: its operation and
/// the organization of its key.
#[derive(Debug, Clone)]
pub(crate) struct ApiCall {
    pub operation_id: &'static str,
    pub organization_id: Option<String>,
}

/// The drift kinds that changed an answer, for the request log.
#[derive(Debug, Clone)]
pub(crate) struct Drifted(pub Vec<&'static str>);

/// The middleware that drifts the successful answers of the operations drifts wait for. It
/// buffers a body only when a drift waits for the request's operation and the answer is JSON.
pub(crate) async fn apply(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(call) = req.extensions().get::<ApiCall>().cloned() else {
        return next.run(req).await;
    };
    let organization_id = call.organization_id.as_deref();
    if !lock(&state.drifts).waits_for(call.operation_id, organization_id) {
        return next.run(req).await;
    }
    let response = next.run(req).await;
    if !response.status().is_success() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let json = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(is_json_media_type);
    let mut document = None;
    let body = if json {
        match axum::body::to_bytes(body, MAX_DRIFTED_BODY).await {
            Ok(bytes) => {
                document = serde_json::from_slice::<Value>(&bytes).ok();
                Body::from(bytes)
            }
            Err(_) => return ApiError::internal(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
        }
    } else {
        body
    };
    let applied = lock(&state.drifts).apply(call.operation_id, organization_id, document.as_mut());
    if applied.kinds.is_empty() {
        return Response::from_parts(parts, body);
    }
    if let Some(status) = applied.status {
        parts.status = status;
    }
    let body = match document.filter(|_| applied.body_changed) {
        Some(document) => {
            parts.headers.remove(CONTENT_LENGTH);
            Body::from(document.to_string())
        }
        None => body,
    };
    parts.extensions.insert(Drifted(applied.kinds));
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validation() -> Value {
        json!({"id": "v1", "status": "pending", "score": 5, "isCurrent": true,
               "decision": {"status": "Approved"}, "warnings": [], "verifiedAt": null})
    }

    fn changed(drift: Drift, mut body: Value) -> Value {
        assert!(drift.change_body(&mut body), "{drift:?} changed nothing");
        body
    }

    #[test]
    fn each_kind_changes_exactly_its_property() {
        let body = changed(Drift::extra_property("extra"), validation());
        assert_eq!(body["extra"], "drift");
        assert_eq!(body["status"], "pending");
        assert!(changed(Drift::missing_property("status"), validation())["status"].is_null());
        let wrong = |name: &str| changed(Drift::wrong_type(name), validation())[name].clone();
        assert_eq!(wrong("status"), json!(0));
        assert_eq!(wrong("score"), json!("drift"));
        assert_eq!(wrong("isCurrent"), json!("drift"));
        assert_eq!(wrong("decision"), json!("drift"));
        assert_eq!(wrong("warnings"), json!("drift"));
        assert_eq!(wrong("verifiedAt"), json!(0));
        assert_eq!(
            changed(Drift::null("decision"), validation())["decision"],
            Value::Null
        );
        assert_eq!(
            changed(Drift::unknown_enum_value("status"), validation())["status"],
            "drifted_value"
        );
    }

    #[test]
    fn a_drift_that_would_change_nothing_does_not_apply() {
        let mut body = validation();
        assert!(!Drift::extra_property("status").change_body(&mut body));
        assert!(!Drift::missing_property("nope").change_body(&mut body));
        assert!(!Drift::null("verifiedAt").change_body(&mut body));
        assert!(!Drift::unknown_enum_value("score").change_body(&mut body));
        assert!(!Drift::wrong_type("x").at("/nowhere").change_body(&mut body));
        assert!(!Drift::wrong_type("x").at("/status").change_body(&mut body));
        assert_eq!(body, validation());
    }

    #[test]
    fn at_targets_a_nested_object_or_each_item_of_an_array() {
        let body = changed(Drift::wrong_type("status").at("/decision"), validation());
        assert_eq!(body["decision"]["status"], json!(0));
        assert_eq!(body["status"], "pending");
        let list = json!({"validations": [validation(), 3, validation()], "total": 2});
        let list = changed(Drift::missing_property("status").at("/validations"), list);
        assert!(list["validations"][0].get("status").is_none());
        assert!(list["validations"][2].get("status").is_none());
        assert_eq!(list["validations"][1], 3);
    }

    #[test]
    fn bad_drifts_are_explained() {
        let problem = |drift: Drift| drift.problem().unwrap_or_default();
        assert!(problem(Drift::null("status")).contains("operationId"));
        assert!(problem(Drift::null("status").on("nope")).contains("unknown operationId"));
        assert!(problem(Drift::null("status").on("getValidation").times(0)).contains("times"));
        assert!(problem(Drift::null("").on("getValidation")).contains("property"));
        assert!(problem(Drift::null("a").on("getValidation").at("decision")).contains("pointer"));
        assert!(problem(Drift::undocumented_status(404).on("getValidation")).contains("documents"));
        assert!(problem(Drift::undocumented_status(204).on("getValidation")).contains("204"));
        assert!(problem(Drift::undocumented_status(99).on("getValidation")).contains("200"));
        assert!(
            problem(Drift::undocumented_status(418).on("getValidation").at("/x"))
                .contains("at applies")
        );
        assert!(
            problem(Drift::null("a").on("getIdVerificationFrontImage")).contains("no JSON body")
        );
        assert_eq!(
            Drift::undocumented_status(418)
                .on("getValidation")
                .problem(),
            None
        );
        assert_eq!(
            Drift::extra_property("x")
                .on("listValidations")
                .at("/validations")
                .times(2)
                .problem(),
            None
        );
        assert!(documents("2XX", 203) && documents("default", 418) && !documents("4XX", 203));
    }

    #[test]
    fn drifts_count_only_the_answers_they_change() {
        let mut queue = DriftQueue::default();
        queue.push(
            Drift::missing_property("status")
                .on("getValidation")
                .times(1),
            None,
        );
        queue.push(
            Drift::undocumented_status(418).on("getValidation"),
            Some("org-a".into()),
        );
        let mut body = json!({"id": "v1"});
        let applied = queue.apply("getValidation", Some("org-b"), Some(&mut body));
        assert!(
            applied.kinds.is_empty(),
            "no status to remove, org-a's drift"
        );
        assert!(queue.waits_for("getValidation", Some("org-b")));
        assert!(!queue.waits_for("listValidations", Some("org-b")));
        let mut body = validation();
        let applied = queue.apply("getValidation", Some("org-a"), Some(&mut body));
        assert_eq!(applied.kinds, ["missingProperty", "undocumentedStatus"]);
        assert_eq!(applied.status, Some(StatusCode::IM_A_TEAPOT));
        assert!(applied.body_changed);
        let pending = queue.pending(None);
        assert_eq!(pending.len(), 1, "the times(1) drift is used up");
        assert_eq!(pending[0].1.remaining(), None);
        assert_eq!(
            pending[0].1.to_json(pending[0].0)["kind"],
            "undocumentedStatus"
        );
    }
}
