//! The schemas of request and response bodies, found by operation, status and media type.

use serde_json::Value;

use crate::Spec;
use crate::pointer::{bare_media_type, escape_pointer_token, follow_refs, resolve_pointer};

/// Picks the content entry for `media_type`: exact, then `type/*`, then `*/*`.
fn pick_media<'a>(
    content: &'a serde_json::Map<String, Value>,
    media_type: &str,
) -> Option<&'a str> {
    let wanted = bare_media_type(media_type);
    let major = wanted.split('/').next().unwrap_or("");
    let candidates = [wanted.clone(), format!("{major}/*"), "*/*".to_string()];
    candidates.iter().find_map(|candidate| {
        content
            .keys()
            .find(|key| bare_media_type(key) == *candidate)
            .map(String::as_str)
    })
}

/// The pointer of the schema under `content/<media>/schema` of a request body or response at
/// `object_pointer` (after following its `$ref`s): the schema's own `$ref` target if it is a
/// reference, otherwise the inline schema's pointer.
fn content_schema_pointer(raw: &Value, object_pointer: &str, media_type: &str) -> Option<String> {
    let node = resolve_pointer(raw, object_pointer)?;
    let (object, via) = follow_refs(raw, node)?;
    let base = via.unwrap_or_else(|| object_pointer.to_string());
    let content = object.get("content")?.as_object()?;
    let media = pick_media(content, media_type)?;
    let schema_pointer = format!("{base}/content/{}/schema", escape_pointer_token(media));
    let schema = resolve_pointer(raw, &schema_pointer)?;
    match follow_refs(raw, schema)? {
        (_, Some(target)) => Some(target),
        (_, None) => Some(schema_pointer),
    }
}

/// `#/paths/<template>/<method>`.
pub(crate) fn operation_pointer(method: &str, path_template: &str) -> String {
    format!(
        "#/paths/{}/{}",
        escape_pointer_token(path_template),
        method.to_ascii_lowercase()
    )
}

/// The schema documenting the `status` response of `method path_template` for `media_type`
/// (`application/json`, `image/png`, ...). Looks for the exact status, then its range (`4XX`),
/// then `default`; follows `$ref`s to `#/components/responses/...`. Returns a pointer or
/// reference accepted by `validator_for` (feature `validation`), or `None` if the spec documents
/// no such body.
pub fn response_schema_pointer(
    spec: &Spec,
    method: &str,
    path_template: &str,
    status: u16,
    media_type: &str,
) -> Option<String> {
    let operation = operation_pointer(method, path_template);
    let responses = resolve_pointer(&spec.raw, &format!("{operation}/responses"))?;
    let range = format!("{}XX", status / 100);
    let key = [status.to_string(), range, "default".to_string()]
        .into_iter()
        .find(|key| {
            responses.get(key).is_some()
                || responses.get(key.to_ascii_lowercase().as_str()).is_some()
        })?;
    let key = if responses.get(&key).is_some() {
        key
    } else {
        key.to_ascii_lowercase()
    };
    content_schema_pointer(
        &spec.raw,
        &format!("{operation}/responses/{}", escape_pointer_token(&key)),
        media_type,
    )
}

/// The schema of the request body of `method path_template` for `media_type`, like
/// [`response_schema_pointer`].
pub fn request_schema_pointer(
    spec: &Spec,
    method: &str,
    path_template: &str,
    media_type: &str,
) -> Option<String> {
    let operation = operation_pointer(method, path_template);
    content_schema_pointer(&spec.raw, &format!("{operation}/requestBody"), media_type)
}
