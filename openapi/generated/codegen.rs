// generated from openapi/gu1-kyc.yaml; do not edit (cargo xtask codegen refreshes the snapshot)
#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///Raw file bytes.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[serde(transparent)]
    pub struct BinaryFile(pub ::std::string::String);
    impl ::std::ops::Deref for BinaryFile {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<BinaryFile> for ::std::string::String {
        fn from(value: BinaryFile) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for BinaryFile {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for BinaryFile {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for BinaryFile {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///ISO 3166-1 alpha-2 country code.
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CountryCode(::std::string::String);
    impl ::std::ops::Deref for CountryCode {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CountryCode> for ::std::string::String {
        fn from(value: CountryCode) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CountryCode {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[A-Z]{2}$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[A-Z]{2}$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CountryCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CountryCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CountryCode {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///A new entity. For KYC, `type` is `person` and `taxId` is set.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CreateEntityRequest {
        ///Free key/value attributes.
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub attributes: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[serde(rename = "countryCode")]
        pub country_code: CountryCode,
        #[serde(
            rename = "entityData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub entity_data: ::std::option::Option<EntityData>,
        ///Your own ID for the entity (recommended); not empty when given.
        #[serde(
            rename = "externalId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub external_id: ::std::option::Option<CreateEntityRequestExternalId>,
        ///Whether the entity is your client.
        #[serde(
            rename = "isClient",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is_client: ::std::option::Option<bool>,
        ///Display name. Personal data for a person.
        pub name: CreateEntityRequestName,
        ///When the entity registered with you.
        #[serde(
            rename = "registrationDate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub registration_date: ::std::option::Option<
            ::chrono::DateTime<::chrono::offset::Utc>,
        >,
        ///The risk matrix to evaluate the entity with.
        #[serde(
            rename = "riskMatrixId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub risk_matrix_id: ::std::option::Option<::std::string::String>,
        ///Do not run rules on creation.
        #[serde(
            rename = "skipRulesExecution",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub skip_rules_execution: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::types::EntityStatus>,
        ///Tax ID, validated for the country and normalized; not empty when given. Personal data.
        #[serde(
            rename = "taxId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tax_id: ::std::option::Option<CreateEntityRequestTaxId>,
        #[serde(rename = "type")]
        pub type_: crate::types::EntityType,
    }
    impl CreateEntityRequest {
        pub fn builder() -> builder::CreateEntityRequest {
            Default::default()
        }
    }
    ///Your own ID for the entity (recommended); not empty when given.
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CreateEntityRequestExternalId(::std::string::String);
    impl ::std::ops::Deref for CreateEntityRequestExternalId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CreateEntityRequestExternalId> for ::std::string::String {
        fn from(value: CreateEntityRequestExternalId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CreateEntityRequestExternalId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateEntityRequestExternalId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for CreateEntityRequestExternalId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CreateEntityRequestExternalId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Display name. Personal data for a person.
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CreateEntityRequestName(::std::string::String);
    impl ::std::ops::Deref for CreateEntityRequestName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CreateEntityRequestName> for ::std::string::String {
        fn from(value: CreateEntityRequestName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CreateEntityRequestName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateEntityRequestName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CreateEntityRequestName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CreateEntityRequestName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Tax ID, validated for the country and normalized; not empty when given. Personal data.
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CreateEntityRequestTaxId(::std::string::String);
    impl ::std::ops::Deref for CreateEntityRequestTaxId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CreateEntityRequestTaxId> for ::std::string::String {
        fn from(value: CreateEntityRequestTaxId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CreateEntityRequestTaxId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateEntityRequestTaxId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CreateEntityRequestTaxId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CreateEntityRequestTaxId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The created entity, with the result of the rules run on creation.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CreateEntityResponse {
        pub entity: crate::types::Entity,
        ///A summary of the rules run.
        #[serde(
            rename = "rulesExecutionSummary",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rules_execution_summary: ::std::option::Option<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        ///The rules that ran on creation.
        #[serde(
            rename = "rulesResult",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rules_result: ::std::option::Option<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        ///Always `true` on success.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub success: ::std::option::Option<bool>,
    }
    impl CreateEntityResponse {
        pub fn builder() -> builder::CreateEntityResponse {
            Default::default()
        }
    }
    ///What to verify, and how.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    pub struct CreateValidationRequest {
        /**Argentina only: after the provider approves, re-check the document against RENAPER. A failed
check turns the validation `rejected` with the reason in `metadata.warnings` and
`metadata.responseDoubleChecks.renaper.errorCode`.
*/
        #[serde(
            rename = "doubleCheckRenaper",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub double_check_renaper: ::std::option::Option<bool>,
        #[serde(rename = "entityId")]
        pub entity_id: crate::types::EntityId,
        /**The KYC integration to run; it must be configured for the organization.
`global_gueno_validation_kyc` (document, selfie, face match and liveness) is the documented
one and works in the sandbox with no setup.
*/
        #[serde(rename = "integrationCode")]
        pub integration_code: CreateValidationRequestIntegrationCode,
        ///Your own data to attach to the validation; at most 10 KB serialized.
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub metadata: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ///Warning codes to tolerate for this validation.
        #[serde(
            rename = "omitWarnings",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub omit_warnings: ::std::vec::Vec<crate::types::WarningCode>,
        ///Where to send this validation's webhooks instead of the organization's default endpoint.
        #[serde(
            rename = "webhookUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub webhook_url: ::std::option::Option<::std::string::String>,
        ///A custom verification workflow; the default one when absent.
        #[serde(
            rename = "workflowId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub workflow_id: ::std::option::Option<::std::string::String>,
    }
    impl CreateValidationRequest {
        pub fn builder() -> builder::CreateValidationRequest {
            Default::default()
        }
    }
    /**The KYC integration to run; it must be configured for the organization.
`global_gueno_validation_kyc` (document, selfie, face match and liveness) is the documented
one and works in the sandbox with no setup.
*/
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct CreateValidationRequestIntegrationCode(::std::string::String);
    impl ::std::ops::Deref for CreateValidationRequestIntegrationCode {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CreateValidationRequestIntegrationCode>
    for ::std::string::String {
        fn from(value: CreateValidationRequestIntegrationCode) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CreateValidationRequestIntegrationCode {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateValidationRequestIntegrationCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for CreateValidationRequestIntegrationCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CreateValidationRequestIntegrationCode {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The current validation within an entity's KYC summary.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct CurrentValidationSummary(
        pub ::std::option::Option<CurrentValidationSummaryInner>,
    );
    impl ::std::ops::Deref for CurrentValidationSummary {
        type Target = ::std::option::Option<CurrentValidationSummaryInner>;
        fn deref(&self) -> &::std::option::Option<CurrentValidationSummaryInner> {
            &self.0
        }
    }
    impl ::std::convert::From<CurrentValidationSummary>
    for ::std::option::Option<CurrentValidationSummaryInner> {
        fn from(value: CurrentValidationSummary) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::option::Option<CurrentValidationSummaryInner>>
    for CurrentValidationSummary {
        fn from(value: ::std::option::Option<CurrentValidationSummaryInner>) -> Self {
            Self(value)
        }
    }
    ///The current validation within an entity's KYC summary.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CurrentValidationSummaryInner {
        pub id: crate::types::ValidationId,
        pub status: crate::types::ValidationStatus,
        ///When the validation completed.
        #[serde(
            rename = "verifiedAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub verified_at: ::std::option::Option<
            ::chrono::DateTime<::chrono::offset::Utc>,
        >,
    }
    impl CurrentValidationSummaryInner {
        pub fn builder() -> builder::CurrentValidationSummaryInner {
            Default::default()
        }
    }
    /**The provider's decision, in the provider's snake_case keys. Each feature appears as a legacy
singular object (`id_verification`) and may also appear as a list (`id_verifications`). In current
rows media references are `kyc/...` storage keys (see `getValidationMedia`); older rows hold
short-lived HTTPS URLs. Holds personal data.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct Decision(pub ::std::option::Option<DecisionInner>);
    impl ::std::ops::Deref for Decision {
        type Target = ::std::option::Option<DecisionInner>;
        fn deref(&self) -> &::std::option::Option<DecisionInner> {
            &self.0
        }
    }
    impl ::std::convert::From<Decision> for ::std::option::Option<DecisionInner> {
        fn from(value: Decision) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::option::Option<DecisionInner>> for Decision {
        fn from(value: ::std::option::Option<DecisionInner>) -> Self {
            Self(value)
        }
    }
    /**One more check inside a decision (`liveness`, `face_match`), in the provider's keys: its
decision and what it used (a `kyc/...` storage key such as `reference_image`, a `score`).
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct DecisionCheck {
        ///The image the liveness check kept, as a `kyc/...` storage key or, in older rows, a short-lived URL.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reference_image: ::std::option::Option<::std::string::String>,
        ///The face match's similarity, 0-100.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub score: ::std::option::Option<f64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::types::DecisionStatus>,
    }
    impl DecisionCheck {
        pub fn builder() -> builder::DecisionCheck {
            Default::default()
        }
    }
    ///The document check inside a decision. Personal data.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct DecisionIdVerification {
        ///The holder's date of birth (`YYYY-MM-DD`).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub date_of_birth: ::std::option::Option<::std::string::String>,
        ///The document's number.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub document_number: ::std::option::Option<::std::string::String>,
        ///The document's type, e.g. `Passport`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub document_type: ::std::option::Option<::std::string::String>,
        ///The holder's given names.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub first_name: ::std::option::Option<::std::string::String>,
        ///The document's front, as a `kyc/...` storage key for `getValidationMedia` (older rows, a short-lived URL).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub front_image: ::std::option::Option<::std::string::String>,
        ///The holder's full name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub full_name: ::std::option::Option<::std::string::String>,
        ///The issuing country's code.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub issuing_state: ::std::option::Option<::std::string::String>,
        ///The holder's family names.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub last_name: ::std::option::Option<::std::string::String>,
        ///The portrait cut from the document, as a storage key or, in older rows, a short-lived URL.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub portrait_image: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::types::DecisionStatus>,
    }
    impl DecisionIdVerification {
        pub fn builder() -> builder::DecisionIdVerification {
            Default::default()
        }
    }
    /**The provider's decision, in the provider's snake_case keys. Each feature appears as a legacy
singular object (`id_verification`) and may also appear as a list (`id_verifications`). In current
rows media references are `kyc/...` storage keys (see `getValidationMedia`); older rows hold
short-lived HTTPS URLs. Holds personal data.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct DecisionInner {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub face_match: ::std::option::Option<DecisionCheck>,
        ///The checks that ran (`id_verification`, `liveness`, `face_match`, ...).
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub features: ::std::vec::Vec<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id_verification: ::std::option::Option<DecisionIdVerification>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub liveness: ::std::option::Option<DecisionCheck>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::types::DecisionStatus>,
    }
    impl DecisionInner {
        pub fn builder() -> builder::DecisionInner {
            Default::default()
        }
    }
    ///The reason for a manual decision (approve, reject or cancel), kept in the metadata and the audit log.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    pub struct DecisionReasonRequest {
        ///Why; at least 5 characters, not counting leading and trailing whitespace.
        pub reason: DecisionReasonRequestReason,
    }
    impl DecisionReasonRequest {
        pub fn builder() -> builder::DecisionReasonRequest {
            Default::default()
        }
    }
    ///Why; at least 5 characters, not counting leading and trailing whitespace.
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct DecisionReasonRequestReason(::std::string::String);
    impl ::std::ops::Deref for DecisionReasonRequestReason {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<DecisionReasonRequestReason> for ::std::string::String {
        fn from(value: DecisionReasonRequestReason) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for DecisionReasonRequestReason {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 5usize {
                return Err("shorter than 5 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^\\s*\\S[\\s\\S]{3,}\\S\\s*$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err(
                    "doesn't match pattern \"^\\s*\\S[\\s\\S]{3,}\\S\\s*$\"".into(),
                );
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for DecisionReasonRequestReason {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for DecisionReasonRequestReason {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for DecisionReasonRequestReason {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Typed data of the entity, by kind.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct EntityData {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub person: ::std::option::Option<PersonData>,
    }
    impl EntityData {
        pub fn builder() -> builder::EntityData {
            Default::default()
        }
    }
    ///Entities matching a query (at most 100).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct EntityList {
        ///The matching entities.
        pub entities: ::std::vec::Vec<crate::types::Entity>,
    }
    impl EntityList {
        pub fn builder() -> builder::EntityList {
            Default::default()
        }
    }
    ///The four-field entity summary of older webhook bodies.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct EntitySummary {
        ///Your own ID for the entity.
        #[serde(
            rename = "externalId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub external_id: ::std::option::Option<::std::string::String>,
        pub id: crate::types::EntityId,
        ///Display name. Personal data.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<crate::types::EntityType>,
    }
    impl EntitySummary {
        pub fn builder() -> builder::EntitySummary {
            Default::default()
        }
    }
    ///Document keys that are not promoted to fields of `ExtractedData`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct ExtraFields(
        pub ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    );
    impl ::std::ops::Deref for ExtraFields {
        type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
        fn deref(
            &self,
        ) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
            &self.0
        }
    }
    impl ::std::convert::From<ExtraFields>
    for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
        fn from(value: ExtraFields) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for ExtraFields {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self(value)
        }
    }
    ///Personal data read from the document, in camelCase keys. Keys not promoted to fields stay in `extraFields` or as extra keys.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct ExtractedData(pub ::std::option::Option<ExtractedDataInner>);
    impl ::std::ops::Deref for ExtractedData {
        type Target = ::std::option::Option<ExtractedDataInner>;
        fn deref(&self) -> &::std::option::Option<ExtractedDataInner> {
            &self.0
        }
    }
    impl ::std::convert::From<ExtractedData>
    for ::std::option::Option<ExtractedDataInner> {
        fn from(value: ExtractedData) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::option::Option<ExtractedDataInner>>
    for ExtractedData {
        fn from(value: ::std::option::Option<ExtractedDataInner>) -> Self {
            Self(value)
        }
    }
    ///Personal data read from the document, in camelCase keys. Keys not promoted to fields stay in `extraFields` or as extra keys.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct ExtractedDataInner {
        ///The address printed on the document.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<::std::string::String>,
        ///Date of birth, `YYYY-MM-DD`.
        #[serde(
            rename = "dateOfBirth",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_of_birth: ::std::option::Option<::std::string::String>,
        ///The document's number.
        #[serde(
            rename = "documentNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub document_number: ::std::option::Option<::std::string::String>,
        ///The document's type, e.g. `Passport`.
        #[serde(
            rename = "documentType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub document_type: ::std::option::Option<::std::string::String>,
        ///The document's expiry date, `YYYY-MM-DD`.
        #[serde(
            rename = "expirationDate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub expiration_date: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "extraFields",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub extra_fields: ::std::option::Option<ExtraFields>,
        ///Given names.
        #[serde(
            rename = "firstName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub first_name: ::std::option::Option<::std::string::String>,
        ///Full name as printed.
        #[serde(
            rename = "fullName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub full_name: ::std::option::Option<::std::string::String>,
        ///The issuing country's code.
        #[serde(
            rename = "issuingCountry",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub issuing_country: ::std::option::Option<::std::string::String>,
        ///Family names.
        #[serde(
            rename = "lastName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub last_name: ::std::option::Option<::std::string::String>,
        ///The machine-readable zone, as read.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub mrz: ::std::option::Option<::std::string::String>,
        ///The holder's nationality.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub nationality: ::std::option::Option<::std::string::String>,
    }
    impl ExtractedDataInner {
        pub fn builder() -> builder::ExtractedDataInner {
            Default::default()
        }
    }
    ///A page of face-match records.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct FaceMatchPage {
        pub pagination: OffsetPagination,
        ///The records on this page.
        pub verifications: ::std::vec::Vec<crate::types::FaceMatchRecord>,
    }
    impl FaceMatchPage {
        pub fn builder() -> builder::FaceMatchPage {
            Default::default()
        }
    }
    ///The two images and options of a face match (multipart form fields).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct FaceMatchRequest {
        ///The reference portrait (e.g. the photo on an ID), as a file part or a base64 string.
        #[serde(rename = "documentImage")]
        pub document_image: ::std::string::String,
        #[serde(
            rename = "entityId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub entity_id: ::std::option::Option<crate::types::EntityId>,
        ///The match threshold for this call (0-100), where the organization allows overriding it.
        #[serde(
            rename = "scoreThreshold",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub score_threshold: ::std::option::Option<f64>,
        ///The selfie, as a file part or a base64 string.
        #[serde(rename = "selfieImage")]
        pub selfie_image: ::std::string::String,
        ///Your own reference, echoed back in the record.
        #[serde(
            rename = "vendorData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vendor_data: ::std::option::Option<::std::string::String>,
    }
    impl FaceMatchRequest {
        pub fn builder() -> builder::FaceMatchRequest {
            Default::default()
        }
    }
    ///The outcome of a face match.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct FaceMatchResult {
        ///Whether `score` reached the threshold.
        #[serde(rename = "match")]
        pub match_: bool,
        ///The provider request's ID.
        #[serde(
            rename = "requestId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub request_id: ::std::option::Option<::std::string::String>,
        ///Similarity, 0-100.
        pub score: f64,
        ///The threshold in force for this call.
        #[serde(
            rename = "scoreDeclineThreshold",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub score_decline_threshold: ::std::option::Option<f64>,
        pub status: crate::types::FaceMatchStatus,
        #[serde(rename = "verificationId")]
        pub verification_id: crate::types::FaceMatchId,
        ///Warning codes raised by the comparison.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub warnings: ::std::vec::Vec<crate::types::WarningCode>,
    }
    impl FaceMatchResult {
        pub fn builder() -> builder::FaceMatchResult {
            Default::default()
        }
    }
    ///`GetEntityByExternalIdExternalId`
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct GetEntityByExternalIdExternalId(::std::string::String);
    impl ::std::ops::Deref for GetEntityByExternalIdExternalId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetEntityByExternalIdExternalId>
    for ::std::string::String {
        fn from(value: GetEntityByExternalIdExternalId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetEntityByExternalIdExternalId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetEntityByExternalIdExternalId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for GetEntityByExternalIdExternalId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetEntityByExternalIdExternalId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetEntityByTaxIdTaxId`
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct GetEntityByTaxIdTaxId(::std::string::String);
    impl ::std::ops::Deref for GetEntityByTaxIdTaxId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetEntityByTaxIdTaxId> for ::std::string::String {
        fn from(value: GetEntityByTaxIdTaxId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetEntityByTaxIdTaxId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetEntityByTaxIdTaxId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetEntityByTaxIdTaxId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetEntityByTaxIdTaxId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetValidationMediaKey`
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    pub struct GetValidationMediaKey(::std::string::String);
    impl ::std::ops::Deref for GetValidationMediaKey {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetValidationMediaKey> for ::std::string::String {
        fn from(value: GetValidationMediaKey) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetValidationMediaKey {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^kyc/").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^kyc/\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetValidationMediaKey {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetValidationMediaKey {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetValidationMediaKey {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The upload's outcome, capitalised (`Approved`, `Declined`, `Failed`): the same values as
`IdVerificationStatus`, which the stored record uses in lower case. Compare
case-insensitively; the SDK reads both as `IdVerificationStatus`.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct IdVerificationOutcome {
        #[serde(flatten, skip_serializing_if = "::std::option::Option::is_none")]
        pub subtype_0: ::std::option::Option<IdVerificationOutcomeSubtype0>,
        #[serde(flatten, skip_serializing_if = "::std::option::Option::is_none")]
        pub subtype_1: ::std::option::Option<::std::string::String>,
    }
    impl IdVerificationOutcome {
        pub fn builder() -> builder::IdVerificationOutcome {
            Default::default()
        }
    }
    ///`IdVerificationOutcomeSubtype0`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum IdVerificationOutcomeSubtype0 {
        Approved,
        Declined,
        Failed,
    }
    impl ::std::fmt::Display for IdVerificationOutcomeSubtype0 {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Approved => f.write_str("Approved"),
                Self::Declined => f.write_str("Declined"),
                Self::Failed => f.write_str("Failed"),
            }
        }
    }
    impl ::std::str::FromStr for IdVerificationOutcomeSubtype0 {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "Approved" => Ok(Self::Approved),
                "Declined" => Ok(Self::Declined),
                "Failed" => Ok(Self::Failed),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for IdVerificationOutcomeSubtype0 {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for IdVerificationOutcomeSubtype0 {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A page of ID-verification records.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct IdVerificationPage {
        pub pagination: OffsetPagination,
        ///The records on this page.
        pub verifications: ::std::vec::Vec<crate::types::IdVerificationRecord>,
    }
    impl IdVerificationPage {
        pub fn builder() -> builder::IdVerificationPage {
            Default::default()
        }
    }
    ///The images and options of a document verification (multipart form fields).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct IdVerificationRequest {
        ///The document's back, for two-sided documents; same forms as `documentFront`.
        #[serde(
            rename = "documentBack",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub document_back: ::std::option::Option<::std::string::String>,
        ///The document's front, as a file part or a base64 string (optionally a `data:image/...;base64,` URL).
        #[serde(rename = "documentFront")]
        pub document_front: ::std::string::String,
        #[serde(
            rename = "entityId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub entity_id: ::std::option::Option<crate::types::EntityId>,
        ///What to do when no expiry date is found (values not documented; the provider's are `NO_ACTION` and `DECLINE`).
        #[serde(
            rename = "expirationDateNotDetectedAction",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub expiration_date_not_detected_action: ::std::option::Option<
            ::std::string::String,
        >,
        ///What to do when the document's data is inconsistent (values not documented; the provider's are `NO_ACTION` and `DECLINE`).
        #[serde(
            rename = "inconsistentDataAction",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub inconsistent_data_action: ::std::option::Option<::std::string::String>,
        ///What to do when the MRZ is invalid (values not documented; the provider's are `NO_ACTION` and `DECLINE`).
        #[serde(
            rename = "invalidMrzAction",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub invalid_mrz_action: ::std::option::Option<::std::string::String>,
        ///Raise `MINIMUM_AGE_NOT_MET` below this age.
        #[serde(
            rename = "minimumAge",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub minimum_age: ::std::option::Option<i32>,
        /**Also check that the document is physically present (not a screen or a copy). A boolean,
spelled `true` or `false` on the wire (a form field is text, and generators spell booleans
their own way otherwise: Python's `True`).
*/
        #[serde(
            rename = "performDocumentLiveness",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub perform_document_liveness: ::std::option::Option<
            IdVerificationRequestPerformDocumentLiveness,
        >,
        ///Your own reference, echoed back in the record.
        #[serde(
            rename = "vendorData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vendor_data: ::std::option::Option<::std::string::String>,
    }
    impl IdVerificationRequest {
        pub fn builder() -> builder::IdVerificationRequest {
            Default::default()
        }
    }
    /**Also check that the document is physically present (not a screen or a copy). A boolean,
spelled `true` or `false` on the wire (a form field is text, and generators spell booleans
their own way otherwise: Python's `True`).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum IdVerificationRequestPerformDocumentLiveness {
        #[serde(rename = "true")]
        True,
        #[serde(rename = "false")]
        False,
    }
    impl ::std::fmt::Display for IdVerificationRequestPerformDocumentLiveness {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::True => f.write_str("true"),
                Self::False => f.write_str("false"),
            }
        }
    }
    impl ::std::str::FromStr for IdVerificationRequestPerformDocumentLiveness {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "true" => Ok(Self::True),
                "false" => Ok(Self::False),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for IdVerificationRequestPerformDocumentLiveness {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for IdVerificationRequestPerformDocumentLiveness {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**The outcome of an upload. The documentation describes it in prose only: a capitalised result,
the extracted data, optional warnings and the `verificationId` of the stored record.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct IdVerificationResult {
        #[serde(
            rename = "extractedData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub extracted_data: ::std::option::Option<ExtractedData>,
        ///The provider request's ID.
        #[serde(
            rename = "requestId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub request_id: ::std::option::Option<::std::string::String>,
        pub status: IdVerificationOutcome,
        ///Your reference, echoed.
        #[serde(
            rename = "vendorData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vendor_data: ::std::option::Option<::std::string::String>,
        #[serde(rename = "verificationId")]
        pub verification_id: crate::types::IdVerificationId,
        ///Warning codes raised by the check.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub warnings: ::std::vec::Vec<crate::types::WarningCode>,
    }
    impl IdVerificationResult {
        pub fn builder() -> builder::IdVerificationResult {
            Default::default()
        }
    }
    /**The body gu1 posts to your webhook endpoint when a validation changes status. `payload` is the
validation (same fields as the API) and, for `kyc.validation_approved` and
`kyc.validation_rejected`, the full `entity`. Older integrations document a `{type, data}` body
(`LegacyKycWebhookEvent`); receivers should accept both.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct KycWebhookEvent {
        pub event: crate::types::WebhookEventType,
        #[serde(
            rename = "organizationId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub organization_id: ::std::option::Option<OrganizationId>,
        pub payload: KycWebhookPayload,
        ///When the event happened.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timestamp: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
    }
    impl KycWebhookEvent {
        pub fn builder() -> builder::KycWebhookEvent {
            Default::default()
        }
    }
    ///The validation an event is about, plus the full entity on approved and rejected events.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct KycWebhookPayload {
        ///Results of the biometric checks (liveness, face match); null until completion.
        #[serde(
            rename = "biometricResult",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub biometric_result: ::std::option::Option<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        ///When the validation was created.
        #[serde(
            rename = "createdAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub created_at: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub decision: ::std::option::Option<Decision>,
        ///The documents that were verified; empty before completion.
        #[serde(
            rename = "documentsVerified",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub documents_verified: ::std::vec::Vec<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub entity: ::std::option::Option<crate::types::Entity>,
        #[serde(rename = "entityId")]
        pub entity_id: crate::types::EntityId,
        ///When the verification URL stops working.
        #[serde(
            rename = "expiresAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub expires_at: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
        #[serde(
            rename = "extractedData",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub extracted_data: ::std::option::Option<ExtractedData>,
        pub id: crate::types::ValidationId,
        ///Whether this is the entity's current validation (at most one per entity).
        #[serde(
            rename = "isCurrent",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is_current: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<ValidationMetadata>,
        #[serde(
            rename = "organizationId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub organization_id: ::std::option::Option<OrganizationId>,
        ///The verification provider's display name (`Gu1 KYC`; `kyc_provider` in older examples).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub provider: ::std::option::Option<::std::string::String>,
        ///The hosted verification URL to send to the customer. Absent or null for sandbox mocks. Sensitive.
        #[serde(
            rename = "providerSessionUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub provider_session_url: ::std::option::Option<::std::string::String>,
        ///Risk assessment; null until completion.
        #[serde(
            rename = "riskAssessment",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub risk_assessment: ::std::option::Option<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        ///The provider session's ID under its older name (create response); same value as `validationSessionId`.
        #[serde(
            rename = "sessionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub session_id: ::std::option::Option<::std::string::String>,
        pub status: crate::types::ValidationStatus,
        ///When the validation last changed.
        #[serde(
            rename = "updatedAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub updated_at: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
        ///The provider session's ID. Some responses name it `sessionId`; clients read either.
        #[serde(
            rename = "validationSessionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub validation_session_id: ::std::option::Option<::std::string::String>,
        ///When the verification completed.
        #[serde(
            rename = "verifiedAt",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub verified_at: ::std::option::Option<
            ::chrono::DateTime<::chrono::offset::Utc>,
        >,
        ///The fields that were verified, e.g. `["firstName", "lastName", "dateOfBirth"]`.
        #[serde(
            rename = "verifiedFields",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub verified_fields: ::std::vec::Vec<VerifiedField>,
        ///Risk and warning codes raised by the checks.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub warnings: ::std::vec::Vec<crate::types::WarningCode>,
    }
    impl KycWebhookPayload {
        pub fn builder() -> builder::KycWebhookPayload {
            Default::default()
        }
    }
    ///The data of an older webhook body.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct LegacyKycWebhookData {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub entity: ::std::option::Option<EntitySummary>,
        #[serde(
            rename = "entityId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub entity_id: ::std::option::Option<crate::types::EntityId>,
        pub status: crate::types::ValidationStatus,
        #[serde(rename = "validationId")]
        pub validation_id: crate::types::ValidationId,
    }
    impl LegacyKycWebhookData {
        pub fn builder() -> builder::LegacyKycWebhookData {
            Default::default()
        }
    }
    ///The older webhook body, `{type, data}`, with the validation's ID in `data.validationId`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct LegacyKycWebhookEvent {
        pub data: LegacyKycWebhookData,
        #[serde(rename = "type")]
        pub type_: crate::types::WebhookEventType,
    }
    impl LegacyKycWebhookEvent {
        pub fn builder() -> builder::LegacyKycWebhookEvent {
            Default::default()
        }
    }
    ///Where a page of an offset-paginated list sits.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct OffsetPagination {
        ///The page size used.
        pub limit: i32,
        ///How many records were skipped.
        pub offset: i32,
        ///How many records match the filters in all.
        pub total: i64,
    }
    impl OffsetPagination {
        pub fn builder() -> builder::OffsetPagination {
            Default::default()
        }
    }
    ///The organization's ID. A UUID on the environments page, `org_abc123` in KYC examples; treat it as opaque.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[serde(transparent)]
    pub struct OrganizationId(pub ::std::string::String);
    impl ::std::ops::Deref for OrganizationId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<OrganizationId> for ::std::string::String {
        fn from(value: OrganizationId) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for OrganizationId {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for OrganizationId {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for OrganizationId {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///A person's data. Personal data throughout.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct PersonData {
        ///Address, as one line or a structured object.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<PersonDataAddress>,
        ///Date of birth, `YYYY-MM-DD`.
        #[serde(
            rename = "dateOfBirth",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_of_birth: ::std::option::Option<::chrono::naive::NaiveDate>,
        ///Given names.
        #[serde(
            rename = "firstName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub first_name: ::std::option::Option<::std::string::String>,
        ///Income.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub income: ::std::option::Option<f64>,
        ///Family names.
        #[serde(
            rename = "lastName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub last_name: ::std::option::Option<::std::string::String>,
        ///Nationality (country code).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub nationality: ::std::option::Option<::std::string::String>,
        ///Occupation.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub occupation: ::std::option::Option<::std::string::String>,
    }
    impl PersonData {
        pub fn builder() -> builder::PersonData {
            Default::default()
        }
    }
    ///Address, as one line or a structured object.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum PersonDataAddress {
        String(::std::string::String),
        Object(::serde_json::Map<::std::string::String, ::serde_json::Value>),
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for PersonDataAddress {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self::Object(value)
        }
    }
    ///Options of a sync.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    #[serde(deny_unknown_fields)]
    pub struct SyncValidationRequest {
        ///Sync even if the validation was synced recently.
        #[serde(default)]
        pub force: bool,
    }
    impl SyncValidationRequest {
        pub fn builder() -> builder::SyncValidationRequest {
            Default::default()
        }
    }
    /**The metadata you attached, plus keys gu1 writes: `integrationCode`, `integrationName`, the manual
decision (`manuallyApprovedBy`, `manuallyRejectedBy`, `rejectionReason`, `approvalReason`,
`cancellationReason`), RENAPER results (`warnings`, `responseDoubleChecks`).
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct ValidationMetadata {
        ///The reason given for a manual approval.
        #[serde(
            rename = "approvalReason",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub approval_reason: ::std::option::Option<::std::string::String>,
        ///The reason given for a cancellation.
        #[serde(
            rename = "cancellationReason",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cancellation_reason: ::std::option::Option<::std::string::String>,
        ///The integration that ran the validation.
        #[serde(
            rename = "integrationCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub integration_code: ::std::option::Option<::std::string::String>,
        ///The integration's display name.
        #[serde(
            rename = "integrationName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub integration_name: ::std::option::Option<::std::string::String>,
        ///Who approved the validation manually.
        #[serde(
            rename = "manuallyApprovedBy",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub manually_approved_by: ::std::option::Option<::std::string::String>,
        ///Who rejected the validation manually.
        #[serde(
            rename = "manuallyRejectedBy",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub manually_rejected_by: ::std::option::Option<::std::string::String>,
        ///The reason given for a manual rejection.
        #[serde(
            rename = "rejectionReason",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rejection_reason: ::std::option::Option<::std::string::String>,
        ///Results of double checks such as RENAPER (`renaper.errorCode`).
        #[serde(
            rename = "responseDoubleChecks",
            default,
            skip_serializing_if = "::serde_json::Map::is_empty"
        )]
        pub response_double_checks: ::serde_json::Map<
            ::std::string::String,
            ::serde_json::Value,
        >,
    }
    impl ValidationMetadata {
        pub fn builder() -> builder::ValidationMetadata {
            Default::default()
        }
    }
    ///A page of validations, newest first.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ValidationPage {
        ///The page size used.
        pub limit: ::std::num::NonZeroU32,
        ///This page's number (from 1).
        pub page: ::std::num::NonZeroU32,
        ///How many validations match the query in all.
        pub total: i64,
        ///The validations on this page.
        pub validations: ::std::vec::Vec<crate::types::Validation>,
    }
    impl ValidationPage {
        pub fn builder() -> builder::ValidationPage {
            Default::default()
        }
    }
    ///A verified field's name. The documentation also shows objects here; clients accept either.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(untagged)]
    pub enum VerifiedField {
        String(::std::string::String),
        Object(::serde_json::Map<::std::string::String, ::serde_json::Value>),
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for VerifiedField {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self::Object(value)
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct CreateEntityRequest {
            attributes: ::std::result::Result<
                ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                ::std::string::String,
            >,
            country_code: ::std::result::Result<
                super::CountryCode,
                ::std::string::String,
            >,
            entity_data: ::std::result::Result<
                ::std::option::Option<super::EntityData>,
                ::std::string::String,
            >,
            external_id: ::std::result::Result<
                ::std::option::Option<super::CreateEntityRequestExternalId>,
                ::std::string::String,
            >,
            is_client: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            name: ::std::result::Result<
                super::CreateEntityRequestName,
                ::std::string::String,
            >,
            registration_date: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            risk_matrix_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            skip_rules_execution: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<crate::types::EntityStatus>,
                ::std::string::String,
            >,
            tax_id: ::std::result::Result<
                ::std::option::Option<super::CreateEntityRequestTaxId>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                crate::types::EntityType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreateEntityRequest {
            fn default() -> Self {
                Self {
                    attributes: Ok(Default::default()),
                    country_code: Err("no value supplied for country_code".to_string()),
                    entity_data: Ok(Default::default()),
                    external_id: Ok(Default::default()),
                    is_client: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                    registration_date: Ok(Default::default()),
                    risk_matrix_id: Ok(Default::default()),
                    skip_rules_execution: Ok(Default::default()),
                    status: Ok(Default::default()),
                    tax_id: Ok(Default::default()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl CreateEntityRequest {
            pub fn attributes<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.attributes = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for attributes: {e}")
                    });
                self
            }
            pub fn country_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CountryCode>,
                T::Error: ::std::fmt::Display,
            {
                self.country_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for country_code: {e}")
                    });
                self
            }
            pub fn entity_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::EntityData>>,
                T::Error: ::std::fmt::Display,
            {
                self.entity_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity_data: {e}")
                    });
                self
            }
            pub fn external_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CreateEntityRequestExternalId>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.external_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for external_id: {e}")
                    });
                self
            }
            pub fn is_client<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.is_client = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for is_client: {e}")
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CreateEntityRequestName>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn registration_date<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.registration_date = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for registration_date: {e}"
                        )
                    });
                self
            }
            pub fn risk_matrix_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.risk_matrix_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for risk_matrix_id: {e}"
                        )
                    });
                self
            }
            pub fn skip_rules_execution<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.skip_rules_execution = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for skip_rules_execution: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::EntityStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn tax_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CreateEntityRequestTaxId>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.tax_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for tax_id: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::EntityType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CreateEntityRequest>
        for super::CreateEntityRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreateEntityRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    attributes: value.attributes?,
                    country_code: value.country_code?,
                    entity_data: value.entity_data?,
                    external_id: value.external_id?,
                    is_client: value.is_client?,
                    name: value.name?,
                    registration_date: value.registration_date?,
                    risk_matrix_id: value.risk_matrix_id?,
                    skip_rules_execution: value.skip_rules_execution?,
                    status: value.status?,
                    tax_id: value.tax_id?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::CreateEntityRequest> for CreateEntityRequest {
            fn from(value: super::CreateEntityRequest) -> Self {
                Self {
                    attributes: Ok(value.attributes),
                    country_code: Ok(value.country_code),
                    entity_data: Ok(value.entity_data),
                    external_id: Ok(value.external_id),
                    is_client: Ok(value.is_client),
                    name: Ok(value.name),
                    registration_date: Ok(value.registration_date),
                    risk_matrix_id: Ok(value.risk_matrix_id),
                    skip_rules_execution: Ok(value.skip_rules_execution),
                    status: Ok(value.status),
                    tax_id: Ok(value.tax_id),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CreateEntityResponse {
            entity: ::std::result::Result<crate::types::Entity, ::std::string::String>,
            rules_execution_summary: ::std::result::Result<
                ::std::option::Option<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                ::std::string::String,
            >,
            rules_result: ::std::result::Result<
                ::std::option::Option<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                ::std::string::String,
            >,
            success: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreateEntityResponse {
            fn default() -> Self {
                Self {
                    entity: Err("no value supplied for entity".to_string()),
                    rules_execution_summary: Ok(Default::default()),
                    rules_result: Ok(Default::default()),
                    success: Ok(Default::default()),
                }
            }
        }
        impl CreateEntityResponse {
            pub fn entity<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::Entity>,
                T::Error: ::std::fmt::Display,
            {
                self.entity = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity: {e}")
                    });
                self
            }
            pub fn rules_execution_summary<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.rules_execution_summary = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for rules_execution_summary: {e}"
                        )
                    });
                self
            }
            pub fn rules_result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.rules_result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for rules_result: {e}")
                    });
                self
            }
            pub fn success<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.success = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for success: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CreateEntityResponse>
        for super::CreateEntityResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreateEntityResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    entity: value.entity?,
                    rules_execution_summary: value.rules_execution_summary?,
                    rules_result: value.rules_result?,
                    success: value.success?,
                })
            }
        }
        impl ::std::convert::From<super::CreateEntityResponse> for CreateEntityResponse {
            fn from(value: super::CreateEntityResponse) -> Self {
                Self {
                    entity: Ok(value.entity),
                    rules_execution_summary: Ok(value.rules_execution_summary),
                    rules_result: Ok(value.rules_result),
                    success: Ok(value.success),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CreateValidationRequest {
            double_check_renaper: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            entity_id: ::std::result::Result<
                crate::types::EntityId,
                ::std::string::String,
            >,
            integration_code: ::std::result::Result<
                super::CreateValidationRequestIntegrationCode,
                ::std::string::String,
            >,
            metadata: ::std::result::Result<
                ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                ::std::string::String,
            >,
            omit_warnings: ::std::result::Result<
                ::std::vec::Vec<crate::types::WarningCode>,
                ::std::string::String,
            >,
            webhook_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            workflow_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreateValidationRequest {
            fn default() -> Self {
                Self {
                    double_check_renaper: Ok(Default::default()),
                    entity_id: Err("no value supplied for entity_id".to_string()),
                    integration_code: Err(
                        "no value supplied for integration_code".to_string(),
                    ),
                    metadata: Ok(Default::default()),
                    omit_warnings: Ok(Default::default()),
                    webhook_url: Ok(Default::default()),
                    workflow_id: Ok(Default::default()),
                }
            }
        }
        impl CreateValidationRequest {
            pub fn double_check_renaper<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.double_check_renaper = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for double_check_renaper: {e}"
                        )
                    });
                self
            }
            pub fn entity_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::EntityId>,
                T::Error: ::std::fmt::Display,
            {
                self.entity_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity_id: {e}")
                    });
                self
            }
            pub fn integration_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    super::CreateValidationRequestIntegrationCode,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.integration_code = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for integration_code: {e}"
                        )
                    });
                self
            }
            pub fn metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for metadata: {e}")
                    });
                self
            }
            pub fn omit_warnings<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<crate::types::WarningCode>>,
                T::Error: ::std::fmt::Display,
            {
                self.omit_warnings = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for omit_warnings: {e}")
                    });
                self
            }
            pub fn webhook_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.webhook_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for webhook_url: {e}")
                    });
                self
            }
            pub fn workflow_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.workflow_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for workflow_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CreateValidationRequest>
        for super::CreateValidationRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreateValidationRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    double_check_renaper: value.double_check_renaper?,
                    entity_id: value.entity_id?,
                    integration_code: value.integration_code?,
                    metadata: value.metadata?,
                    omit_warnings: value.omit_warnings?,
                    webhook_url: value.webhook_url?,
                    workflow_id: value.workflow_id?,
                })
            }
        }
        impl ::std::convert::From<super::CreateValidationRequest>
        for CreateValidationRequest {
            fn from(value: super::CreateValidationRequest) -> Self {
                Self {
                    double_check_renaper: Ok(value.double_check_renaper),
                    entity_id: Ok(value.entity_id),
                    integration_code: Ok(value.integration_code),
                    metadata: Ok(value.metadata),
                    omit_warnings: Ok(value.omit_warnings),
                    webhook_url: Ok(value.webhook_url),
                    workflow_id: Ok(value.workflow_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CurrentValidationSummaryInner {
            id: ::std::result::Result<crate::types::ValidationId, ::std::string::String>,
            status: ::std::result::Result<
                crate::types::ValidationStatus,
                ::std::string::String,
            >,
            verified_at: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CurrentValidationSummaryInner {
            fn default() -> Self {
                Self {
                    id: Err("no value supplied for id".to_string()),
                    status: Err("no value supplied for status".to_string()),
                    verified_at: Ok(Default::default()),
                }
            }
        }
        impl CurrentValidationSummaryInner {
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ValidationId>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ValidationStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn verified_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.verified_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verified_at: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CurrentValidationSummaryInner>
        for super::CurrentValidationSummaryInner {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CurrentValidationSummaryInner,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    id: value.id?,
                    status: value.status?,
                    verified_at: value.verified_at?,
                })
            }
        }
        impl ::std::convert::From<super::CurrentValidationSummaryInner>
        for CurrentValidationSummaryInner {
            fn from(value: super::CurrentValidationSummaryInner) -> Self {
                Self {
                    id: Ok(value.id),
                    status: Ok(value.status),
                    verified_at: Ok(value.verified_at),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DecisionCheck {
            reference_image: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            score: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<crate::types::DecisionStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DecisionCheck {
            fn default() -> Self {
                Self {
                    reference_image: Ok(Default::default()),
                    score: Ok(Default::default()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl DecisionCheck {
            pub fn reference_image<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.reference_image = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for reference_image: {e}"
                        )
                    });
                self
            }
            pub fn score<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<f64>>,
                T::Error: ::std::fmt::Display,
            {
                self.score = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for score: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::DecisionStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DecisionCheck> for super::DecisionCheck {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DecisionCheck,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    reference_image: value.reference_image?,
                    score: value.score?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::DecisionCheck> for DecisionCheck {
            fn from(value: super::DecisionCheck) -> Self {
                Self {
                    reference_image: Ok(value.reference_image),
                    score: Ok(value.score),
                    status: Ok(value.status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DecisionIdVerification {
            date_of_birth: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            document_number: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            document_type: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            first_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            front_image: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            full_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            issuing_state: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            last_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            portrait_image: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<crate::types::DecisionStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DecisionIdVerification {
            fn default() -> Self {
                Self {
                    date_of_birth: Ok(Default::default()),
                    document_number: Ok(Default::default()),
                    document_type: Ok(Default::default()),
                    first_name: Ok(Default::default()),
                    front_image: Ok(Default::default()),
                    full_name: Ok(Default::default()),
                    issuing_state: Ok(Default::default()),
                    last_name: Ok(Default::default()),
                    portrait_image: Ok(Default::default()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl DecisionIdVerification {
            pub fn date_of_birth<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.date_of_birth = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for date_of_birth: {e}")
                    });
                self
            }
            pub fn document_number<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.document_number = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for document_number: {e}"
                        )
                    });
                self
            }
            pub fn document_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.document_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for document_type: {e}")
                    });
                self
            }
            pub fn first_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.first_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for first_name: {e}")
                    });
                self
            }
            pub fn front_image<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.front_image = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for front_image: {e}")
                    });
                self
            }
            pub fn full_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.full_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for full_name: {e}")
                    });
                self
            }
            pub fn issuing_state<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.issuing_state = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for issuing_state: {e}")
                    });
                self
            }
            pub fn last_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.last_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last_name: {e}")
                    });
                self
            }
            pub fn portrait_image<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.portrait_image = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for portrait_image: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::DecisionStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DecisionIdVerification>
        for super::DecisionIdVerification {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DecisionIdVerification,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    date_of_birth: value.date_of_birth?,
                    document_number: value.document_number?,
                    document_type: value.document_type?,
                    first_name: value.first_name?,
                    front_image: value.front_image?,
                    full_name: value.full_name?,
                    issuing_state: value.issuing_state?,
                    last_name: value.last_name?,
                    portrait_image: value.portrait_image?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::DecisionIdVerification>
        for DecisionIdVerification {
            fn from(value: super::DecisionIdVerification) -> Self {
                Self {
                    date_of_birth: Ok(value.date_of_birth),
                    document_number: Ok(value.document_number),
                    document_type: Ok(value.document_type),
                    first_name: Ok(value.first_name),
                    front_image: Ok(value.front_image),
                    full_name: Ok(value.full_name),
                    issuing_state: Ok(value.issuing_state),
                    last_name: Ok(value.last_name),
                    portrait_image: Ok(value.portrait_image),
                    status: Ok(value.status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DecisionInner {
            face_match: ::std::result::Result<
                ::std::option::Option<super::DecisionCheck>,
                ::std::string::String,
            >,
            features: ::std::result::Result<
                ::std::vec::Vec<::std::string::String>,
                ::std::string::String,
            >,
            id_verification: ::std::result::Result<
                ::std::option::Option<super::DecisionIdVerification>,
                ::std::string::String,
            >,
            liveness: ::std::result::Result<
                ::std::option::Option<super::DecisionCheck>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<crate::types::DecisionStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DecisionInner {
            fn default() -> Self {
                Self {
                    face_match: Ok(Default::default()),
                    features: Ok(Default::default()),
                    id_verification: Ok(Default::default()),
                    liveness: Ok(Default::default()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl DecisionInner {
            pub fn face_match<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::DecisionCheck>>,
                T::Error: ::std::fmt::Display,
            {
                self.face_match = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for face_match: {e}")
                    });
                self
            }
            pub fn features<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.features = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for features: {e}")
                    });
                self
            }
            pub fn id_verification<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::DecisionIdVerification>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.id_verification = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for id_verification: {e}"
                        )
                    });
                self
            }
            pub fn liveness<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::DecisionCheck>>,
                T::Error: ::std::fmt::Display,
            {
                self.liveness = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for liveness: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::DecisionStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DecisionInner> for super::DecisionInner {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DecisionInner,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    face_match: value.face_match?,
                    features: value.features?,
                    id_verification: value.id_verification?,
                    liveness: value.liveness?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::DecisionInner> for DecisionInner {
            fn from(value: super::DecisionInner) -> Self {
                Self {
                    face_match: Ok(value.face_match),
                    features: Ok(value.features),
                    id_verification: Ok(value.id_verification),
                    liveness: Ok(value.liveness),
                    status: Ok(value.status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DecisionReasonRequest {
            reason: ::std::result::Result<
                super::DecisionReasonRequestReason,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DecisionReasonRequest {
            fn default() -> Self {
                Self {
                    reason: Err("no value supplied for reason".to_string()),
                }
            }
        }
        impl DecisionReasonRequest {
            pub fn reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::DecisionReasonRequestReason>,
                T::Error: ::std::fmt::Display,
            {
                self.reason = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for reason: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DecisionReasonRequest>
        for super::DecisionReasonRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DecisionReasonRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { reason: value.reason? })
            }
        }
        impl ::std::convert::From<super::DecisionReasonRequest>
        for DecisionReasonRequest {
            fn from(value: super::DecisionReasonRequest) -> Self {
                Self { reason: Ok(value.reason) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct EntityData {
            person: ::std::result::Result<
                ::std::option::Option<super::PersonData>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for EntityData {
            fn default() -> Self {
                Self {
                    person: Ok(Default::default()),
                }
            }
        }
        impl EntityData {
            pub fn person<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::PersonData>>,
                T::Error: ::std::fmt::Display,
            {
                self.person = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for person: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<EntityData> for super::EntityData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: EntityData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { person: value.person? })
            }
        }
        impl ::std::convert::From<super::EntityData> for EntityData {
            fn from(value: super::EntityData) -> Self {
                Self { person: Ok(value.person) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct EntityList {
            entities: ::std::result::Result<
                ::std::vec::Vec<crate::types::Entity>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for EntityList {
            fn default() -> Self {
                Self {
                    entities: Err("no value supplied for entities".to_string()),
                }
            }
        }
        impl EntityList {
            pub fn entities<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<crate::types::Entity>>,
                T::Error: ::std::fmt::Display,
            {
                self.entities = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entities: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<EntityList> for super::EntityList {
            type Error = super::error::ConversionError;
            fn try_from(
                value: EntityList,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { entities: value.entities? })
            }
        }
        impl ::std::convert::From<super::EntityList> for EntityList {
            fn from(value: super::EntityList) -> Self {
                Self {
                    entities: Ok(value.entities),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct EntitySummary {
            external_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<crate::types::EntityId, ::std::string::String>,
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<crate::types::EntityType>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for EntitySummary {
            fn default() -> Self {
                Self {
                    external_id: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    name: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl EntitySummary {
            pub fn external_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.external_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for external_id: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::EntityId>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::EntityType>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<EntitySummary> for super::EntitySummary {
            type Error = super::error::ConversionError;
            fn try_from(
                value: EntitySummary,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    external_id: value.external_id?,
                    id: value.id?,
                    name: value.name?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::EntitySummary> for EntitySummary {
            fn from(value: super::EntitySummary) -> Self {
                Self {
                    external_id: Ok(value.external_id),
                    id: Ok(value.id),
                    name: Ok(value.name),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ExtractedDataInner {
            address: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            date_of_birth: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            document_number: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            document_type: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            expiration_date: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            extra_fields: ::std::result::Result<
                ::std::option::Option<super::ExtraFields>,
                ::std::string::String,
            >,
            first_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            full_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            issuing_country: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            last_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            mrz: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            nationality: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ExtractedDataInner {
            fn default() -> Self {
                Self {
                    address: Ok(Default::default()),
                    date_of_birth: Ok(Default::default()),
                    document_number: Ok(Default::default()),
                    document_type: Ok(Default::default()),
                    expiration_date: Ok(Default::default()),
                    extra_fields: Ok(Default::default()),
                    first_name: Ok(Default::default()),
                    full_name: Ok(Default::default()),
                    issuing_country: Ok(Default::default()),
                    last_name: Ok(Default::default()),
                    mrz: Ok(Default::default()),
                    nationality: Ok(Default::default()),
                }
            }
        }
        impl ExtractedDataInner {
            pub fn address<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.address = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address: {e}")
                    });
                self
            }
            pub fn date_of_birth<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.date_of_birth = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for date_of_birth: {e}")
                    });
                self
            }
            pub fn document_number<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.document_number = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for document_number: {e}"
                        )
                    });
                self
            }
            pub fn document_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.document_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for document_type: {e}")
                    });
                self
            }
            pub fn expiration_date<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.expiration_date = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for expiration_date: {e}"
                        )
                    });
                self
            }
            pub fn extra_fields<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ExtraFields>>,
                T::Error: ::std::fmt::Display,
            {
                self.extra_fields = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for extra_fields: {e}")
                    });
                self
            }
            pub fn first_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.first_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for first_name: {e}")
                    });
                self
            }
            pub fn full_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.full_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for full_name: {e}")
                    });
                self
            }
            pub fn issuing_country<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.issuing_country = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for issuing_country: {e}"
                        )
                    });
                self
            }
            pub fn last_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.last_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last_name: {e}")
                    });
                self
            }
            pub fn mrz<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.mrz = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for mrz: {e}")
                    });
                self
            }
            pub fn nationality<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.nationality = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for nationality: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ExtractedDataInner> for super::ExtractedDataInner {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ExtractedDataInner,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    address: value.address?,
                    date_of_birth: value.date_of_birth?,
                    document_number: value.document_number?,
                    document_type: value.document_type?,
                    expiration_date: value.expiration_date?,
                    extra_fields: value.extra_fields?,
                    first_name: value.first_name?,
                    full_name: value.full_name?,
                    issuing_country: value.issuing_country?,
                    last_name: value.last_name?,
                    mrz: value.mrz?,
                    nationality: value.nationality?,
                })
            }
        }
        impl ::std::convert::From<super::ExtractedDataInner> for ExtractedDataInner {
            fn from(value: super::ExtractedDataInner) -> Self {
                Self {
                    address: Ok(value.address),
                    date_of_birth: Ok(value.date_of_birth),
                    document_number: Ok(value.document_number),
                    document_type: Ok(value.document_type),
                    expiration_date: Ok(value.expiration_date),
                    extra_fields: Ok(value.extra_fields),
                    first_name: Ok(value.first_name),
                    full_name: Ok(value.full_name),
                    issuing_country: Ok(value.issuing_country),
                    last_name: Ok(value.last_name),
                    mrz: Ok(value.mrz),
                    nationality: Ok(value.nationality),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct FaceMatchPage {
            pagination: ::std::result::Result<
                super::OffsetPagination,
                ::std::string::String,
            >,
            verifications: ::std::result::Result<
                ::std::vec::Vec<crate::types::FaceMatchRecord>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for FaceMatchPage {
            fn default() -> Self {
                Self {
                    pagination: Err("no value supplied for pagination".to_string()),
                    verifications: Err("no value supplied for verifications".to_string()),
                }
            }
        }
        impl FaceMatchPage {
            pub fn pagination<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::OffsetPagination>,
                T::Error: ::std::fmt::Display,
            {
                self.pagination = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for pagination: {e}")
                    });
                self
            }
            pub fn verifications<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<crate::types::FaceMatchRecord>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.verifications = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verifications: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<FaceMatchPage> for super::FaceMatchPage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: FaceMatchPage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    pagination: value.pagination?,
                    verifications: value.verifications?,
                })
            }
        }
        impl ::std::convert::From<super::FaceMatchPage> for FaceMatchPage {
            fn from(value: super::FaceMatchPage) -> Self {
                Self {
                    pagination: Ok(value.pagination),
                    verifications: Ok(value.verifications),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct FaceMatchRequest {
            document_image: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            entity_id: ::std::result::Result<
                ::std::option::Option<crate::types::EntityId>,
                ::std::string::String,
            >,
            score_threshold: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
            selfie_image: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            vendor_data: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for FaceMatchRequest {
            fn default() -> Self {
                Self {
                    document_image: Err(
                        "no value supplied for document_image".to_string(),
                    ),
                    entity_id: Ok(Default::default()),
                    score_threshold: Ok(Default::default()),
                    selfie_image: Err("no value supplied for selfie_image".to_string()),
                    vendor_data: Ok(Default::default()),
                }
            }
        }
        impl FaceMatchRequest {
            pub fn document_image<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.document_image = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for document_image: {e}"
                        )
                    });
                self
            }
            pub fn entity_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::EntityId>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.entity_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity_id: {e}")
                    });
                self
            }
            pub fn score_threshold<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<f64>>,
                T::Error: ::std::fmt::Display,
            {
                self.score_threshold = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for score_threshold: {e}"
                        )
                    });
                self
            }
            pub fn selfie_image<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.selfie_image = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for selfie_image: {e}")
                    });
                self
            }
            pub fn vendor_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vendor_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for vendor_data: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<FaceMatchRequest> for super::FaceMatchRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: FaceMatchRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    document_image: value.document_image?,
                    entity_id: value.entity_id?,
                    score_threshold: value.score_threshold?,
                    selfie_image: value.selfie_image?,
                    vendor_data: value.vendor_data?,
                })
            }
        }
        impl ::std::convert::From<super::FaceMatchRequest> for FaceMatchRequest {
            fn from(value: super::FaceMatchRequest) -> Self {
                Self {
                    document_image: Ok(value.document_image),
                    entity_id: Ok(value.entity_id),
                    score_threshold: Ok(value.score_threshold),
                    selfie_image: Ok(value.selfie_image),
                    vendor_data: Ok(value.vendor_data),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct FaceMatchResult {
            match_: ::std::result::Result<bool, ::std::string::String>,
            request_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            score: ::std::result::Result<f64, ::std::string::String>,
            score_decline_threshold: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                crate::types::FaceMatchStatus,
                ::std::string::String,
            >,
            verification_id: ::std::result::Result<
                crate::types::FaceMatchId,
                ::std::string::String,
            >,
            warnings: ::std::result::Result<
                ::std::vec::Vec<crate::types::WarningCode>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for FaceMatchResult {
            fn default() -> Self {
                Self {
                    match_: Err("no value supplied for match_".to_string()),
                    request_id: Ok(Default::default()),
                    score: Err("no value supplied for score".to_string()),
                    score_decline_threshold: Ok(Default::default()),
                    status: Err("no value supplied for status".to_string()),
                    verification_id: Err(
                        "no value supplied for verification_id".to_string(),
                    ),
                    warnings: Ok(Default::default()),
                }
            }
        }
        impl FaceMatchResult {
            pub fn match_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<bool>,
                T::Error: ::std::fmt::Display,
            {
                self.match_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for match_: {e}")
                    });
                self
            }
            pub fn request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for request_id: {e}")
                    });
                self
            }
            pub fn score<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<f64>,
                T::Error: ::std::fmt::Display,
            {
                self.score = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for score: {e}")
                    });
                self
            }
            pub fn score_decline_threshold<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<f64>>,
                T::Error: ::std::fmt::Display,
            {
                self.score_decline_threshold = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for score_decline_threshold: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::FaceMatchStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn verification_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::FaceMatchId>,
                T::Error: ::std::fmt::Display,
            {
                self.verification_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for verification_id: {e}"
                        )
                    });
                self
            }
            pub fn warnings<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<crate::types::WarningCode>>,
                T::Error: ::std::fmt::Display,
            {
                self.warnings = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for warnings: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<FaceMatchResult> for super::FaceMatchResult {
            type Error = super::error::ConversionError;
            fn try_from(
                value: FaceMatchResult,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    match_: value.match_?,
                    request_id: value.request_id?,
                    score: value.score?,
                    score_decline_threshold: value.score_decline_threshold?,
                    status: value.status?,
                    verification_id: value.verification_id?,
                    warnings: value.warnings?,
                })
            }
        }
        impl ::std::convert::From<super::FaceMatchResult> for FaceMatchResult {
            fn from(value: super::FaceMatchResult) -> Self {
                Self {
                    match_: Ok(value.match_),
                    request_id: Ok(value.request_id),
                    score: Ok(value.score),
                    score_decline_threshold: Ok(value.score_decline_threshold),
                    status: Ok(value.status),
                    verification_id: Ok(value.verification_id),
                    warnings: Ok(value.warnings),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct IdVerificationOutcome {
            subtype_0: ::std::result::Result<
                ::std::option::Option<super::IdVerificationOutcomeSubtype0>,
                ::std::string::String,
            >,
            subtype_1: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for IdVerificationOutcome {
            fn default() -> Self {
                Self {
                    subtype_0: Ok(Default::default()),
                    subtype_1: Ok(Default::default()),
                }
            }
        }
        impl IdVerificationOutcome {
            pub fn subtype_0<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::IdVerificationOutcomeSubtype0>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.subtype_0 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for subtype_0: {e}")
                    });
                self
            }
            pub fn subtype_1<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.subtype_1 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for subtype_1: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<IdVerificationOutcome>
        for super::IdVerificationOutcome {
            type Error = super::error::ConversionError;
            fn try_from(
                value: IdVerificationOutcome,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    subtype_0: value.subtype_0?,
                    subtype_1: value.subtype_1?,
                })
            }
        }
        impl ::std::convert::From<super::IdVerificationOutcome>
        for IdVerificationOutcome {
            fn from(value: super::IdVerificationOutcome) -> Self {
                Self {
                    subtype_0: Ok(value.subtype_0),
                    subtype_1: Ok(value.subtype_1),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct IdVerificationPage {
            pagination: ::std::result::Result<
                super::OffsetPagination,
                ::std::string::String,
            >,
            verifications: ::std::result::Result<
                ::std::vec::Vec<crate::types::IdVerificationRecord>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for IdVerificationPage {
            fn default() -> Self {
                Self {
                    pagination: Err("no value supplied for pagination".to_string()),
                    verifications: Err("no value supplied for verifications".to_string()),
                }
            }
        }
        impl IdVerificationPage {
            pub fn pagination<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::OffsetPagination>,
                T::Error: ::std::fmt::Display,
            {
                self.pagination = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for pagination: {e}")
                    });
                self
            }
            pub fn verifications<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<crate::types::IdVerificationRecord>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.verifications = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verifications: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<IdVerificationPage> for super::IdVerificationPage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: IdVerificationPage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    pagination: value.pagination?,
                    verifications: value.verifications?,
                })
            }
        }
        impl ::std::convert::From<super::IdVerificationPage> for IdVerificationPage {
            fn from(value: super::IdVerificationPage) -> Self {
                Self {
                    pagination: Ok(value.pagination),
                    verifications: Ok(value.verifications),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct IdVerificationRequest {
            document_back: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            document_front: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            entity_id: ::std::result::Result<
                ::std::option::Option<crate::types::EntityId>,
                ::std::string::String,
            >,
            expiration_date_not_detected_action: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            inconsistent_data_action: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            invalid_mrz_action: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            minimum_age: ::std::result::Result<
                ::std::option::Option<i32>,
                ::std::string::String,
            >,
            perform_document_liveness: ::std::result::Result<
                ::std::option::Option<
                    super::IdVerificationRequestPerformDocumentLiveness,
                >,
                ::std::string::String,
            >,
            vendor_data: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for IdVerificationRequest {
            fn default() -> Self {
                Self {
                    document_back: Ok(Default::default()),
                    document_front: Err(
                        "no value supplied for document_front".to_string(),
                    ),
                    entity_id: Ok(Default::default()),
                    expiration_date_not_detected_action: Ok(Default::default()),
                    inconsistent_data_action: Ok(Default::default()),
                    invalid_mrz_action: Ok(Default::default()),
                    minimum_age: Ok(Default::default()),
                    perform_document_liveness: Ok(Default::default()),
                    vendor_data: Ok(Default::default()),
                }
            }
        }
        impl IdVerificationRequest {
            pub fn document_back<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.document_back = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for document_back: {e}")
                    });
                self
            }
            pub fn document_front<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.document_front = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for document_front: {e}"
                        )
                    });
                self
            }
            pub fn entity_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::EntityId>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.entity_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity_id: {e}")
                    });
                self
            }
            pub fn expiration_date_not_detected_action<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.expiration_date_not_detected_action = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for expiration_date_not_detected_action: {e}"
                        )
                    });
                self
            }
            pub fn inconsistent_data_action<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.inconsistent_data_action = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for inconsistent_data_action: {e}"
                        )
                    });
                self
            }
            pub fn invalid_mrz_action<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.invalid_mrz_action = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for invalid_mrz_action: {e}"
                        )
                    });
                self
            }
            pub fn minimum_age<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i32>>,
                T::Error: ::std::fmt::Display,
            {
                self.minimum_age = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for minimum_age: {e}")
                    });
                self
            }
            pub fn perform_document_liveness<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        super::IdVerificationRequestPerformDocumentLiveness,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.perform_document_liveness = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for perform_document_liveness: {e}"
                        )
                    });
                self
            }
            pub fn vendor_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vendor_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for vendor_data: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<IdVerificationRequest>
        for super::IdVerificationRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: IdVerificationRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    document_back: value.document_back?,
                    document_front: value.document_front?,
                    entity_id: value.entity_id?,
                    expiration_date_not_detected_action: value
                        .expiration_date_not_detected_action?,
                    inconsistent_data_action: value.inconsistent_data_action?,
                    invalid_mrz_action: value.invalid_mrz_action?,
                    minimum_age: value.minimum_age?,
                    perform_document_liveness: value.perform_document_liveness?,
                    vendor_data: value.vendor_data?,
                })
            }
        }
        impl ::std::convert::From<super::IdVerificationRequest>
        for IdVerificationRequest {
            fn from(value: super::IdVerificationRequest) -> Self {
                Self {
                    document_back: Ok(value.document_back),
                    document_front: Ok(value.document_front),
                    entity_id: Ok(value.entity_id),
                    expiration_date_not_detected_action: Ok(
                        value.expiration_date_not_detected_action,
                    ),
                    inconsistent_data_action: Ok(value.inconsistent_data_action),
                    invalid_mrz_action: Ok(value.invalid_mrz_action),
                    minimum_age: Ok(value.minimum_age),
                    perform_document_liveness: Ok(value.perform_document_liveness),
                    vendor_data: Ok(value.vendor_data),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct IdVerificationResult {
            extracted_data: ::std::result::Result<
                ::std::option::Option<super::ExtractedData>,
                ::std::string::String,
            >,
            request_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                super::IdVerificationOutcome,
                ::std::string::String,
            >,
            vendor_data: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            verification_id: ::std::result::Result<
                crate::types::IdVerificationId,
                ::std::string::String,
            >,
            warnings: ::std::result::Result<
                ::std::vec::Vec<crate::types::WarningCode>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for IdVerificationResult {
            fn default() -> Self {
                Self {
                    extracted_data: Ok(Default::default()),
                    request_id: Ok(Default::default()),
                    status: Err("no value supplied for status".to_string()),
                    vendor_data: Ok(Default::default()),
                    verification_id: Err(
                        "no value supplied for verification_id".to_string(),
                    ),
                    warnings: Ok(Default::default()),
                }
            }
        }
        impl IdVerificationResult {
            pub fn extracted_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ExtractedData>>,
                T::Error: ::std::fmt::Display,
            {
                self.extracted_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for extracted_data: {e}"
                        )
                    });
                self
            }
            pub fn request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for request_id: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::IdVerificationOutcome>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn vendor_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vendor_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for vendor_data: {e}")
                    });
                self
            }
            pub fn verification_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::IdVerificationId>,
                T::Error: ::std::fmt::Display,
            {
                self.verification_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for verification_id: {e}"
                        )
                    });
                self
            }
            pub fn warnings<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<crate::types::WarningCode>>,
                T::Error: ::std::fmt::Display,
            {
                self.warnings = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for warnings: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<IdVerificationResult>
        for super::IdVerificationResult {
            type Error = super::error::ConversionError;
            fn try_from(
                value: IdVerificationResult,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    extracted_data: value.extracted_data?,
                    request_id: value.request_id?,
                    status: value.status?,
                    vendor_data: value.vendor_data?,
                    verification_id: value.verification_id?,
                    warnings: value.warnings?,
                })
            }
        }
        impl ::std::convert::From<super::IdVerificationResult> for IdVerificationResult {
            fn from(value: super::IdVerificationResult) -> Self {
                Self {
                    extracted_data: Ok(value.extracted_data),
                    request_id: Ok(value.request_id),
                    status: Ok(value.status),
                    vendor_data: Ok(value.vendor_data),
                    verification_id: Ok(value.verification_id),
                    warnings: Ok(value.warnings),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct KycWebhookEvent {
            event: ::std::result::Result<
                crate::types::WebhookEventType,
                ::std::string::String,
            >,
            organization_id: ::std::result::Result<
                ::std::option::Option<super::OrganizationId>,
                ::std::string::String,
            >,
            payload: ::std::result::Result<
                super::KycWebhookPayload,
                ::std::string::String,
            >,
            timestamp: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for KycWebhookEvent {
            fn default() -> Self {
                Self {
                    event: Err("no value supplied for event".to_string()),
                    organization_id: Ok(Default::default()),
                    payload: Err("no value supplied for payload".to_string()),
                    timestamp: Ok(Default::default()),
                }
            }
        }
        impl KycWebhookEvent {
            pub fn event<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::WebhookEventType>,
                T::Error: ::std::fmt::Display,
            {
                self.event = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for event: {e}")
                    });
                self
            }
            pub fn organization_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::OrganizationId>>,
                T::Error: ::std::fmt::Display,
            {
                self.organization_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for organization_id: {e}"
                        )
                    });
                self
            }
            pub fn payload<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::KycWebhookPayload>,
                T::Error: ::std::fmt::Display,
            {
                self.payload = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for payload: {e}")
                    });
                self
            }
            pub fn timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timestamp: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<KycWebhookEvent> for super::KycWebhookEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: KycWebhookEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    event: value.event?,
                    organization_id: value.organization_id?,
                    payload: value.payload?,
                    timestamp: value.timestamp?,
                })
            }
        }
        impl ::std::convert::From<super::KycWebhookEvent> for KycWebhookEvent {
            fn from(value: super::KycWebhookEvent) -> Self {
                Self {
                    event: Ok(value.event),
                    organization_id: Ok(value.organization_id),
                    payload: Ok(value.payload),
                    timestamp: Ok(value.timestamp),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct KycWebhookPayload {
            biometric_result: ::std::result::Result<
                ::std::option::Option<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                ::std::string::String,
            >,
            created_at: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            decision: ::std::result::Result<
                ::std::option::Option<super::Decision>,
                ::std::string::String,
            >,
            documents_verified: ::std::result::Result<
                ::std::vec::Vec<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                ::std::string::String,
            >,
            entity: ::std::result::Result<
                ::std::option::Option<crate::types::Entity>,
                ::std::string::String,
            >,
            entity_id: ::std::result::Result<
                crate::types::EntityId,
                ::std::string::String,
            >,
            expires_at: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            extracted_data: ::std::result::Result<
                ::std::option::Option<super::ExtractedData>,
                ::std::string::String,
            >,
            id: ::std::result::Result<crate::types::ValidationId, ::std::string::String>,
            is_current: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            metadata: ::std::result::Result<
                ::std::option::Option<super::ValidationMetadata>,
                ::std::string::String,
            >,
            organization_id: ::std::result::Result<
                ::std::option::Option<super::OrganizationId>,
                ::std::string::String,
            >,
            provider: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            provider_session_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            risk_assessment: ::std::result::Result<
                ::std::option::Option<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                ::std::string::String,
            >,
            session_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                crate::types::ValidationStatus,
                ::std::string::String,
            >,
            updated_at: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            validation_session_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            verified_at: ::std::result::Result<
                ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                ::std::string::String,
            >,
            verified_fields: ::std::result::Result<
                ::std::vec::Vec<super::VerifiedField>,
                ::std::string::String,
            >,
            warnings: ::std::result::Result<
                ::std::vec::Vec<crate::types::WarningCode>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for KycWebhookPayload {
            fn default() -> Self {
                Self {
                    biometric_result: Ok(Default::default()),
                    created_at: Ok(Default::default()),
                    decision: Ok(Default::default()),
                    documents_verified: Ok(Default::default()),
                    entity: Ok(Default::default()),
                    entity_id: Err("no value supplied for entity_id".to_string()),
                    expires_at: Ok(Default::default()),
                    extracted_data: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    is_current: Ok(Default::default()),
                    metadata: Ok(Default::default()),
                    organization_id: Ok(Default::default()),
                    provider: Ok(Default::default()),
                    provider_session_url: Ok(Default::default()),
                    risk_assessment: Ok(Default::default()),
                    session_id: Ok(Default::default()),
                    status: Err("no value supplied for status".to_string()),
                    updated_at: Ok(Default::default()),
                    validation_session_id: Ok(Default::default()),
                    verified_at: Ok(Default::default()),
                    verified_fields: Ok(Default::default()),
                    warnings: Ok(Default::default()),
                }
            }
        }
        impl KycWebhookPayload {
            pub fn biometric_result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.biometric_result = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for biometric_result: {e}"
                        )
                    });
                self
            }
            pub fn created_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.created_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for created_at: {e}")
                    });
                self
            }
            pub fn decision<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Decision>>,
                T::Error: ::std::fmt::Display,
            {
                self.decision = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for decision: {e}")
                    });
                self
            }
            pub fn documents_verified<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<
                        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.documents_verified = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for documents_verified: {e}"
                        )
                    });
                self
            }
            pub fn entity<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::types::Entity>>,
                T::Error: ::std::fmt::Display,
            {
                self.entity = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity: {e}")
                    });
                self
            }
            pub fn entity_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::EntityId>,
                T::Error: ::std::fmt::Display,
            {
                self.entity_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity_id: {e}")
                    });
                self
            }
            pub fn expires_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.expires_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for expires_at: {e}")
                    });
                self
            }
            pub fn extracted_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ExtractedData>>,
                T::Error: ::std::fmt::Display,
            {
                self.extracted_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for extracted_data: {e}"
                        )
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ValidationId>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn is_current<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.is_current = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for is_current: {e}")
                    });
                self
            }
            pub fn metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::ValidationMetadata>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for metadata: {e}")
                    });
                self
            }
            pub fn organization_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::OrganizationId>>,
                T::Error: ::std::fmt::Display,
            {
                self.organization_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for organization_id: {e}"
                        )
                    });
                self
            }
            pub fn provider<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.provider = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for provider: {e}")
                    });
                self
            }
            pub fn provider_session_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.provider_session_url = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for provider_session_url: {e}"
                        )
                    });
                self
            }
            pub fn risk_assessment<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.risk_assessment = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for risk_assessment: {e}"
                        )
                    });
                self
            }
            pub fn session_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.session_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for session_id: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ValidationStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn updated_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.updated_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for updated_at: {e}")
                    });
                self
            }
            pub fn validation_session_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.validation_session_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for validation_session_id: {e}"
                        )
                    });
                self
            }
            pub fn verified_at<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.verified_at = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verified_at: {e}")
                    });
                self
            }
            pub fn verified_fields<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::VerifiedField>>,
                T::Error: ::std::fmt::Display,
            {
                self.verified_fields = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for verified_fields: {e}"
                        )
                    });
                self
            }
            pub fn warnings<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<crate::types::WarningCode>>,
                T::Error: ::std::fmt::Display,
            {
                self.warnings = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for warnings: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<KycWebhookPayload> for super::KycWebhookPayload {
            type Error = super::error::ConversionError;
            fn try_from(
                value: KycWebhookPayload,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    biometric_result: value.biometric_result?,
                    created_at: value.created_at?,
                    decision: value.decision?,
                    documents_verified: value.documents_verified?,
                    entity: value.entity?,
                    entity_id: value.entity_id?,
                    expires_at: value.expires_at?,
                    extracted_data: value.extracted_data?,
                    id: value.id?,
                    is_current: value.is_current?,
                    metadata: value.metadata?,
                    organization_id: value.organization_id?,
                    provider: value.provider?,
                    provider_session_url: value.provider_session_url?,
                    risk_assessment: value.risk_assessment?,
                    session_id: value.session_id?,
                    status: value.status?,
                    updated_at: value.updated_at?,
                    validation_session_id: value.validation_session_id?,
                    verified_at: value.verified_at?,
                    verified_fields: value.verified_fields?,
                    warnings: value.warnings?,
                })
            }
        }
        impl ::std::convert::From<super::KycWebhookPayload> for KycWebhookPayload {
            fn from(value: super::KycWebhookPayload) -> Self {
                Self {
                    biometric_result: Ok(value.biometric_result),
                    created_at: Ok(value.created_at),
                    decision: Ok(value.decision),
                    documents_verified: Ok(value.documents_verified),
                    entity: Ok(value.entity),
                    entity_id: Ok(value.entity_id),
                    expires_at: Ok(value.expires_at),
                    extracted_data: Ok(value.extracted_data),
                    id: Ok(value.id),
                    is_current: Ok(value.is_current),
                    metadata: Ok(value.metadata),
                    organization_id: Ok(value.organization_id),
                    provider: Ok(value.provider),
                    provider_session_url: Ok(value.provider_session_url),
                    risk_assessment: Ok(value.risk_assessment),
                    session_id: Ok(value.session_id),
                    status: Ok(value.status),
                    updated_at: Ok(value.updated_at),
                    validation_session_id: Ok(value.validation_session_id),
                    verified_at: Ok(value.verified_at),
                    verified_fields: Ok(value.verified_fields),
                    warnings: Ok(value.warnings),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LegacyKycWebhookData {
            entity: ::std::result::Result<
                ::std::option::Option<super::EntitySummary>,
                ::std::string::String,
            >,
            entity_id: ::std::result::Result<
                ::std::option::Option<crate::types::EntityId>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                crate::types::ValidationStatus,
                ::std::string::String,
            >,
            validation_id: ::std::result::Result<
                crate::types::ValidationId,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LegacyKycWebhookData {
            fn default() -> Self {
                Self {
                    entity: Ok(Default::default()),
                    entity_id: Ok(Default::default()),
                    status: Err("no value supplied for status".to_string()),
                    validation_id: Err("no value supplied for validation_id".to_string()),
                }
            }
        }
        impl LegacyKycWebhookData {
            pub fn entity<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::EntitySummary>>,
                T::Error: ::std::fmt::Display,
            {
                self.entity = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity: {e}")
                    });
                self
            }
            pub fn entity_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::types::EntityId>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.entity_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entity_id: {e}")
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ValidationStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn validation_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ValidationId>,
                T::Error: ::std::fmt::Display,
            {
                self.validation_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for validation_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LegacyKycWebhookData>
        for super::LegacyKycWebhookData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LegacyKycWebhookData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    entity: value.entity?,
                    entity_id: value.entity_id?,
                    status: value.status?,
                    validation_id: value.validation_id?,
                })
            }
        }
        impl ::std::convert::From<super::LegacyKycWebhookData> for LegacyKycWebhookData {
            fn from(value: super::LegacyKycWebhookData) -> Self {
                Self {
                    entity: Ok(value.entity),
                    entity_id: Ok(value.entity_id),
                    status: Ok(value.status),
                    validation_id: Ok(value.validation_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LegacyKycWebhookEvent {
            data: ::std::result::Result<
                super::LegacyKycWebhookData,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                crate::types::WebhookEventType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LegacyKycWebhookEvent {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl LegacyKycWebhookEvent {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LegacyKycWebhookData>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::WebhookEventType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LegacyKycWebhookEvent>
        for super::LegacyKycWebhookEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LegacyKycWebhookEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    data: value.data?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::LegacyKycWebhookEvent>
        for LegacyKycWebhookEvent {
            fn from(value: super::LegacyKycWebhookEvent) -> Self {
                Self {
                    data: Ok(value.data),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct OffsetPagination {
            limit: ::std::result::Result<i32, ::std::string::String>,
            offset: ::std::result::Result<i32, ::std::string::String>,
            total: ::std::result::Result<i64, ::std::string::String>,
        }
        impl ::std::default::Default for OffsetPagination {
            fn default() -> Self {
                Self {
                    limit: Err("no value supplied for limit".to_string()),
                    offset: Err("no value supplied for offset".to_string()),
                    total: Err("no value supplied for total".to_string()),
                }
            }
        }
        impl OffsetPagination {
            pub fn limit<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i32>,
                T::Error: ::std::fmt::Display,
            {
                self.limit = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for limit: {e}")
                    });
                self
            }
            pub fn offset<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i32>,
                T::Error: ::std::fmt::Display,
            {
                self.offset = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for offset: {e}")
                    });
                self
            }
            pub fn total<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.total = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for total: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<OffsetPagination> for super::OffsetPagination {
            type Error = super::error::ConversionError;
            fn try_from(
                value: OffsetPagination,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    limit: value.limit?,
                    offset: value.offset?,
                    total: value.total?,
                })
            }
        }
        impl ::std::convert::From<super::OffsetPagination> for OffsetPagination {
            fn from(value: super::OffsetPagination) -> Self {
                Self {
                    limit: Ok(value.limit),
                    offset: Ok(value.offset),
                    total: Ok(value.total),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PersonData {
            address: ::std::result::Result<
                ::std::option::Option<super::PersonDataAddress>,
                ::std::string::String,
            >,
            date_of_birth: ::std::result::Result<
                ::std::option::Option<::chrono::naive::NaiveDate>,
                ::std::string::String,
            >,
            first_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            income: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
            last_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            nationality: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            occupation: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PersonData {
            fn default() -> Self {
                Self {
                    address: Ok(Default::default()),
                    date_of_birth: Ok(Default::default()),
                    first_name: Ok(Default::default()),
                    income: Ok(Default::default()),
                    last_name: Ok(Default::default()),
                    nationality: Ok(Default::default()),
                    occupation: Ok(Default::default()),
                }
            }
        }
        impl PersonData {
            pub fn address<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::PersonDataAddress>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address: {e}")
                    });
                self
            }
            pub fn date_of_birth<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::chrono::naive::NaiveDate>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.date_of_birth = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for date_of_birth: {e}")
                    });
                self
            }
            pub fn first_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.first_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for first_name: {e}")
                    });
                self
            }
            pub fn income<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<f64>>,
                T::Error: ::std::fmt::Display,
            {
                self.income = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for income: {e}")
                    });
                self
            }
            pub fn last_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.last_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last_name: {e}")
                    });
                self
            }
            pub fn nationality<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.nationality = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for nationality: {e}")
                    });
                self
            }
            pub fn occupation<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.occupation = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for occupation: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PersonData> for super::PersonData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PersonData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    address: value.address?,
                    date_of_birth: value.date_of_birth?,
                    first_name: value.first_name?,
                    income: value.income?,
                    last_name: value.last_name?,
                    nationality: value.nationality?,
                    occupation: value.occupation?,
                })
            }
        }
        impl ::std::convert::From<super::PersonData> for PersonData {
            fn from(value: super::PersonData) -> Self {
                Self {
                    address: Ok(value.address),
                    date_of_birth: Ok(value.date_of_birth),
                    first_name: Ok(value.first_name),
                    income: Ok(value.income),
                    last_name: Ok(value.last_name),
                    nationality: Ok(value.nationality),
                    occupation: Ok(value.occupation),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct SyncValidationRequest {
            force: ::std::result::Result<bool, ::std::string::String>,
        }
        impl ::std::default::Default for SyncValidationRequest {
            fn default() -> Self {
                Self {
                    force: Ok(Default::default()),
                }
            }
        }
        impl SyncValidationRequest {
            pub fn force<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<bool>,
                T::Error: ::std::fmt::Display,
            {
                self.force = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for force: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<SyncValidationRequest>
        for super::SyncValidationRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: SyncValidationRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { force: value.force? })
            }
        }
        impl ::std::convert::From<super::SyncValidationRequest>
        for SyncValidationRequest {
            fn from(value: super::SyncValidationRequest) -> Self {
                Self { force: Ok(value.force) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ValidationMetadata {
            approval_reason: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            cancellation_reason: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            integration_code: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            integration_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            manually_approved_by: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            manually_rejected_by: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            rejection_reason: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            response_double_checks: ::std::result::Result<
                ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ValidationMetadata {
            fn default() -> Self {
                Self {
                    approval_reason: Ok(Default::default()),
                    cancellation_reason: Ok(Default::default()),
                    integration_code: Ok(Default::default()),
                    integration_name: Ok(Default::default()),
                    manually_approved_by: Ok(Default::default()),
                    manually_rejected_by: Ok(Default::default()),
                    rejection_reason: Ok(Default::default()),
                    response_double_checks: Ok(Default::default()),
                }
            }
        }
        impl ValidationMetadata {
            pub fn approval_reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.approval_reason = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for approval_reason: {e}"
                        )
                    });
                self
            }
            pub fn cancellation_reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.cancellation_reason = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cancellation_reason: {e}"
                        )
                    });
                self
            }
            pub fn integration_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.integration_code = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for integration_code: {e}"
                        )
                    });
                self
            }
            pub fn integration_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.integration_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for integration_name: {e}"
                        )
                    });
                self
            }
            pub fn manually_approved_by<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.manually_approved_by = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for manually_approved_by: {e}"
                        )
                    });
                self
            }
            pub fn manually_rejected_by<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.manually_rejected_by = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for manually_rejected_by: {e}"
                        )
                    });
                self
            }
            pub fn rejection_reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.rejection_reason = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for rejection_reason: {e}"
                        )
                    });
                self
            }
            pub fn response_double_checks<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.response_double_checks = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for response_double_checks: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ValidationMetadata> for super::ValidationMetadata {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ValidationMetadata,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    approval_reason: value.approval_reason?,
                    cancellation_reason: value.cancellation_reason?,
                    integration_code: value.integration_code?,
                    integration_name: value.integration_name?,
                    manually_approved_by: value.manually_approved_by?,
                    manually_rejected_by: value.manually_rejected_by?,
                    rejection_reason: value.rejection_reason?,
                    response_double_checks: value.response_double_checks?,
                })
            }
        }
        impl ::std::convert::From<super::ValidationMetadata> for ValidationMetadata {
            fn from(value: super::ValidationMetadata) -> Self {
                Self {
                    approval_reason: Ok(value.approval_reason),
                    cancellation_reason: Ok(value.cancellation_reason),
                    integration_code: Ok(value.integration_code),
                    integration_name: Ok(value.integration_name),
                    manually_approved_by: Ok(value.manually_approved_by),
                    manually_rejected_by: Ok(value.manually_rejected_by),
                    rejection_reason: Ok(value.rejection_reason),
                    response_double_checks: Ok(value.response_double_checks),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ValidationPage {
            limit: ::std::result::Result<::std::num::NonZeroU32, ::std::string::String>,
            page: ::std::result::Result<::std::num::NonZeroU32, ::std::string::String>,
            total: ::std::result::Result<i64, ::std::string::String>,
            validations: ::std::result::Result<
                ::std::vec::Vec<crate::types::Validation>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ValidationPage {
            fn default() -> Self {
                Self {
                    limit: Err("no value supplied for limit".to_string()),
                    page: Err("no value supplied for page".to_string()),
                    total: Err("no value supplied for total".to_string()),
                    validations: Err("no value supplied for validations".to_string()),
                }
            }
        }
        impl ValidationPage {
            pub fn limit<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::num::NonZeroU32>,
                T::Error: ::std::fmt::Display,
            {
                self.limit = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for limit: {e}")
                    });
                self
            }
            pub fn page<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::num::NonZeroU32>,
                T::Error: ::std::fmt::Display,
            {
                self.page = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for page: {e}")
                    });
                self
            }
            pub fn total<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.total = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for total: {e}")
                    });
                self
            }
            pub fn validations<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<crate::types::Validation>>,
                T::Error: ::std::fmt::Display,
            {
                self.validations = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for validations: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ValidationPage> for super::ValidationPage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ValidationPage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    limit: value.limit?,
                    page: value.page?,
                    total: value.total?,
                    validations: value.validations?,
                })
            }
        }
        impl ::std::convert::From<super::ValidationPage> for ValidationPage {
            fn from(value: super::ValidationPage) -> Self {
                Self {
                    limit: Ok(value.limit),
                    page: Ok(value.page),
                    total: Ok(value.total),
                    validations: Ok(value.validations),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for gu1 KYC API

Identity verification (KYC) for person entities at gu1.

A KYC **validation** is a hosted verification session for one person entity: create it, send the
customer its `providerSessionUrl`, and learn the outcome from webhooks or by reading the validation.
Document-only checks (**ID verification**) and selfie-to-document comparisons (**face match**) are
separate, synchronous calls that keep an audit record with the stored images.

This document is curated by hand from gu1's public documentation. Where the documentation
contradicts itself or leaves a gap, the choice made here is recorded in `openapi/DECISIONS.md`.

**Authentication.** Every request carries `Authorization: Bearer <API_KEY>`. Accounts that are
organization-scoped also send `X-Organization-Id: <organization id>`, which selects the organization
and with it the environment (production or sandbox).

**Errors.** Every error has the body `{"error": "<CODE>", "message": "<human text>"}`. Codes are an
open set: clients must accept codes that this document does not list.

**Enumerations owned by the server** (statuses, event types, warning codes, ...) are open: each is
encoded as the documented values *or any other string*, and clients must keep a value they do not
know instead of failing. Such schemas carry `x-open-enum: true`.

**Webhooks.** OpenAPI 3.0 has no webhooks section; the events gu1 posts to your endpoint are described
under `x-webhooks`, a map of Path Item objects (the shape of OpenAPI 3.1's `webhooks`), with the
component schemas `KycWebhookEvent` and `LegacyKycWebhookEvent` as bodies.


Version: 1.0.0*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::call::hooks::CallState,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::call::hooks::CallState) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::call::hooks::CallState,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::call::hooks::CallState> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::call::hooks::CallState {
        &self.inner
    }
}
impl ClientHooks<crate::call::hooks::CallState> for &Client {}
impl Client {
    /**Get the current validation of an entity

Returns the entity's current validation: the most recent one with `isCurrent: true` (there is at
most one per entity). Syncs with the provider first when its images are older than 3.5 hours.
Manual approve, reject and cancel decisions are never overwritten by webhooks or syncs.

404 when the entity does not exist, or when it has no current validation (never validated, or
every validation was demoted or ended).


Sends a `GET` request to `/api/kyc/entities/{entityId}/current`

Arguments:
- `entity_id`: The person entity's ID.
```text
let response = client.get_current_validation()
    .entity_id(entity_id)
    .send()
    .await;
```*/
    pub fn get_current_validation(&self) -> builder::GetCurrentValidation<'_> {
        builder::GetCurrentValidation::new(self)
    }
    /**Get the KYC status summary of an entity

A summary of the entity's KYC state: whether it has a validation, whether it is verified, its
current validation, when it was last verified, and whether it needs re-verification.


Sends a `GET` request to `/api/kyc/entities/{entityId}/status`

Arguments:
- `entity_id`: The person entity's ID.
```text
let response = client.get_entity_kyc_status()
    .entity_id(entity_id)
    .send()
    .await;
```*/
    pub fn get_entity_kyc_status(&self) -> builder::GetEntityKycStatus<'_> {
        builder::GetEntityKycStatus::new(self)
    }
    /**List the validation history of an entity

Every validation of the entity, current and historical, newest first (by `createdAt`). Records
are kept indefinitely. Use `status` and `isCurrent` to narrow the list and `page`/`limit` to page
through it.


Sends a `GET` request to `/api/kyc/entities/{entityId}/validations`

Arguments:
- `entity_id`: The person entity's ID.
- `is_current`: `true`: only the current validation; `false`: only historical ones.
- `limit`: Validations per page (at most 100).
- `page`: Page number, starting at 1.
- `status`: Only validations with this status.
```text
let response = client.list_entity_validations()
    .entity_id(entity_id)
    .is_current(is_current)
    .limit(limit)
    .page(page)
    .status(status)
    .send()
    .await;
```*/
    pub fn list_entity_validations(&self) -> builder::ListEntityValidations<'_> {
        builder::ListEntityValidations::new(self)
    }
    /**List face-match audit records

The organization's face-match records, newest first. gu1's docs reference this list without
giving its parameters; it is modelled on the ID-verification list (`entityId`, `withoutEntity`,
`status`, `limit`, `offset`).


Sends a `GET` request to `/api/kyc/face-match/verifications`

Arguments:
- `entity_id`: Only records linked to this person entity.
- `limit`: Records per page (at most 100).
- `offset`: How many records to skip.
- `status`: Only records with this status.
- `without_entity`: If `true`, only records with no associated entity.
```text
let response = client.list_face_matches()
    .entity_id(entity_id)
    .limit(limit)
    .offset(offset)
    .status(status)
    .without_entity(without_entity)
    .send()
    .await;
```*/
    pub fn list_face_matches(&self) -> builder::ListFaceMatches<'_> {
        builder::ListFaceMatches::new(self)
    }
    /**Get one face-match audit record

One face-match record by its ID (the `verificationId` of the comparison).

Sends a `GET` request to `/api/kyc/face-match/verifications/{id}`

Arguments:
- `id`: The face-match record's ID (the `verificationId` of the comparison).
```text
let response = client.get_face_match()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_face_match(&self) -> builder::GetFaceMatch<'_> {
        builder::GetFaceMatch::new(self)
    }
    /**Download the stored document image of a face match

Streams the stored reference (document) image; 404 when the record or the image is not stored.

Sends a `GET` request to `/api/kyc/face-match/verifications/{id}/document-image`

Arguments:
- `id`: The face-match record's ID (the `verificationId` of the comparison).
```text
let response = client.get_face_match_document_image()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_face_match_document_image(
        &self,
    ) -> builder::GetFaceMatchDocumentImage<'_> {
        builder::GetFaceMatchDocumentImage::new(self)
    }
    /**Download the stored selfie of a face match

Streams the stored selfie; 404 when the record or the image is not stored.

Sends a `GET` request to `/api/kyc/face-match/verifications/{id}/selfie-image`

Arguments:
- `id`: The face-match record's ID (the `verificationId` of the comparison).
```text
let response = client.get_face_match_selfie_image()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_face_match_selfie_image(&self) -> builder::GetFaceMatchSelfieImage<'_> {
        builder::GetFaceMatchSelfieImage::new(self)
    }
    /**List ID-verification audit records

The organization's ID-verification records, newest first, with optional filters. Records never
name third-party providers.


Sends a `GET` request to `/api/kyc/id-verification/verifications`

Arguments:
- `entity_id`: Only records linked to this person entity.
- `limit`: Records per page (at most 100).
- `offset`: How many records to skip.
- `status`: Only records with this status (`approved`, `declined` or `failed`).
- `without_entity`: If `true`, only records with no associated entity.
```text
let response = client.list_id_verifications()
    .entity_id(entity_id)
    .limit(limit)
    .offset(offset)
    .status(status)
    .without_entity(without_entity)
    .send()
    .await;
```*/
    pub fn list_id_verifications(&self) -> builder::ListIdVerifications<'_> {
        builder::ListIdVerifications::new(self)
    }
    /**Get one ID-verification audit record

One record by its ID (the `verificationId` of the upload), with its full `extractedData`.

Sends a `GET` request to `/api/kyc/id-verification/verifications/{id}`

Arguments:
- `id`: The ID-verification record's ID (the `verificationId` of the upload).
```text
let response = client.get_id_verification()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_id_verification(&self) -> builder::GetIdVerification<'_> {
        builder::GetIdVerification::new(self)
    }
    /**Download the stored back image of a document

Streams the stored back image of the document; 404 when the record is not found or no back image was stored. Needs `kyc:read`.

Sends a `GET` request to `/api/kyc/id-verification/verifications/{id}/document-back-image`

Arguments:
- `id`: The ID-verification record's ID (the `verificationId` of the upload).
```text
let response = client.get_id_verification_back_image()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_id_verification_back_image(
        &self,
    ) -> builder::GetIdVerificationBackImage<'_> {
        builder::GetIdVerificationBackImage::new(self)
    }
    /**Download the stored front image of a document

Streams the stored front image of the document; 404 when the record or the image is not stored. Needs `kyc:read`.

Sends a `GET` request to `/api/kyc/id-verification/verifications/{id}/document-front-image`

Arguments:
- `id`: The ID-verification record's ID (the `verificationId` of the upload).
```text
let response = client.get_id_verification_front_image()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_id_verification_front_image(
        &self,
    ) -> builder::GetIdVerificationFrontImage<'_> {
        builder::GetIdVerificationFrontImage::new(self)
    }
    /**List validations across the organization

Lists the validations of every entity in the organization, newest first ("organization-wide
analytics").

**Partly documented.** gu1's docs name this endpoint only in a comparison table on the
list-validations page; no page gives its parameters or response. This operation is modelled on
`GET /api/kyc/entities/{entityId}/validations` (same envelope, `page`/`limit`/`status`/`isCurrent`)
plus an `entityId` filter, and is marked `x-stability: undocumented`.


Sends a `GET` request to `/api/kyc/validations`

Arguments:
- `entity_id`: Only validations of this entity.
- `is_current`: `true`: only the current validation; `false`: only historical ones.
- `limit`: Validations per page (at most 100).
- `page`: Page number, starting at 1.
- `status`: Only validations with this status.
```text
let response = client.list_validations()
    .entity_id(entity_id)
    .is_current(is_current)
    .limit(limit)
    .page(page)
    .status(status)
    .send()
    .await;
```*/
    pub fn list_validations(&self) -> builder::ListValidations<'_> {
        builder::ListValidations::new(self)
    }
    /**Create a KYC validation

Starts a hosted identity-verification session for an existing **person** entity and returns the
verification URL (`providerSessionUrl`) to share with the customer. The new validation becomes the
entity's current one (`isCurrent: true`); the previous current validation is demoted.

In the sandbox, when the entity's normalized `taxId` is a test number (`99990001` is approved),
no provider session is created: the validation is answered `pending` and moves to the mapped
outcome shortly afterwards, with webhooks.

The result arrives by webhook: one of `kyc.validation_approved`, `_rejected`, `_abandoned`,
`_expired` or `_cancelled`. The URL stays valid until `expiresAt`.


Sends a `POST` request to `/api/kyc/validations`

```text
let response = client.create_validation()
    .body(body)
    .send()
    .await;
```*/
    pub fn create_validation(&self) -> builder::CreateValidation<'_> {
        builder::CreateValidation::new(self)
    }
    /**Get a validation, including its verification URL

Returns one validation: its status, the verification URL to (re)send to the customer and, once
completed, the decision and extracted data. Reading a validation whose provider images are older
than 3.5 hours syncs it with the provider first.


Sends a `GET` request to `/api/kyc/validations/{id}`

Arguments:
- `id`: The validation's ID, as returned when it was created.
```text
let response = client.get_validation()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_validation(&self) -> builder::GetValidation<'_> {
        builder::GetValidation::new(self)
    }
    /**Approve a validation manually

A compliance decision on a validation in `in_review`: syncs with the provider first, then sets
`status` to `approved`, stamps `verifiedAt` and stores the reason in the metadata and the audit log.
With `doubleCheckRenaper`, the RENAPER result already stored is reused, not re-run. Manual
decisions are never overwritten by later webhooks or syncs.


Sends a `POST` request to `/api/kyc/validations/{id}/approve`

Arguments:
- `id`: The validation's ID, as returned when it was created.
- `body`
```text
let response = client.approve_validation()
    .id(id)
    .body(body)
    .send()
    .await;
```*/
    pub fn approve_validation(&self) -> builder::ApproveValidation<'_> {
        builder::ApproveValidation::new(self)
    }
    /**Cancel a validation

Cancels a validation in `pending`, `in_progress` or `in_review`: sets `status` to `cancelled` and
`isCurrent` to `false`, deletes the provider session (the URL stops working) and stores the reason.
Irreversible: create a new validation afterwards.

This is a `DELETE` **with a JSON body**; some HTTP stacks drop such bodies, so send it explicitly.


Sends a `DELETE` request to `/api/kyc/validations/{id}/cancel`

Arguments:
- `id`: The validation's ID, as returned when it was created.
- `body`
```text
let response = client.cancel_validation()
    .id(id)
    .body(body)
    .send()
    .await;
```*/
    pub fn cancel_validation(&self) -> builder::CancelValidation<'_> {
        builder::CancelValidation::new(self)
    }
    /**Download a media file of a validation session

Streams one image or video of a session validation (`global_gueno_validation_kyc`) by its storage
key, a `kyc/...` string taken from the validation's `decision`. Access is scoped to the
organization and the validation and needs `kyc:read`. Older validations hold short-lived HTTPS URLs
in `decision` instead of keys: those are fetched directly and are not valid keys.


Sends a `GET` request to `/api/kyc/validations/{id}/media`

Arguments:
- `id`: The validation's ID, as returned when it was created.
- `key`: Storage key from the validation's `decision`, e.g. `kyc/.../front.jpg` (URL-encoded on the wire).
```text
let response = client.get_validation_media()
    .id(id)
    .key(key)
    .send()
    .await;
```*/
    pub fn get_validation_media(&self) -> builder::GetValidationMedia<'_> {
        builder::GetValidationMedia::new(self)
    }
    /**Reject a validation manually

A compliance decision on a validation in `in_review`: syncs with the provider first, then sets
`status` to `rejected` and `isCurrent` to `false`, and stores the reason in the metadata and the
audit log.


Sends a `POST` request to `/api/kyc/validations/{id}/reject`

Arguments:
- `id`: The validation's ID, as returned when it was created.
- `body`
```text
let response = client.reject_validation()
    .id(id)
    .body(body)
    .send()
    .await;
```*/
    pub fn reject_validation(&self) -> builder::RejectValidation<'_> {
        builder::RejectValidation::new(self)
    }
    /**Sync a validation with the provider

Fetches the provider's latest data for the validation: refreshes the provider's image URLs (they
expire after about 4 hours) and updates the status if the provider has decided. A manual approve,
reject or cancel is never overwritten. Syncing consumes no credits.

Validations without a provider session (sandbox test numbers) answer 400.


Sends a `POST` request to `/api/kyc/validations/{id}/sync`

Arguments:
- `id`: The validation's ID, as returned when it was created.
- `body`
```text
let response = client.sync_validation()
    .id(id)
    .body(body)
    .send()
    .await;
```*/
    pub fn sync_validation(&self) -> builder::SyncValidation<'_> {
        builder::SyncValidation::new(self)
    }
    /**List entities

Entities of the organization matching every given filter, up to 100 per request.

Sends a `GET` request to `/entities`

Arguments:
- `country`: Only entities of this ISO 3166-1 alpha-2 country.
- `external_id`: Only entities with this external ID.
- `tax_id`: Only entities with this tax ID.
- `type_`: Only entities of this type.
```text
let response = client.list_entities()
    .country(country)
    .external_id(external_id)
    .tax_id(tax_id)
    .type_(type_)
    .send()
    .await;
```*/
    pub fn list_entities(&self) -> builder::ListEntities<'_> {
        builder::ListEntities::new(self)
    }
    /**Create a person entity

Creates an entity; KYC validations need a `person`. The `taxId` is validated for the country and
normalized (dots, dashes, slashes and spaces removed): an Argentine person has a DNI of 8 digits
or a CUIL of 11, a Brazilian person a CPF of 9 to 11 digits. A `taxId` already used in the
organization is answered 409. In the sandbox, the `taxId` selects the outcome of a validation.


Sends a `POST` request to `/entities`

```text
let response = client.create_entity()
    .body(body)
    .send()
    .await;
```*/
    pub fn create_entity(&self) -> builder::CreateEntity<'_> {
        builder::CreateEntity::new(self)
    }
    /**Get an entity by your external ID

One entity by the `externalId` you gave it.

Sends a `GET` request to `/entities/by-external-id/{externalId}`

Arguments:
- `external_id`: Your own ID for the entity.
```text
let response = client.get_entity_by_external_id()
    .external_id(external_id)
    .send()
    .await;
```*/
    pub fn get_entity_by_external_id(&self) -> builder::GetEntityByExternalId<'_> {
        builder::GetEntityByExternalId::new(self)
    }
    /**Get an entity by tax ID

One entity by its tax ID (normalized the same way as on creation).

Sends a `GET` request to `/entities/by-tax-id/{taxId}`

Arguments:
- `tax_id`: The entity's tax ID.
```text
let response = client.get_entity_by_tax_id()
    .tax_id(tax_id)
    .send()
    .await;
```*/
    pub fn get_entity_by_tax_id(&self) -> builder::GetEntityByTaxId<'_> {
        builder::GetEntityByTaxId::new(self)
    }
    /**Get an entity by ID

One entity by its gu1 ID.

Sends a `GET` request to `/entities/{id}`

Arguments:
- `id`: The entity's ID.
```text
let response = client.get_entity()
    .id(id)
    .send()
    .await;
```*/
    pub fn get_entity(&self) -> builder::GetEntity<'_> {
        builder::GetEntity::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::get_current_validation`]

[`Client::get_current_validation`]: super::Client::get_current_validation*/
    #[derive(Debug, Clone)]
    pub struct GetCurrentValidation<'a> {
        client: &'a super::Client,
        entity_id: Result<crate::types::EntityId, String>,
    }
    impl<'a> GetCurrentValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                entity_id: Err("entity_id was not initialized".to_string()),
            }
        }
        pub fn entity_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.entity_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for entity_id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/entities/{entityId}/current`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, entity_id } = self;
            let entity_id = entity_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/entities/{}/current", client.baseurl, encode_path(& entity_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_current_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_entity_kyc_status`]

