//! The document's `servers`: the base URLs clients are configured with. Reported once, under
//! the pseudo-operation [`LABEL`].
//!
//! A server is compared by the URLs it stands for: its `url` with each variable replaced by its
//! default or by each value of its `enum`, without a trailing `/`. Rewriting a URL into
//! variables with the same values is not a change.

use std::collections::BTreeSet;

use serde_json::Value;

use super::ChangeKind::*;
use super::{Change, Changes, Places};

/// The operation document-level server changes are grouped under.
pub(crate) const LABEL: &str = "(servers)";

/// Most URLs one server's variables are expanded to; beyond, the rest are not compared.
const MAX_URLS: usize = 64;

/// One entry of `servers`.
struct Server<'v> {
    /// Its `url` as written.
    url: &'v str,
    /// Every URL it stands for.
    urls: BTreeSet<String>,
    /// The `url` node, or the entry when it has none.
    node: &'v Value,
}

fn servers(raw: &Value) -> Vec<Server<'_>> {
    raw.get("servers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|server| {
            let node = server.get("url")?;
            let url = node.as_str()?;
            Some(Server {
                url,
                urls: expand(url, server.get("variables")),
                node,
            })
        })
        .collect()
}

/// The URLs a server's `url` stands for, its variables replaced by their values.
fn expand(url: &str, variables: Option<&Value>) -> BTreeSet<String> {
    let mut urls = vec![String::new()];
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + length];
        let variable = variables.and_then(|v| v.get(name));
        let mut values: Vec<String> = variable
            .and_then(|v| v.get("enum"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        if let Some(default) = variable
            .and_then(|v| v.get("default"))
            .and_then(Value::as_str)
            && !values.iter().any(|v| v == default)
        {
            values.push(default.to_string());
        }
        if values.is_empty() {
            values.push(format!("{{{name}}}"));
        }
        let literal = &rest[..start];
        urls = urls
            .iter()
            .flat_map(|prefix| values.iter().map(move |v| format!("{prefix}{literal}{v}")))
            .take(MAX_URLS)
            .collect();
        rest = &rest[start + length + 1..];
    }
    urls.into_iter()
        .map(|u| format!("{u}{rest}").trim_end_matches('/').to_string())
        .collect()
}

/// The server changes between two documents.
pub(crate) fn diff(old_raw: &Value, new_raw: &Value, places: &Places) -> Vec<Change> {
    let mut changes = Changes::new(LABEL, places);
    let (old, new) = (servers(old_raw), servers(new_raw));
    let old_urls: BTreeSet<&String> = old.iter().flat_map(|s| &s.urls).collect();
    let new_urls: BTreeSet<&String> = new.iter().flat_map(|s| &s.urls).collect();
    let mut replaced = vec![false; new.len()];
    for (i, server) in old.iter().enumerate() {
        let missing: Vec<&str> = server
            .urls
            .iter()
            .filter(|u| !new_urls.contains(u))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let location = format!("{LABEL} {}", server.url);
        // The entry in the same place, all of whose URLs are new, is this one changed.
        let replacement = new
            .get(i)
            .filter(|_| missing.len() == server.urls.len())
            .filter(|n| n.urls.iter().all(|u| !old_urls.contains(u)));
        if let Some(replacement) = replacement {
            replaced[i] = true;
            changes.push(
                ServerUrlChanged,
                &location,
                format!(
                    "{} -> {}: clients configured with the documented base URL call the wrong place",
                    server.url, replacement.url
                ),
                (Some(server.node), Some(replacement.node)),
            );
        } else {
            changes.push(
                ServerRemoved,
                &location,
                format!(
                    "{} no longer documented: clients configured with it call a place the spec no longer describes",
                    missing.join(", ")
                ),
                (Some(server.node), Some(new_raw.get("servers").unwrap_or(new_raw))),
            );
        }
    }
    for (server, replaced) in new.iter().zip(replaced) {
        let added: Vec<&str> = server
            .urls
            .iter()
            .filter(|u| !old_urls.contains(u))
            .map(String::as_str)
            .collect();
        if replaced || added.is_empty() {
            continue;
        }
        changes.push(
            ServerAdded,
            &format!("{LABEL} {}", server.url),
            format!("{} may also be used", added.join(", ")),
            (
                Some(old_raw.get("servers").unwrap_or(old_raw)),
                Some(server.node),
            ),
        );
    }
    changes.list
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn variables_expand_to_their_default_and_enum_values() {
        let variables = json!({
            "region": {"default": "eu", "enum": ["eu", "us"]},
            "version": {"default": "v1"}
        });
        let urls: Vec<String> = expand("https://{region}.api.example/{version}/", Some(&variables))
            .into_iter()
            .collect();
        assert_eq!(
            urls,
            ["https://eu.api.example/v1", "https://us.api.example/v1"]
        );
        let unknown: Vec<String> = expand("https://{x}.example", None).into_iter().collect();
        assert_eq!(unknown, ["https://{x}.example"]);
        let unclosed: Vec<String> = expand("https://{x.example", None).into_iter().collect();
        assert_eq!(unclosed, ["https://{x.example"]);
    }
}
