//! The hosted verification page at each `providerSessionUrl`, where the end customer starts
//! the flow and, in the sandbox, picks its outcome. Plain HTML forms, no scripts, inline CSS;
//! the session id in the URL is the only credential.

use axum::extract::{Form, State, rejection::FormRejection};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::extract::PathText;
use crate::lifecycle;
use crate::state::AppState;
use crate::store::Store;
use crate::util::lock;
use crate::wire_enums::{ValidationStatus, WireEnum};

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;color:#1d2433;margin:0}\
main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}\
h1{font-size:1.4rem;margin:0 0 .5rem}p{line-height:1.5}.muted{color:#5b6475;font-size:.9rem}\
#status{display:inline-block;padding:.2rem .6rem;border-radius:999px;background:#e8ecf4;font-weight:600}\
form{margin:1.2rem 0 0}button{font:inherit;border:0;border-radius:8px;padding:.7rem 1.1rem;margin:.25rem .25rem 0 0;cursor:pointer;background:#2f5bd3;color:#fff}\
button.secondary{background:#e8ecf4;color:#1d2433}button.danger{background:#c23b3b}\
.sandbox{border:1px dashed #c9a227;background:#fffbea;border-radius:8px;padding:1rem;margin-top:1.5rem}";

fn page(title: &str, status: Option<ValidationStatus>, body: &str) -> String {
    let status_line = status
        .map(|s| {
            format!(
                "<p>ValidationStatus: <span id=\"status\" data-status=\"{}\">{}</span></p>",
                escape(s.as_str()),
                escape(s.label())
            )
        })
        .unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{title}</title><style>{STYLE}</style></head><body><main>\
<h1 id=\"title\">{title}</h1>{status_line}{body}\
<p class=\"muted\">gu1 KYC sandbox: no real identity check takes place.</p></main></body></html>",
        title = escape(title),
    )
}

/// The headers every answer of the hosted page carries: its URL is a credential and the page
/// is a customer's identity flow, so nothing caches it, no referrer leaks it, no other site
/// frames it, and it runs no script (its CSS is inline, its forms post to itself).
pub(crate) async fn protect(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("cache-control", "no-store"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        (
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    ] {
        headers.insert(name, axum::http::HeaderValue::from_static(value));
    }
    response
}

fn html(status: StatusCode, text: String) -> Response {
    (status, Html(text)).into_response()
}

fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        page(
            "Session not found",
            None,
            "<p id=\"message\">This verification link is not valid. Ask for a new one.</p>",
        ),
    )
}

fn find(store: &Store, session_id: &str) -> Option<(Uuid, ValidationStatus)> {
    let id = *store.sessions.get(session_id)?;
    let status = store.validations.get(&id)?.status;
    Some((id, status))
}

fn render(session_id: &str, status: ValidationStatus) -> String {
    let base = format!("/verify/{}", escape(session_id));
    match status {
        ValidationStatus::Pending => page(
            "Verify your identity",
            Some(status),
            &format!(
                "<p id=\"message\">You will be asked for a photo of your identity document and a selfie.</p>\
<form method=\"post\" action=\"{base}/start\"><button id=\"start\" type=\"submit\">Start verification</button></form>"
            ),
        ),
        ValidationStatus::InProgress => page(
            "Verification in progress",
            Some(status),
            &format!(
                "<p id=\"message\">In the sandbox you choose how the verification ends.</p>\
<form method=\"post\" action=\"{base}/complete\" class=\"sandbox\">\
<p><strong>Sandbox outcome</strong></p>\
<button id=\"outcome-approved\" name=\"outcome\" value=\"approved\" type=\"submit\">Approve</button>\
<button id=\"outcome-rejected\" name=\"outcome\" value=\"rejected\" type=\"submit\" class=\"danger\">Reject</button>\
<button id=\"outcome-in_review\" name=\"outcome\" value=\"in_review\" type=\"submit\" class=\"secondary\">Send to review</button>\
<button id=\"outcome-abandoned\" name=\"outcome\" value=\"abandoned\" type=\"submit\" class=\"secondary\">Abandon</button>\
</form>"
            ),
        ),
        ValidationStatus::InReview => page(
            "Verification submitted",
            Some(status),
            "<p id=\"message\">Thank you. Your verification is being reviewed; you can close this page.</p>",
        ),
        ValidationStatus::Approved
        | ValidationStatus::Rejected
        | ValidationStatus::Expired
        | ValidationStatus::Abandoned
        | ValidationStatus::Cancelled => page(
            "This session has ended",
            Some(status),
            "<p id=\"ended\">This verification session has ended. If you still need to verify your identity, ask for a new link.</p>",
        ),
    }
}

/// `GET /verify/{sessionId}`: shows the session; reading it changes nothing.
pub(crate) async fn show(
    State(state): State<AppState>,
    PathText(session_id): PathText,
) -> Response {
    let store = lock(&state.store);
    match find(&store, &session_id) {
        Some((_, status)) => html(StatusCode::OK, render(&session_id, status)),
        None => not_found(),
    }
}

fn back_to_page(session_id: &str) -> Response {
    let location = format!("/verify/{}", escape(session_id));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// `POST /verify/{sessionId}/start`: `pending` becomes `in_progress`; any other status just
/// shows the page again.
pub(crate) async fn start(
    State(state): State<AppState>,
    PathText(session_id): PathText,
) -> Response {
    let mut store = lock(&state.store);
    let Some((id, _)) = find(&store, &session_id) else {
        return not_found();
    };
    lifecycle::advance(
        &state,
        &mut store,
        id,
        &[ValidationStatus::Pending],
        ValidationStatus::InProgress,
    );
    back_to_page(&session_id)
}

/// The outcomes the in-progress page offers; a form that sends any other is answered 400.
const OFFERED_OUTCOMES: [ValidationStatus; 4] = [
    ValidationStatus::Approved,
    ValidationStatus::Rejected,
    ValidationStatus::InReview,
    ValidationStatus::Abandoned,
];

/// The outcome picked on the page.
#[derive(Deserialize)]
pub(crate) struct OutcomeForm {
    outcome: String,
}

/// `POST /verify/{sessionId}/complete`: finishes the flow with the chosen outcome (starting it
/// first if the customer skipped the start step). Ended sessions show the ended page.
pub(crate) async fn complete(
    State(state): State<AppState>,
    PathText(session_id): PathText,
    form: Result<Form<OutcomeForm>, FormRejection>,
) -> Response {
    let outcome = form
        .ok()
        .and_then(|Form(f)| ValidationStatus::parse(&f.outcome))
        .filter(|outcome| OFFERED_OUTCOMES.contains(outcome));
    let mut store = lock(&state.store);
    let Some((id, _)) = find(&store, &session_id) else {
        return not_found();
    };
    let Some(outcome) = outcome else {
        return html(
            StatusCode::BAD_REQUEST,
            page(
                "Choose an outcome",
                None,
                &format!(
                    "<p id=\"message\">Pick one of the outcomes offered on <a href=\"/verify/{}\">the verification page</a>.</p>",
                    escape(&session_id)
                ),
            ),
        );
    };
    lifecycle::advance(
        &state,
        &mut store,
        id,
        &[ValidationStatus::Pending],
        ValidationStatus::InProgress,
    );
    lifecycle::finish(&state, &mut store, id, outcome);
    back_to_page(&session_id)
}