[`Client::get_entity_kyc_status`]: super::Client::get_entity_kyc_status*/
    #[derive(Debug, Clone)]
    pub struct GetEntityKycStatus<'a> {
        client: &'a super::Client,
        entity_id: Result<crate::types::EntityId, String>,
    }
    impl<'a> GetEntityKycStatus<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                entity_id: Err("entity_id was not initialized".to_string()),
            }
        }
        pub fn entity_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.entity_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for entity_id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/entities/{entityId}/status`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::EntityKycStatus>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, entity_id } = self;
            let entity_id = entity_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/entities/{}/status", client.baseurl, encode_path(& entity_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_entity_kyc_status",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_entity_validations`]

[`Client::list_entity_validations`]: super::Client::list_entity_validations*/
    #[derive(Debug, Clone)]
    pub struct ListEntityValidations<'a> {
        client: &'a super::Client,
        entity_id: Result<crate::types::EntityId, String>,
        is_current: Result<Option<bool>, String>,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        page: Result<Option<::std::num::NonZeroU32>, String>,
        status: Result<Option<crate::types::ValidationStatus>, String>,
    }
    impl<'a> ListEntityValidations<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                entity_id: Err("entity_id was not initialized".to_string()),
                is_current: Ok(None),
                limit: Ok(None),
                page: Ok(None),
                status: Ok(None),
            }
        }
        pub fn entity_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.entity_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for entity_id failed"
                        .to_string()
                });
            self
        }
        pub fn is_current<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.is_current = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `bool` for is_current failed".to_string());
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn page<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.page = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for page failed"
                        .to_string()
                });
            self
        }
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationStatus>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationStatus` for status failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/entities/{entityId}/validations`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::ValidationPage>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, entity_id, is_current, limit, page, status } = self;
            let entity_id = entity_id.map_err(Error::InvalidRequest)?;
            let is_current = is_current.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let page = page.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/entities/{}/validations", client.baseurl, encode_path(&
                entity_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("isCurrent", &is_current))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("page", &page))
                .query(&progenitor_client::QueryParam::new("status", &status))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_entity_validations",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_face_matches`]

