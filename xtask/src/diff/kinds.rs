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
    ($($variant:ident = $name:literal, $class:ident, $why:literal, $oasdiff:literal;)+) => {
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

            /// The closest checks of oasdiff (comma-separated ids), or `none: <why>`.
            pub fn oasdiff(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $oasdiff,)+
                }
            }
        }
    };
}

change_kinds! {
    OperationAdded = "operation-added", Compatible, "", "endpoint-added";
    OperationRemoved = "operation-removed", Breaking, "the method disappears", "api-removed-without-deprecation, api-removed-with-deprecation, api-removed-before-sunset, api-path-removed-without-deprecation, api-path-removed-with-deprecation, api-path-removed-before-sunset";
    OperationIdRenamed = "operation-id-renamed", Breaking, "the generated method is renamed", "api-operation-id-removed";
    SecurityAdded = "security-added", Breaking, "calls without credentials are refused", "api-security-added, api-global-security-added";
    SecurityRemoved = "security-removed", Compatible, "calls no longer need credentials", "api-security-removed, api-global-security-removed";
    SecurityAlternativeRemoved = "security-alternative-removed", Breaking, "clients that authenticate that way are refused (a scheme dropped, or another one now needed with it)", "api-security-removed, api-global-security-removed";
    SecurityAlternativeAdded = "security-alternative-added", Compatible, "one more way to authenticate", "api-security-added, api-global-security-added";
    SecuritySchemeChanged = "security-scheme-changed", Breaking, "a scheme the operation uses is defined otherwise (its type, header, query or cookie name, or OAuth URLs): credentials sent the old way are refused", "api-security-component-type-changed, api-security-component-oauth-url-changed, api-security-component-oauth-token-url-changed";
    SecurityScopeAdded = "security-scope-added", Breaking, "tokens granted the old scopes are refused", "api-security-scope-added, api-global-security-scope-added";
    SecurityScopeRemoved = "security-scope-removed", Compatible, "", "api-security-scope-removed, api-global-security-scope-removed";
    ServerUrlChanged = "server-url-changed", Breaking, "clients configured with the documented base URL call the wrong place", "none: oasdiff diffs `servers` but has no check for them";
    ServerRemoved = "server-removed", Breaking, "clients configured with that base URL call a place the spec no longer documents", "none: oasdiff diffs `servers` but has no check for them";
    ServerAdded = "server-added", Compatible, "", "none: oasdiff diffs `servers` but has no check for them";
    ParameterAddedRequired = "parameter-added-required", Breaking, "existing calls do not send it", "new-required-request-parameter, new-required-request-default-parameter-to-existing-path, new-request-path-parameter";
    ParameterAddedOptional = "parameter-added-optional", Compatible, "", "new-optional-request-parameter, new-optional-request-default-parameter-to-existing-path";
    ParameterRemoved = "parameter-removed", Breaking, "calls that set it break", "request-parameter-removed, request-parameter-removed-with-deprecation, request-parameter-removed-before-sunset";
    ParameterMadeRequired = "parameter-made-required", Breaking, "", "request-parameter-became-required";
    ParameterMadeOptional = "parameter-made-optional", Compatible, "", "request-parameter-became-optional";
    ParameterSerializationChanged = "parameter-serialization-changed", Breaking, "`style` or `explode` changed (the effective one, defaults included; `explode` only for arrays and objects): clients serialize it the old way and the server misreads it", "none: v1.28.0 has none (its main branch adds `request-parameter-style-changed`, `request-parameter-explode-changed`)";
    ParameterTypeChanged = "parameter-type-changed", Breaking, "type or `format` changed: the Rust type changes", "request-parameter-type-changed, request-parameter-type-generalized, request-parameter-list-of-types-narrowed, request-parameter-list-of-types-widened, request-parameter-property-type-changed, request-parameter-property-type-specialized, request-parameter-property-type-generalized";
    ParameterMadeNullable = "parameter-made-nullable", Compatible, "the server accepts more", "request-parameter-became-nullable, request-parameter-property-became-nullable";
    ParameterMadeNonNullable = "parameter-made-non-nullable", Breaking, "clients sending null are rejected", "request-parameter-became-not-nullable, request-parameter-property-became-not-nullable";
    ParameterDefaultChanged = "parameter-default-changed", Breaking, "calls that omit it behave differently", "request-parameter-default-value-changed, request-parameter-default-value-added, request-parameter-default-value-removed";
    ParameterConstraintTightened = "parameter-constraint-tightened", Breaking, "`minimum`/`minLength`/`minItems`/`minProperties` raised or added, `maximum`/`maxLength`/`maxItems`/`maxProperties` lowered or added, `pattern`, `multipleOf`, `exclusiveMinimum/Maximum`, `uniqueItems` added or changed, `additionalProperties` restricted (as for request bodies)", "request-parameter-min-increased, request-parameter-min-set, request-parameter-max-decreased, request-parameter-max-set, request-parameter-exclusive-min-increased, request-parameter-exclusive-min-set, request-parameter-exclusive-max-decreased, request-parameter-exclusive-max-set, request-parameter-min-length-increased, request-parameter-max-length-decreased, request-parameter-max-length-set, request-parameter-min-items-increased, request-parameter-min-items-set, request-parameter-max-items-decreased, request-parameter-pattern-added, request-parameter-pattern-changed";
    ParameterConstraintLoosened = "parameter-constraint-loosened", Compatible, "the reverse", "request-parameter-min-decreased, request-parameter-max-increased, request-parameter-exclusive-min-decreased, request-parameter-exclusive-max-increased, request-parameter-min-length-decreased, request-parameter-max-length-increased, request-parameter-min-items-decreased, request-parameter-max-items-increased, request-parameter-pattern-removed, request-parameter-pattern-generalized";
    ParameterEnumValueAdded = "parameter-enum-value-added", Compatible, "", "request-parameter-enum-value-added, request-parameter-property-enum-value-added";
    ParameterEnumValueRemoved = "parameter-enum-value-removed", Breaking, "calls sending it are rejected", "request-parameter-enum-value-removed, request-parameter-property-enum-value-removed, request-parameter-x-extensible-enum-value-removed";
    ParameterEnumOpened = "parameter-enum-opened", Compatible, "", "none: no open-enum notion (x-open-enum); enum removal unchecked";
    ParameterEnumClosed = "parameter-enum-closed", Breaking, "values clients send may be rejected", "request-parameter-became-enum";
    ParameterVariantAdded = "parameter-variant-added", Compatible, "a new `oneOf`/`anyOf` member clients may send", "none: oneOf/anyOf checks cover bodies only, not parameters";
    ParameterVariantRemoved = "parameter-variant-removed", Breaking, "", "none: oneOf/anyOf checks cover bodies only, not parameters";
    RequestBodyAddedRequired = "request-body-added-required", Breaking, "", "request-body-added-required";
    RequestBodyAddedOptional = "request-body-added-optional", Compatible, "", "request-body-added-optional";
    RequestBodyRemoved = "request-body-removed", Breaking, "", "request-body-removed";
    RequestBodyMadeRequired = "request-body-made-required", Breaking, "", "request-body-became-required";
    RequestBodyMadeOptional = "request-body-made-optional", Compatible, "", "request-body-became-optional";
    RequestPropertyAddedRequired = "request-property-added-required", Breaking, "existing calls do not send it", "new-required-request-property, new-required-request-property-with-default, request-required-property-became-not-read-only";
    RequestPropertyAddedOptional = "request-property-added-optional", Compatible, "", "new-optional-request-property, request-optional-property-became-not-read-only";
    RequestPropertyRemoved = "request-property-removed", Breaking, "clients sending it are rejected or ignored", "request-property-removed";
    RequestPropertyMadeReadOnly = "request-property-made-read-only", Breaking, "the server ignores or rejects it in requests; a `readOnly` property is otherwise left out of the request side, its `required` included", "request-optional-property-became-read-only, request-required-property-became-read-only";
    RequestPropertyTypeChanged = "request-property-type-changed", Breaking, "calls sending the old type are rejected", "request-property-type-changed, request-property-type-generalized, request-property-type-compatible, request-property-list-of-types-narrowed, request-property-list-of-types-widened, request-body-type-changed, request-body-type-generalized, request-body-type-compatible, request-body-list-of-types-narrowed, request-body-list-of-types-widened";
    RequestPropertyMadeRequired = "request-property-made-required", Breaking, "", "request-property-became-required, request-property-became-required-with-default";
    RequestPropertyMadeOptional = "request-property-made-optional", Compatible, "", "request-property-became-optional";
    RequestPropertyMadeNullable = "request-property-made-nullable", Compatible, "the server accepts more", "request-property-became-nullable, request-body-became-nullable";
    RequestPropertyMadeNonNullable = "request-property-made-non-nullable", Breaking, "clients sending null are rejected", "request-property-became-not-nullable, request-body-became-not-nullable";
    RequestDefaultChanged = "request-default-changed", Breaking, "behaviour changes for calls that omit it", "request-property-default-value-changed, request-property-default-value-added, request-property-default-value-removed, request-body-default-value-changed, request-body-default-value-added, request-body-default-value-removed";
    RequestConstraintTightened = "request-constraint-tightened", Breaking, "as for parameters", "request-property-min-increased, request-property-min-set, request-property-max-decreased, request-property-max-set, request-property-exclusive-min-increased, request-property-exclusive-min-set, request-property-exclusive-max-decreased, request-property-exclusive-max-set, request-property-min-length-increased, request-property-max-length-decreased, request-property-max-length-set, request-property-min-items-increased, request-property-min-items-set, request-property-pattern-added, request-property-pattern-changed, request-body-min-increased, request-body-min-set, request-body-max-decreased, request-body-max-set, request-body-exclusive-min-increased, request-body-exclusive-min-set, request-body-exclusive-max-decreased, request-body-exclusive-max-set, request-body-min-length-increased, request-body-max-length-decreased, request-body-max-length-set, request-body-min-items-increased, request-body-min-items-set";
    RequestConstraintLoosened = "request-constraint-loosened", Compatible, "", "request-property-min-decreased, request-property-max-increased, request-property-exclusive-min-decreased, request-property-exclusive-max-increased, request-property-min-length-decreased, request-property-max-length-increased, request-property-pattern-removed, request-property-pattern-generalized, request-body-min-decreased, request-body-max-increased, request-body-exclusive-min-decreased, request-body-exclusive-max-increased, request-body-min-length-decreased, request-body-max-length-increased";
    RequestEnumValueAdded = "request-enum-value-added", Compatible, "", "request-property-enum-value-added";
    RequestEnumValueRemoved = "request-enum-value-removed", Breaking, "", "request-property-enum-value-removed, request-body-enum-value-removed, request-property-x-extensible-enum-value-removed";
    RequestEnumOpened = "request-enum-opened", Compatible, "", "none: no open-enum notion (x-open-enum); enum removal unchecked";
    RequestEnumClosed = "request-enum-closed", Breaking, "values clients send may be rejected", "request-property-became-enum, request-body-became-enum";
    RequestVariantAdded = "request-variant-added", Compatible, "a new `oneOf`/`anyOf` member clients may send", "request-property-one-of-added, request-property-any-of-added, request-body-one-of-added, request-body-any-of-added";
    RequestVariantRemoved = "request-variant-removed", Breaking, "", "request-property-one-of-removed, request-property-any-of-removed, request-body-one-of-removed, request-body-any-of-removed";
    RequestAdditionalPropertiesRestricted = "request-additional-properties-restricted", Breaking, "`additionalProperties` absent or `true` -> a schema or `false`, or a schema -> `false`: properties not listed, or their values of other types, that clients send are rejected", "none: no additionalProperties check";
    RequestAdditionalPropertiesRelaxed = "request-additional-properties-relaxed", Compatible, "the reverse: the server accepts more", "none: no additionalProperties check";
    ResponsePropertyAdded = "response-property-added", Compatible, "", "response-optional-property-added, response-required-property-added, response-optional-property-became-not-write-only, response-required-property-became-not-write-only";
    ResponsePropertyRemoved = "response-property-removed", Breaking, "clients reading it lose it", "response-required-property-removed, response-optional-property-removed";
    ResponsePropertyMadeWriteOnly = "response-property-made-write-only", Breaking, "clients reading it lose it; a `writeOnly` property is otherwise left out of the response side", "response-optional-property-became-write-only, response-required-property-became-write-only";
    ResponsePropertyTypeChanged = "response-property-type-changed", Breaking, "decoding or the Rust type changes", "response-property-type-changed, response-property-type-generalized, response-property-type-specialized, response-property-type-compatible, response-property-list-of-types-widened, response-property-list-of-types-narrowed, response-body-type-changed, response-body-type-generalized, response-body-type-specialized, response-body-type-compatible, response-body-list-of-types-widened, response-body-list-of-types-narrowed";
    ResponsePropertyMadeNullable = "response-property-made-nullable", Breaking, "a client may not handle null", "response-property-became-nullable, response-body-became-nullable";
    ResponsePropertyMadeNonNullable = "response-property-made-non-nullable", Compatible, "", "response-property-became-not-nullable, response-body-became-not-nullable";
    ResponsePropertyMadeOptional = "response-property-made-optional", Breaking, "it may now be absent", "response-property-became-optional";
    ResponsePropertyMadeRequired = "response-property-made-required", Compatible, "", "response-property-became-required";
    ResponseEnumValueAdded = "response-enum-value-added", BreakingUnlessOpen, "a closed enum fails to decode a new value", "response-property-enum-value-added";
    ResponseEnumValueRemoved = "response-enum-value-removed", Compatible, "", "response-property-enum-value-removed, response-mediatype-enum-value-removed";
    ResponseEnumOpened = "response-enum-opened", Compatible, "", "none: no open-enum notion; response enum removal unchecked";
    ResponseEnumClosed = "response-enum-closed", Compatible, "", "none: no open-enum notion; response became-enum unchecked";
    ResponseVariantAdded = "response-variant-added", Breaking, "a new `oneOf`/`anyOf` member the client cannot decode", "response-property-one-of-added, response-property-any-of-added, response-body-one-of-added, response-body-any-of-added";
    ResponseVariantRemoved = "response-variant-removed", Compatible, "", "response-property-one-of-removed, response-property-any-of-removed, response-body-one-of-removed, response-body-any-of-removed";
    ResponseAdditionalPropertiesOpened = "response-additional-properties-opened", Compatible, "`additionalProperties: false` -> `true` or a schema: the SDK ignores properties it does not know (a schema's values widened to any type is `response-property-type-changed`)", "none: no additionalProperties check";
    ResponseHeaderAdded = "response-header-added", Compatible, "", "response-header-added";
    ResponseHeaderRemoved = "response-header-removed", Breaking, "clients reading it (e.g. `Retry-After` to back off) lose it", "required-response-header-removed, optional-response-header-removed";
    ResponseHeaderMadeOptional = "response-header-made-optional", Breaking, "it may now be absent", "response-header-became-optional";
    ResponseHeaderMadeRequired = "response-header-made-required", Compatible, "", "none: only the reverse is checked (`response-header-became-optional`)";
    ResponseHeaderTypeChanged = "response-header-type-changed", Breaking, "clients parsing the old type fail", "response-header-type-changed, response-header-type-generalized, response-header-type-specialized, response-header-type-compatible";
    SuccessStatusAdded = "success-status-added", Compatible, "", "response-success-status-added";
    SuccessStatusRemoved = "success-status-removed", Breaking, "", "response-success-status-removed";
    ErrorStatusAdded = "error-status-added", Compatible, "the SDK's `Error` is open: any status is an error with `status()`", "response-non-success-status-added";
    ErrorStatusRemoved = "error-status-removed", Compatible, "handling for it becomes dead code", "response-non-success-status-removed";
    ErrorCodeAdded = "error-code-added", Compatible, "the SDK's `ErrorCode` is open (`Other(String)`)", "none: x-error-codes/example codes are our convention; schema enums hit enum ids";
    ErrorCodeRemoved = "error-code-removed", Compatible, "", "none: x-error-codes/example codes are our convention; schema enums hit enum ids";
    RequestMediaTypeAdded = "request-media-type-added", Compatible, "", "request-body-media-type-added";
    RequestMediaTypeRemoved = "request-media-type-removed", Breaking, "", "request-body-media-type-removed";
    ResponseMediaTypeAdded = "response-media-type-added", Compatible, "", "response-media-type-added";
    ResponseMediaTypeRemoved = "response-media-type-removed", Breaking, "", "response-media-type-removed";
    WebhookAdded = "webhook-added", Compatible, "", "webhook-added";
    WebhookRemoved = "webhook-removed", Breaking, "receivers stop getting the event they wait for", "webhook-removed";
    WebhookMediaTypeAdded = "webhook-media-type-added", Breaking, "receivers may get a body in a format they do not parse", "none: webhooks are only checked as added or removed";
    WebhookMediaTypeRemoved = "webhook-media-type-removed", Compatible, "", "none: webhooks are only checked as added or removed";
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
        let mut out = String::from(
            "| kind | class | why | closest oasdiff checks |\n| --- | --- | --- | --- |\n",
        );
        for kind in ChangeKind::ALL {
            let why = match kind.why() {
                "" => String::new(),
                why => format!("{why} "),
            };
            let oasdiff = match kind.oasdiff() {
                none if none.starts_with("none") => none.to_string(),
                ids => ids
                    .split(", ")
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            out.push_str(&format!(
                "| `{}` | {} | {why}| {oasdiff} |\n",
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
            .skip_while(|line| !line.starts_with("| kind | class | why | closest oasdiff checks |"))
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
