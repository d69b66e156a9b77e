//! Where things are in a spec's text: the line of every JSON pointer of a YAML (or JSON)
//! document, so that a change can name the line of the spec it is about.

use std::collections::HashMap;

use gu1_kyc_spec::escape_pointer_token;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// The line (1-based) of each node of a document, by JSON pointer (`#/paths/~1a/get`): the line
/// of the node's key in its mapping, or of the node itself for sequence items and the root.
#[derive(Debug, Default, Clone)]
pub struct Lines {
    by_pointer: HashMap<String, usize>,
}

impl Lines {
    /// Reads the lines of `text`. A document that does not parse has no lines (every lookup
    /// answers `None`); the diff itself has already refused it.
    pub fn of(text: &str) -> Lines {
        let mut reader = Reader::default();
        if Parser::new_from_str(text).load(&mut reader, false).is_err() {
            return Lines::default();
        }
        Lines {
            by_pointer: reader.lines,
        }
    }

    /// The line of the node at `pointer`, or of its nearest ancestor the document has (a
    /// removed property points at the object that held it). `None` only for an empty map.
    pub fn line(&self, pointer: &str) -> Option<usize> {
        let mut pointer = pointer;
        loop {
            if let Some(line) = self.by_pointer.get(pointer) {
                return Some(*line);
            }
            let (parent, _) = pointer.rsplit_once('/')?;
            pointer = parent;
        }
    }

    /// Whether the document has a node at exactly `pointer`.
    pub fn has(&self, pointer: &str) -> bool {
        self.by_pointer.contains_key(pointer)
    }
}

/// One open collection while reading: a mapping (waiting for a key, or with the key read) or a
/// sequence (with the index of its next item).
enum Frame {
    Mapping { key: Option<(String, usize)> },
    Sequence { next: usize },
}

#[derive(Default)]
struct Reader {
    /// The pointer of each open collection, and the collection.
    stack: Vec<(String, Frame)>,
    lines: HashMap<String, usize>,
}

impl Reader {
    /// The pointer and line of the node that starts now, or `None` when this event is a key.
    fn place(&mut self, mark: Marker) -> Option<(String, usize)> {
        let Some((pointer, frame)) = self.stack.last_mut() else {
            return Some(("#".to_string(), mark.line()));
        };
        match frame {
            Frame::Sequence { next } => {
                let place = (format!("{pointer}/{next}"), mark.line());
                *next += 1;
                Some(place)
            }
            Frame::Mapping { key } => key
                .take()
                .map(|(key, line)| (format!("{pointer}/{}", escape_pointer_token(&key)), line)),
        }
    }
}

impl MarkedEventReceiver for Reader {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                let waiting_for_key =
                    matches!(self.stack.last(), Some((_, Frame::Mapping { key: None })));
                if waiting_for_key {
                    if let Some((_, Frame::Mapping { key })) = self.stack.last_mut() {
                        *key = Some((value, mark.line()));
                    }
                } else if let Some((pointer, line)) = self.place(mark) {
                    self.lines.entry(pointer).or_insert(line);
                }
            }
            Event::Alias(_) => {
                if let Some((pointer, line)) = self.place(mark) {
                    self.lines.entry(pointer).or_insert(line);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A collection used as a key is not JSON; it gets no pointer of its own.
                let (pointer, line) = self
                    .place(mark)
                    .unwrap_or_else(|| ("#/?".to_string(), mark.line()));
                self.lines.entry(pointer.clone()).or_insert(line);
                let frame = if matches!(event, Event::MappingStart(..)) {
                    Frame::Mapping { key: None }
                } else {
                    Frame::Sequence { next: 0 }
                };
                self.stack.push((pointer, frame));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
openapi: 3.0.3
paths:
  /a/{id}:
    get:
      parameters:
        - name: id
          in: path
        - {name: q, in: query}
      responses:
        '200':
          description: ok
components:
  schemas:
    A: {type: object, properties: {x: {type: string}}}
";

    #[test]
    fn block_and_flow_nodes_have_the_line_of_their_key() {
        let lines = Lines::of(DOC);
        assert_eq!(lines.line("#/openapi"), Some(1));
        assert_eq!(lines.line("#/paths/~1a~1{id}/get"), Some(4));
        assert_eq!(lines.line("#/paths/~1a~1{id}/get/parameters/0"), Some(6));
        assert_eq!(lines.line("#/paths/~1a~1{id}/get/parameters/1/in"), Some(8));
        assert_eq!(lines.line("#/paths/~1a~1{id}/get/responses/200"), Some(10));
        assert_eq!(
            lines.line("#/components/schemas/A/properties/x/type"),
            Some(14)
        );
    }

    #[test]
    fn a_missing_node_answers_its_nearest_ancestor() {
        let lines = Lines::of(DOC);
        assert!(!lines.has("#/paths/~1a~1{id}/get/responses/404"));
        assert_eq!(lines.line("#/paths/~1a~1{id}/get/responses/404"), Some(9));
        assert_eq!(lines.line("#/nothing/here"), Some(1));
    }

    #[test]
    fn text_that_is_not_yaml_has_no_lines() {
        assert_eq!(Lines::of("a: [unclosed").line("#/a"), None);
    }
}