[`Client::list_face_matches`]: super::Client::list_face_matches*/
    #[derive(Debug, Clone)]
    pub struct ListFaceMatches<'a> {
        client: &'a super::Client,
        entity_id: Result<Option<crate::types::EntityId>, String>,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        offset: Result<Option<i32>, String>,
        status: Result<Option<crate::types::FaceMatchStatus>, String>,
        without_entity: Result<Option<bool>, String>,
    }
    impl<'a> ListFaceMatches<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                entity_id: Ok(None),
                limit: Ok(None),
                offset: Ok(None),
                status: Ok(None),
                without_entity: Ok(None),
            }
        }
        pub fn entity_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.entity_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for entity_id failed"
                        .to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn offset<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i32>,
        {
            self.offset = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i32` for offset failed".to_string());
            self
        }
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::FaceMatchStatus>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: FaceMatchStatus` for status failed"
                        .to_string()
                });
            self
        }
        pub fn without_entity<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.without_entity = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `bool` for without_entity failed".to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/face-match/verifications`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::FaceMatchPage>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, entity_id, limit, offset, status, without_entity } = self;
            let entity_id = entity_id.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let offset = offset.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let without_entity = without_entity.map_err(Error::InvalidRequest)?;
            let url = format!("{}/api/kyc/face-match/verifications", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("entityId", &entity_id))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("offset", &offset))
                .query(&progenitor_client::QueryParam::new("status", &status))
                .query(
                    &progenitor_client::QueryParam::new("withoutEntity", &without_entity),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_face_matches",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_face_match`]

[`Client::get_face_match`]: super::Client::get_face_match*/
    #[derive(Debug, Clone)]
    pub struct GetFaceMatch<'a> {
        client: &'a super::Client,
        id: Result<crate::types::FaceMatchId, String>,
    }
    impl<'a> GetFaceMatch<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::FaceMatchId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: FaceMatchId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/face-match/verifications/{id}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::FaceMatchRecord>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/face-match/verifications/{}", client.baseurl, encode_path(&
                id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_face_match",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_face_match_document_image`]

