//! JSON pointers and local references inside a document, and media type names.

use serde_json::Value;

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
    // A chain longer than this is a cycle in any document people write.
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
