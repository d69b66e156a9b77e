//! How results are printed: JSON (`--json`) or readable tables, with personal data redacted
//! unless `--show-personal-data` is given.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::failure::Failure;

/// The output settings of one run.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// JSON instead of tables.
    pub json: bool,
    /// Personal data in clear instead of `[redacted]`.
    pub show_personal_data: bool,
}

/// A column or a row label: its title and the camelCase field it shows.
pub type Field = (&'static str, &'static str);

impl Output {
    /// The JSON of `value`, with every personal datum redacted unless asked otherwise.
    pub fn json_of<T: Serialize>(self, value: &T) -> Result<Value, Failure> {
        let json = if self.show_personal_data {
            serde_json::to_value(value)
        } else {
            gu1_kyc::types::to_redacted_json(value)
        };
        json.map_err(|e| Failure::Unreachable(format!("cannot print the answer: {e}")))
    }

    /// Prints one object: the JSON document, or one `label  value` line per field.
    pub fn one<T: Serialize>(self, value: &T, fields: &[Field]) -> Result<(), Failure> {
        let json = self.json_of(value)?;
        if self.json {
            return print_line(&json.to_string());
        }
        let width = fields
            .iter()
            .map(|(label, _)| label.len())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (label, key) in fields {
            out.push_str(&format!("{label:<width$}  {}\n", cell(json.get(*key))));
        }
        print(&out)
    }

    /// Prints a list: a JSON array, or a table with one row per item.
    pub fn list<T: Serialize>(self, items: &[T], columns: &[Field]) -> Result<(), Failure> {
        let rows: Vec<Value> = items
            .iter()
            .map(|item| self.json_of(item))
            .collect::<Result<_, _>>()?;
        if self.json {
            return print_line(&Value::Array(rows).to_string());
        }
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| columns.iter().map(|(_, key)| cell(row.get(*key))).collect())
            .collect();
        let widths: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, (title, _))| {
                cells
                    .iter()
                    .map(|row| row[i].chars().count())
                    .chain([title.len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |values: Vec<&str>| {
            let mut text = values
                .iter()
                .zip(&widths)
                .map(|(value, width)| format!("{value:<width$}"))
                .collect::<Vec<_>>()
                .join("  ");
            text.truncate(text.trim_end().len());
            text.push('\n');
            text
        };
        let mut out = line(columns.iter().map(|(title, _)| *title).collect());
        for row in &cells {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
        }
        if items.is_empty() {
            out.push_str("(none)\n");
        }
        print(&out)
    }
}

/// A JSON value as a table cell: strings bare, `-` for nothing, other values as compact JSON.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "-".to_string(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) if items.is_empty() => "-".to_string(),
        Some(other) => other.to_string(),
    }
}

/// Writes a line to stdout; a closed pipe is not an error worth a panic.
pub fn print_line(text: &str) -> Result<(), Failure> {
    print(&format!("{text}\n"))
}

fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Unreachable(format!(
            "cannot write the output: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_are_bare_strings_dashes_or_compact_json() {
        assert_eq!(cell(Some(&json!("approved"))), "approved");
        assert_eq!(cell(Some(&json!(null))), "-");
        assert_eq!(cell(None), "-");
        assert_eq!(cell(Some(&json!([]))), "-");
        assert_eq!(cell(Some(&json!(true))), "true");
        assert_eq!(cell(Some(&json!(["A", "B"]))), r#"["A","B"]"#);
    }
}