[`Client::get_face_match_document_image`]: super::Client::get_face_match_document_image*/
    #[derive(Debug, Clone)]
    pub struct GetFaceMatchDocumentImage<'a> {
        client: &'a super::Client,
        id: Result<crate::types::FaceMatchId, String>,
    }
    impl<'a> GetFaceMatchDocumentImage<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::FaceMatchId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: FaceMatchId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/face-match/verifications/{id}/document-image`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<ByteStream>, Error<crate::error::ErrorBody>> {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/face-match/verifications/{}/document-image", client.baseurl,
                encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client.client.get(url).headers(header_map).build()?;
            let info = OperationInfo {
                operation_id: "get_face_match_document_image",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => Ok(ResponseValue::stream(response)),
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_face_match_selfie_image`]

[`Client::get_face_match_selfie_image`]: super::Client::get_face_match_selfie_image*/
    #[derive(Debug, Clone)]
    pub struct GetFaceMatchSelfieImage<'a> {
        client: &'a super::Client,
        id: Result<crate::types::FaceMatchId, String>,
    }
    impl<'a> GetFaceMatchSelfieImage<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::FaceMatchId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: FaceMatchId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/face-match/verifications/{id}/selfie-image`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<ByteStream>, Error<crate::error::ErrorBody>> {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/face-match/verifications/{}/selfie-image", client.baseurl,
                encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client.client.get(url).headers(header_map).build()?;
            let info = OperationInfo {
                operation_id: "get_face_match_selfie_image",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => Ok(ResponseValue::stream(response)),
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_id_verifications`]

[`Client::list_id_verifications`]: super::Client::list_id_verifications*/
    #[derive(Debug, Clone)]
    pub struct ListIdVerifications<'a> {
        client: &'a super::Client,
        entity_id: Result<Option<crate::types::EntityId>, String>,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        offset: Result<Option<i32>, String>,
        status: Result<Option<crate::types::IdVerificationStatus>, String>,
        without_entity: Result<Option<bool>, String>,
    }
    impl<'a> ListIdVerifications<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                entity_id: Ok(None),
                limit: Ok(None),
                offset: Ok(None),
                status: Ok(None),
                without_entity: Ok(None),
            }
        }
        pub fn entity_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.entity_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for entity_id failed"
                        .to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn offset<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i32>,
        {
            self.offset = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i32` for offset failed".to_string());
            self
        }
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::IdVerificationStatus>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: IdVerificationStatus` for status failed"
                        .to_string()
                });
            self
        }
        pub fn without_entity<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.without_entity = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `bool` for without_entity failed".to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/id-verification/verifications`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::IdVerificationPage>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, entity_id, limit, offset, status, without_entity } = self;
            let entity_id = entity_id.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let offset = offset.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let without_entity = without_entity.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/id-verification/verifications", client.baseurl,
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("entityId", &entity_id))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("offset", &offset))
                .query(&progenitor_client::QueryParam::new("status", &status))
                .query(
                    &progenitor_client::QueryParam::new("withoutEntity", &without_entity),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_id_verifications",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_id_verification`]

[`Client::get_id_verification`]: super::Client::get_id_verification*/
    #[derive(Debug, Clone)]
    pub struct GetIdVerification<'a> {
        client: &'a super::Client,
        id: Result<crate::types::IdVerificationId, String>,
    }
    impl<'a> GetIdVerification<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::IdVerificationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: IdVerificationId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/id-verification/verifications/{id}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::IdVerificationRecord>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/id-verification/verifications/{}", client.baseurl,
                encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_id_verification",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_id_verification_back_image`]

