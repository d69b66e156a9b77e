//! How results are printed: JSON (`--json`), aligned tables on a terminal (statuses in colour
//! unless `NO_COLOR` is set), or tab-separated lines without a header when piped; personal data
//! redacted unless `--show-personal-data` is given.

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
    /// stdout is a terminal: tables for people, not lines for programs.
    pub terminal: bool,
    /// Statuses in colour (a terminal, and no `NO_COLOR`).
    pub colour: bool,
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

    /// Prints one object: the JSON document, or one `label  value` line per field (`label<TAB>value`
    /// when piped).
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
            let value = cell(json.get(*key));
            if self.terminal {
                let value = self.paint(key, &value, &value);
                out.push_str(&format!("{label:<width$}  {value}\n"));
            } else {
                out.push_str(&format!("{label}\t{value}\n"));
            }
        }
        print(&out)
    }

    /// `text` (the padded form of `value`) in the colour of `value` when `key` is a status.
    fn paint(self, key: &str, value: &str, text: &str) -> String {
        if !self.colour || !matches!(key, "status" | "state") {
            return text.to_string();
        }
        let colour = match value {
            "approved" | "delivered" => "32",
            "rejected" | "failed" | "dropped" => "31",
            "expired" | "abandoned" | "cancelled" => "2",
            "in_review" | "held" | "retrying" => "33",
            _ => return text.to_string(),
        };
        format!("\x1b[{colour}m{text}\x1b[0m")
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
        if !self.terminal {
            let mut out = String::new();
            for row in &cells {
                out.push_str(&row.join("\t"));
                out.push('\n');
            }
            return print(&out);
        }
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
        let line = |values: Vec<&str>, header: bool| {
            let mut text = values
                .iter()
                .zip(&widths)
                .zip(columns)
                .map(|((value, width), (_, key))| {
                    let padded = format!("{value:<width$}");
                    if header {
                        padded
                    } else {
                        self.paint(key, value, &padded)
                    }
                })
                .collect::<Vec<_>>()
                .join("  ");
            text.truncate(text.trim_end().len());
            text.push('\n');
            text
        };
        let mut out = line(columns.iter().map(|(title, _)| *title).collect(), true);
        for row in &cells {
            out.push_str(&line(row.iter().map(String::as_str).collect(), false));
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
    fn only_statuses_are_painted_and_only_with_colour() {
        let plain = Output {
            json: false,
            show_personal_data: false,
            terminal: true,
            colour: false,
        };
        assert_eq!(
            plain.paint("status", "approved", "approved  "),
            "approved  "
        );
        let colour = Output {
            colour: true,
            ..plain
        };
        assert_eq!(
            colour.paint("status", "approved", "approved  "),
            "\x1b[32mapproved  \x1b[0m"
        );
        assert_eq!(colour.paint("id", "approved", "approved"), "approved");
        assert_eq!(colour.paint("status", "pending", "pending"), "pending");
    }

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
