//! The kinds of change the diff reports, each with its class and the reason for it.
//!
//! This table is the rules table of `xtask/README.md`: [`ChangeKind::readme_table`] renders it,
//! and a test fails when the README says something else.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Classification;

/// How a kind of change is classed, whatever the spec it happens in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Always breaking.
    Breaking,
    /// Always compatible.
    Compatible,
    /// Breaking when the enum it touches is closed, compatible when it is open (the SDK keeps
    /// unknown values of an open enum instead of failing to decode them).
    BreakingUnlessOpen,
}

impl Class {
    /// The classification of one change of this class; `enum_open` says whether the enum the
    /// change touches is open, and only matters for [`Class::BreakingUnlessOpen`].
    pub fn classify(self, enum_open: bool) -> Classification {
        match self {
            Class::Breaking => Classification::Breaking,
            Class::Compatible => Classification::Compatible,
            Class::BreakingUnlessOpen if enum_open => Classification::Compatible,
            Class::BreakingUnlessOpen => Classification::Breaking,
        }
    }

    /// How the README's table writes the class.
    pub fn describe(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
            Class::BreakingUnlessOpen => "breaking, or compatible if the enum is open",
        }
    }
}

/// Declares [`ChangeKind`] from one table, so that the name, the class and the reason of a kind
/// can only be written once.
macro_rules! change_kinds {
    ($($variant:ident = $name:literal, $class:ident, $why:literal;)+) => {
        /// A kind of change between two specs (see `xtask/README.md`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ChangeKind {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )+
        }

        impl ChangeKind {
            /// Every kind, in the README's order.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant),+];

            /// The name reports use, e.g. `response-property-removed`.
            pub fn name(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $name,)+
                }
            }

            /// Whether changes of this kind are breaking.
            pub fn class(self) -> Class {
                match self {
                    $(ChangeKind::$variant => Class::$class,)+
                }
            }

            /// Why the kind is classed so (empty when it goes without saying).
            pub fn why(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $why,)+
                }
            }
        }
    };
}

change_kinds! {
    OperationAdded = "operation-added", Compatible, "";
    OperationRemoved = "operation-removed", Breaking, "the method disappears";
    OperationIdRenamed = "operation-id-renamed", Breaking, "the generated method is renamed";
    ParameterAddedRequired = "parameter-added-required", Breaking, "existing calls do not send it";
    ParameterAddedOptional = "parameter-added-optional", Compatible, "";
    ParameterRemoved = "parameter-removed", Breaking, "calls that set it break";
    ParameterMadeRequired = "parameter-made-required", Breaking, "";
    ParameterMadeOptional = "parameter-made-optional", Compatible, "";
    ParameterTypeChanged = "parameter-type-changed", Breaking, "type or `format` changed: the Rust type changes";
    ParameterMadeNullable = "parameter-made-nullable", Compatible, "the server accepts more";
    ParameterMadeNonNullable = "parameter-made-non-nullable", Breaking, "clients sending null are rejected";
    ParameterDefaultChanged = "parameter-default-changed", Breaking, "calls that omit it behave differently";
    ParameterConstraintTightened = "parameter-constraint-tightened", Breaking, "`minimum`/`minLength`/`minItems`/`minProperties` raised or added, `maximum`/`maxLength`/`maxItems`/`maxProperties` lowered or added, `pattern`, `multipleOf`, `exclusiveMinimum/Maximum`, `uniqueItems` added or changed";
    ParameterConstraintLoosened = "parameter-constraint-loosened", Compatible, "the reverse";
    ParameterEnumValueAdded = "parameter-enum-value-added", Compatible, "";
    ParameterEnumValueRemoved = "parameter-enum-value-removed", Breaking, "calls sending it are rejected";
    ParameterEnumOpened = "parameter-enum-opened", Compatible, "";
    ParameterEnumClosed = "parameter-enum-closed", Breaking, "values clients send may be rejected";
    ParameterVariantAdded = "parameter-variant-added", Compatible, "a new `oneOf`/`anyOf` member clients may send";
    ParameterVariantRemoved = "parameter-variant-removed", Breaking, "";
    RequestBodyAddedRequired = "request-body-added-required", Breaking, "";
    RequestBodyAddedOptional = "request-body-added-optional", Compatible, "";
    RequestBodyRemoved = "request-body-removed", Breaking, "";
    RequestBodyMadeRequired = "request-body-made-required", Breaking, "";
    RequestBodyMadeOptional = "request-body-made-optional", Compatible, "";
    RequestPropertyAddedRequired = "request-property-added-required", Breaking, "existing calls do not send it";
    RequestPropertyAddedOptional = "request-property-added-optional", Compatible, "";
    RequestPropertyRemoved = "request-property-removed", Breaking, "clients sending it are rejected or ignored";
    RequestPropertyTypeChanged = "request-property-type-changed", Breaking, "";
    RequestPropertyMadeRequired = "request-property-made-required", Breaking, "";
    RequestPropertyMadeOptional = "request-property-made-optional", Compatible, "";
    RequestPropertyMadeNullable = "request-property-made-nullable", Compatible, "the server accepts more";
    RequestPropertyMadeNonNullable = "request-property-made-non-nullable", Breaking, "clients sending null are rejected";
    RequestDefaultChanged = "request-default-changed", Breaking, "behaviour changes for calls that omit it";
    RequestConstraintTightened = "request-constraint-tightened", Breaking, "as for parameters";
    RequestConstraintLoosened = "request-constraint-loosened", Compatible, "";
    RequestEnumValueAdded = "request-enum-value-added", Compatible, "";
    RequestEnumValueRemoved = "request-enum-value-removed", Breaking, "";
    RequestEnumOpened = "request-enum-opened", Compatible, "";
    RequestEnumClosed = "request-enum-closed", Breaking, "values clients send may be rejected";
    RequestVariantAdded = "request-variant-added", Compatible, "a new `oneOf`/`anyOf` member clients may send";
    RequestVariantRemoved = "request-variant-removed", Breaking, "";
    ResponsePropertyAdded = "response-property-added", Compatible, "";
    ResponsePropertyRemoved = "response-property-removed", Breaking, "clients reading it lose it";
    ResponsePropertyTypeChanged = "response-property-type-changed", Breaking, "decoding or the Rust type changes";
    ResponsePropertyMadeNullable = "response-property-made-nullable", Breaking, "a client may not handle null";
    ResponsePropertyMadeNonNullable = "response-property-made-non-nullable", Compatible, "";
    ResponsePropertyMadeOptional = "response-property-made-optional", Breaking, "it may now be absent";
    ResponsePropertyMadeRequired = "response-property-made-required", Compatible, "";
    ResponseEnumValueAdded = "response-enum-value-added", BreakingUnlessOpen, "a closed enum fails to decode a new value";
    ResponseEnumValueRemoved = "response-enum-value-removed", Compatible, "";
    ResponseEnumOpened = "response-enum-opened", Compatible, "";
    ResponseEnumClosed = "response-enum-closed", Compatible, "";
    ResponseVariantAdded = "response-variant-added", Breaking, "a new `oneOf`/`anyOf` member the client cannot decode";
    ResponseVariantRemoved = "response-variant-removed", Compatible, "";
    SuccessStatusAdded = "success-status-added", Compatible, "";
    SuccessStatusRemoved = "success-status-removed", Breaking, "";
    ErrorStatusAdded = "error-status-added", Compatible, "the SDK's `Error` is open: any status is an error with `status()`";
    ErrorStatusRemoved = "error-status-removed", Compatible, "handling for it becomes dead code";
    ErrorCodeAdded = "error-code-added", Compatible, "the SDK's `ErrorCode` is open (`Other(String)`)";
    ErrorCodeRemoved = "error-code-removed", Compatible, "";
    RequestMediaTypeAdded = "request-media-type-added", Compatible, "";
    RequestMediaTypeRemoved = "request-media-type-removed", Breaking, "";
    ResponseMediaTypeAdded = "response-media-type-added", Compatible, "";
    ResponseMediaTypeRemoved = "response-media-type-removed", Breaking, "";
}