[`Client::get_id_verification_back_image`]: super::Client::get_id_verification_back_image*/
    #[derive(Debug, Clone)]
    pub struct GetIdVerificationBackImage<'a> {
        client: &'a super::Client,
        id: Result<crate::types::IdVerificationId, String>,
    }
    impl<'a> GetIdVerificationBackImage<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::IdVerificationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: IdVerificationId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/id-verification/verifications/{id}/document-back-image`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<ByteStream>, Error<crate::error::ErrorBody>> {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/id-verification/verifications/{}/document-back-image", client
                .baseurl, encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client.client.get(url).headers(header_map).build()?;
            let info = OperationInfo {
                operation_id: "get_id_verification_back_image",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => Ok(ResponseValue::stream(response)),
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_id_verification_front_image`]

[`Client::get_id_verification_front_image`]: super::Client::get_id_verification_front_image*/
    #[derive(Debug, Clone)]
    pub struct GetIdVerificationFrontImage<'a> {
        client: &'a super::Client,
        id: Result<crate::types::IdVerificationId, String>,
    }
    impl<'a> GetIdVerificationFrontImage<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::IdVerificationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: IdVerificationId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/id-verification/verifications/{id}/document-front-image`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<ByteStream>, Error<crate::error::ErrorBody>> {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/id-verification/verifications/{}/document-front-image",
                client.baseurl, encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client.client.get(url).headers(header_map).build()?;
            let info = OperationInfo {
                operation_id: "get_id_verification_front_image",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => Ok(ResponseValue::stream(response)),
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_validations`]

[`Client::list_validations`]: super::Client::list_validations*/
    #[derive(Debug, Clone)]
    pub struct ListValidations<'a> {
        client: &'a super::Client,
        entity_id: Result<Option<crate::types::EntityId>, String>,
        is_current: Result<Option<bool>, String>,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        page: Result<Option<::std::num::NonZeroU32>, String>,
        status: Result<Option<crate::types::ValidationStatus>, String>,
    }
    impl<'a> ListValidations<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                entity_id: Ok(None),
                is_current: Ok(None),
                limit: Ok(None),
                page: Ok(None),
                status: Ok(None),
            }
        }
        pub fn entity_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.entity_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for entity_id failed"
                        .to_string()
                });
            self
        }
        pub fn is_current<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.is_current = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `bool` for is_current failed".to_string());
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn page<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.page = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for page failed"
                        .to_string()
                });
            self
        }
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationStatus>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationStatus` for status failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/validations`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::ValidationPage>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, entity_id, is_current, limit, page, status } = self;
            let entity_id = entity_id.map_err(Error::InvalidRequest)?;
            let is_current = is_current.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let page = page.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let url = format!("{}/api/kyc/validations", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("entityId", &entity_id))
                .query(&progenitor_client::QueryParam::new("isCurrent", &is_current))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("page", &page))
                .query(&progenitor_client::QueryParam::new("status", &status))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_validations",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::create_validation`]

[`Client::create_validation`]: super::Client::create_validation*/
    #[derive(Debug, Clone)]
    pub struct CreateValidation<'a> {
        client: &'a super::Client,
        body: Result<types::builder::CreateValidationRequest, String>,
    }
    impl<'a> CreateValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CreateValidationRequest>,
            <V as std::convert::TryInto<
                types::CreateValidationRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `CreateValidationRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::CreateValidationRequest,
            ) -> types::builder::CreateValidationRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/api/kyc/validations`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, body } = self;
            let body = body
                .and_then(|v| {
                    types::CreateValidationRequest::try_from(v)
                        .map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/api/kyc/validations", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "create_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                201u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_validation`]

[`Client::get_validation`]: super::Client::get_validation*/
    #[derive(Debug, Clone)]
    pub struct GetValidation<'a> {
        client: &'a super::Client,
        id: Result<crate::types::ValidationId, String>,
    }
    impl<'a> GetValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/validations/{id}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/validations/{}", client.baseurl, encode_path(& id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::approve_validation`]

[`Client::approve_validation`]: super::Client::approve_validation*/
    #[derive(Debug, Clone)]
    pub struct ApproveValidation<'a> {
        client: &'a super::Client,
        id: Result<crate::types::ValidationId, String>,
        body: Result<types::builder::DecisionReasonRequest, String>,
    }
    impl<'a> ApproveValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationId` for id failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::DecisionReasonRequest>,
            <V as std::convert::TryInto<
                types::DecisionReasonRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `DecisionReasonRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::DecisionReasonRequest,
            ) -> types::builder::DecisionReasonRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/api/kyc/validations/{id}/approve`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id, body } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::DecisionReasonRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/validations/{}/approve", client.baseurl, encode_path(& id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "approve_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::cancel_validation`]

[`Client::cancel_validation`]: super::Client::cancel_validation*/
    #[derive(Debug, Clone)]
    pub struct CancelValidation<'a> {
        client: &'a super::Client,
        id: Result<crate::types::ValidationId, String>,
        body: Result<types::builder::DecisionReasonRequest, String>,
    }
    impl<'a> CancelValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationId` for id failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::DecisionReasonRequest>,
            <V as std::convert::TryInto<
                types::DecisionReasonRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `DecisionReasonRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::DecisionReasonRequest,
            ) -> types::builder::DecisionReasonRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `DELETE` request to `/api/kyc/validations/{id}/cancel`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id, body } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::DecisionReasonRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/validations/{}/cancel", client.baseurl, encode_path(& id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .delete(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "cancel_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_validation_media`]

