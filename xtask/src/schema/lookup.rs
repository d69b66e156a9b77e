//! Finding things in an OpenAPI document: pointers, references, operations and their bodies.

use serde_json::Value;

use super::Spec;

/// Escapes one JSON pointer token (`~` -> `~0`, `/` -> `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Turns `#/a/b`, `/a/b` or a percent-encoded fragment into the canonical form `#/a/b`, or
/// `None` when the reference is not local to the document.
pub(crate) fn normalize_pointer(reference: &str) -> Option<String> {
    let fragment = if let Some(rest) = reference.strip_prefix('#') {
        rest
    } else if reference.starts_with('/') || reference.is_empty() {
        reference
    } else {
        return None;
    };
    Some(format!("#{}", percent_decode(fragment)))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The node at a local reference or JSON pointer (`#/components/schemas/Error`, `/paths/...`).
pub fn resolve_pointer<'a>(raw: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = normalize_pointer(reference)?;
    raw.pointer(&pointer[1..])
}

/// Follows `$ref` from `node` until a node without one; returns it and the pointer of the last
/// reference followed (`None` when `node` was not a reference). Broken or cyclic chains give `None`.
pub fn follow_refs<'a>(raw: &'a Value, node: &'a Value) -> Option<(&'a Value, Option<String>)> {
    let mut current = node;
    let mut last = None;
    for _ in 0..32 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let pointer = normalize_pointer(reference)?;
                current = resolve_pointer(raw, &pointer)?;
                last = Some(pointer);
            }
            None => return Some((current, last)),
        }
    }
    None
}

/// Strips parameters (`; charset=utf-8`) and lower-cases a media type.
pub fn bare_media_type(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

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

fn operation_pointer(method: &str, path_template: &str) -> String {
    format!(
        "#/paths/{}/{}",
        escape_pointer_token(path_template),
        method.to_ascii_lowercase()
    )
}

/// The schema documenting the `status` response of `method path_template` for `media_type`
/// (`application/json`, `image/png`, ...). Looks for the exact status, then its range (`4XX`),
/// then `default`; follows `$ref`s to `#/components/responses/...`. Returns a pointer or
/// reference accepted by [`super::validator_for`], or `None` if the spec documents no such body.
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

/// Maps a concrete request path (`/api/kyc/validations/123?x=1`) to the spec's path template
/// (`/api/kyc/validations/{id}`) and the operation's `operationId` (empty if it has none), for
/// `method`. When several templates match, the one with the most literal segments wins, so
/// `/entities/by-tax-id/{taxId}` beats `/entities/{id}/{rest}`.
pub fn match_path(spec: &Spec, method: &str, concrete_path: &str) -> Option<(String, String)> {
    let method = method.to_ascii_lowercase();
    let path = concrete_path.split(['?', '#']).next().unwrap_or("");
    let wanted: Vec<&str> = path.split('/').collect();
    let paths = spec.raw.get("paths")?.as_object()?;
    let mut best: Option<(usize, &str, &Value)> = None;
    for (template, item) in paths {
        let Some(operation) = item.get(&method) else {
            continue;
        };
        let segments: Vec<&str> = template.split('/').collect();
        if segments.len() != wanted.len() {
            continue;
        }
        let mut literal = 0;
        let matched = segments.iter().zip(&wanted).all(|(pattern, actual)| {
            if segment_matches(pattern, actual) {
                literal += usize::from(!pattern.contains('{'));
                true
            } else {
                false
            }
        });
        if matched && best.is_none_or(|(score, _, _)| literal > score) {
            best = Some((literal, template, operation));
        }
    }
    let (_, template, operation) = best?;
    let operation_id = operation
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or("");
    Some((template.to_string(), operation_id.to_string()))
}

/// Matches one path segment against a template segment that may hold one `{param}` between a
/// literal prefix and suffix (`{id}`, `{id}.json`, `v{version}`).
fn segment_matches(pattern: &str, actual: &str) -> bool {
    match (pattern.find('{'), pattern.rfind('}')) {
        (Some(open), Some(close)) if open < close => {
            let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
            actual.len() > prefix.len() + suffix.len()
                && actual.starts_with(prefix)
                && actual.ends_with(suffix)
        }
        _ => pattern == actual,
    }
}