impl ChangeKind {
    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<ChangeKind> {
        ChangeKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.name() == name)
    }

    /// The rules table of `xtask/README.md`, header included, one line per kind.
    pub fn readme_table() -> String {
        let mut out = String::from("| kind | class | why |\n| --- | --- | --- |\n");
        for kind in ChangeKind::ALL {
            let why = match kind.why() {
                "" => String::new(),
                why => format!("{why} "),
            };
            out.push_str(&format!(
                "| `{}` | {} | {why}|\n",
                kind.name(),
                kind.class().describe(),
            ));
        }
        out
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The lines of the README's diff rules table, from its header to the first non-table line.
    fn readme_table() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("xtask/README.md is readable");
        let mut lines = readme
            .lines()
            .skip_while(|line| !line.starts_with("| kind | class | why |"))
            .take_while(|line| line.starts_with('|'))
            .collect::<Vec<_>>()
            .join("\n");
        lines.push('\n');
        lines
    }

    #[test]
    fn the_readme_rules_table_is_the_code_s_table() {
        let generated = ChangeKind::readme_table();
        assert!(
            readme_table() == generated,
            "xtask/README.md's diff rules table disagrees with xtask/src/diff/kinds.rs; replace it with:\n\n{generated}"
        );
    }

    #[test]
    fn names_are_unique_and_round_trip() {
        let names: BTreeSet<&str> = ChangeKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ChangeKind::ALL.len());
        for kind in ChangeKind::ALL {
            assert_eq!(ChangeKind::from_name(kind.name()), Some(*kind));
            assert_eq!(
                serde_json::to_value(kind).expect("serializes"),
                serde_json::json!(kind.name())
            );
        }
        assert_eq!(ChangeKind::from_name("nothing-changed"), None);
    }

    #[test]
    fn only_a_closed_enum_makes_a_conditional_kind_breaking() {
        let class = ChangeKind::ResponseEnumValueAdded.class();
        assert_eq!(class.classify(false), Classification::Breaking);
        assert_eq!(class.classify(true), Classification::Compatible);
        assert_eq!(
            Class::Breaking.classify(true),
            Classification::Breaking,
            "openness only matters to the conditional class"
        );
    }
}