[`Client::get_validation_media`]: super::Client::get_validation_media*/
    #[derive(Debug, Clone)]
    pub struct GetValidationMedia<'a> {
        client: &'a super::Client,
        id: Result<crate::types::ValidationId, String>,
        key: Result<types::GetValidationMediaKey, String>,
    }
    impl<'a> GetValidationMedia<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                key: Err("key was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationId` for id failed"
                        .to_string()
                });
            self
        }
        pub fn key<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetValidationMediaKey>,
        {
            self.key = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetValidationMediaKey` for key failed".to_string()
                });
            self
        }
        ///Sends a `GET` request to `/api/kyc/validations/{id}/media`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<ByteStream>, Error<crate::error::ErrorBody>> {
            let Self { client, id, key } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let key = key.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/validations/{}/media", client.baseurl, encode_path(& id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .query(&progenitor_client::QueryParam::new("key", &key))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_validation_media",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => Ok(ResponseValue::stream(response)),
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::reject_validation`]

[`Client::reject_validation`]: super::Client::reject_validation*/
    #[derive(Debug, Clone)]
    pub struct RejectValidation<'a> {
        client: &'a super::Client,
        id: Result<crate::types::ValidationId, String>,
        body: Result<types::builder::DecisionReasonRequest, String>,
    }
    impl<'a> RejectValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationId` for id failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::DecisionReasonRequest>,
            <V as std::convert::TryInto<
                types::DecisionReasonRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `DecisionReasonRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::DecisionReasonRequest,
            ) -> types::builder::DecisionReasonRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/api/kyc/validations/{id}/reject`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id, body } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::DecisionReasonRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/validations/{}/reject", client.baseurl, encode_path(& id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "reject_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::sync_validation`]

[`Client::sync_validation`]: super::Client::sync_validation*/
    #[derive(Debug, Clone)]
    pub struct SyncValidation<'a> {
        client: &'a super::Client,
        id: Result<crate::types::ValidationId, String>,
        body: Result<types::builder::SyncValidationRequest, String>,
    }
    impl<'a> SyncValidation<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::ValidationId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: ValidationId` for id failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::SyncValidationRequest>,
            <V as std::convert::TryInto<
                types::SyncValidationRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `SyncValidationRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::SyncValidationRequest,
            ) -> types::builder::SyncValidationRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/api/kyc/validations/{id}/sync`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Validation>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id, body } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::SyncValidationRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/kyc/validations/{}/sync", client.baseurl, encode_path(& id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "sync_validation",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_entities`]

[`Client::list_entities`]: super::Client::list_entities*/
    #[derive(Debug, Clone)]
    pub struct ListEntities<'a> {
        client: &'a super::Client,
        country: Result<Option<types::CountryCode>, String>,
        external_id: Result<Option<::std::string::String>, String>,
        tax_id: Result<Option<::std::string::String>, String>,
        type_: Result<Option<crate::types::EntityType>, String>,
    }
    impl<'a> ListEntities<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                country: Ok(None),
                external_id: Ok(None),
                tax_id: Ok(None),
                type_: Ok(None),
            }
        }
        pub fn country<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CountryCode>,
        {
            self.country = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `CountryCode` for country failed".to_string()
                });
            self
        }
        pub fn external_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.external_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for external_id failed"
                        .to_string()
                });
            self
        }
        pub fn tax_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.tax_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for tax_id failed"
                        .to_string()
                });
            self
        }
        pub fn type_<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityType>,
        {
            self.type_ = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityType` for type_ failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/entities`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::EntityList>, Error<crate::error::ErrorBody>> {
            let Self { client, country, external_id, tax_id, type_ } = self;
            let country = country.map_err(Error::InvalidRequest)?;
            let external_id = external_id.map_err(Error::InvalidRequest)?;
            let tax_id = tax_id.map_err(Error::InvalidRequest)?;
            let type_ = type_.map_err(Error::InvalidRequest)?;
            let url = format!("{}/entities", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("country", &country))
                .query(&progenitor_client::QueryParam::new("externalId", &external_id))
                .query(&progenitor_client::QueryParam::new("taxId", &tax_id))
                .query(&progenitor_client::QueryParam::new("type", &type_))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_entities",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::create_entity`]

[`Client::create_entity`]: super::Client::create_entity*/
    #[derive(Debug, Clone)]
    pub struct CreateEntity<'a> {
        client: &'a super::Client,
        body: Result<types::builder::CreateEntityRequest, String>,
    }
    impl<'a> CreateEntity<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CreateEntityRequest>,
            <V as std::convert::TryInto<
                types::CreateEntityRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `CreateEntityRequest` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::CreateEntityRequest,
            ) -> types::builder::CreateEntityRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/entities`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::CreateEntityResponse>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, body } = self;
            let body = body
                .and_then(|v| {
                    types::CreateEntityRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/entities", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "create_entity",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                201u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                409u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_entity_by_external_id`]

[`Client::get_entity_by_external_id`]: super::Client::get_entity_by_external_id*/
    #[derive(Debug, Clone)]
    pub struct GetEntityByExternalId<'a> {
        client: &'a super::Client,
        external_id: Result<types::GetEntityByExternalIdExternalId, String>,
    }
    impl<'a> GetEntityByExternalId<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                external_id: Err("external_id was not initialized".to_string()),
            }
        }
        pub fn external_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetEntityByExternalIdExternalId>,
        {
            self.external_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetEntityByExternalIdExternalId` for external_id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/entities/by-external-id/{externalId}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Entity>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, external_id } = self;
            let external_id = external_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/entities/by-external-id/{}", client.baseurl, encode_path(&
                external_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_entity_by_external_id",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_entity_by_tax_id`]

[`Client::get_entity_by_tax_id`]: super::Client::get_entity_by_tax_id*/
    #[derive(Debug, Clone)]
    pub struct GetEntityByTaxId<'a> {
        client: &'a super::Client,
        tax_id: Result<types::GetEntityByTaxIdTaxId, String>,
    }
    impl<'a> GetEntityByTaxId<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                tax_id: Err("tax_id was not initialized".to_string()),
            }
        }
        pub fn tax_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetEntityByTaxIdTaxId>,
        {
            self.tax_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetEntityByTaxIdTaxId` for tax_id failed".to_string()
                });
            self
        }
        ///Sends a `GET` request to `/entities/by-tax-id/{taxId}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Entity>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, tax_id } = self;
            let tax_id = tax_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/entities/by-tax-id/{}", client.baseurl, encode_path(& tax_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_entity_by_tax_id",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_entity`]

[`Client::get_entity`]: super::Client::get_entity*/
    #[derive(Debug, Clone)]
    pub struct GetEntity<'a> {
        client: &'a super::Client,
        id: Result<crate::types::EntityId, String>,
    }
    impl<'a> GetEntity<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::EntityId>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: types :: EntityId` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/entities/{id}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<crate::types::Entity>,
            Error<crate::error::ErrorBody>,
        > {
            let Self { client, id } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/entities/{}", client.baseurl, encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_entity",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
