//! Open enumerations: the values the API documents, plus `Unknown` for values it adds later.
//!
//! The server owns these sets. A value this version does not know decodes as `Unknown(String)`
//! instead of failing the whole response, and is sent back unchanged when serialized.

use std::fmt;

/// Defines an open enum over documented wire values. Matching is case-insensitive, because the
/// API capitalises some statuses in some responses (`Approved` beside `approved`).
macro_rules! open_enum {
    (
        $(#[$doc:meta])*
        $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )+
            /// A value this version of the SDK does not know, kept as the server sent it.
            Unknown(String),
        }

        impl $name {
            /// Every documented value, in the order the API lists them.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant),+];

            /// The documented wire strings, in the same order as [`Self::KNOWN`].
            pub const WIRE_VALUES: &'static [&'static str] = &[$($wire),+];

            /// The value as it appears on the wire.
            ///
            /// ```
            /// assert_eq!(gu1_kyc::types::ValidationStatus::InReview.as_str(), "in_review");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(other) => other,
                }
            }

            /// Whether this is a value the SDK does not know.
            ///
            /// ```
            /// assert!(gu1_kyc::types::ValidationStatus::from_wire("on_hold").is_unknown());
            /// ```
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }

            /// Parses a wire value, case-insensitively; anything else becomes `Unknown`.
            ///
            /// ```
            /// use gu1_kyc::types::IdVerificationStatus;
            /// assert_eq!(IdVerificationStatus::from_wire("Approved"), IdVerificationStatus::Approved);
            /// ```
            pub fn from_wire(value: &str) -> Self {
                $( if value.eq_ignore_ascii_case($wire) { return Self::$variant; } )+
                Self::Unknown(value.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( Self::$variant => f.write_str(stringify!($variant)), )+
                    Self::Unknown(other) => write!(f, "Unknown({other:?})"),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                Ok(Self::from_wire(s))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::from_wire(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> String {
                stringify!($name).to_owned()
            }

            fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
                crate::types::enums::open_enum_schema(Self::WIRE_VALUES)
            }
        }
    };
}
pub(crate) use open_enum;

/// The schema every open enum has in the spec: `anyOf: [{enum: [...]}, {type: string}]`.
pub(crate) fn open_enum_schema(values: &[&str]) -> schemars::schema::Schema {
    use schemars::schema::{InstanceType, Schema, SchemaObject, SubschemaValidation};
    let known = SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        enum_values: Some(values.iter().map(|v| serde_json::Value::from(*v)).collect()),
        ..Default::default()
    };
    let any = SchemaObject {
        instance_type: Some(InstanceType::String.into()),
        ..Default::default()
    };
    Schema::Object(SchemaObject {
        subschemas: Some(Box::new(SubschemaValidation {
            any_of: Some(vec![known.into(), any.into()]),
            ..Default::default()
        })),
        ..Default::default()
    })
}

open_enum!(
    /// The status of a KYC validation.
    ///
    /// ```
    /// use gu1_kyc::types::ValidationStatus;
    /// assert_eq!(ValidationStatus::from_wire("in_review"), ValidationStatus::InReview);
    /// assert!(ValidationStatus::from_wire("on_hold").is_unknown());
    /// assert!(ValidationStatus::Approved.is_terminal());
    /// ```
    ValidationStatus {
        /// Created; the customer has not started.
        Pending = "pending",
        /// The customer is going through the verification.
        InProgress = "in_progress",
        /// Finished; waiting for a manual compliance decision (approve or reject).
        InReview = "in_review",
        /// Verified, by the provider or manually.
        Approved = "approved",
        /// Failed, by the provider or manually.
        Rejected = "rejected",
        /// Not finished in time.
        Expired = "expired",
        /// Started and never finished.
        Abandoned = "abandoned",
        /// Cancelled by the organization.
        Cancelled = "cancelled",
    }
);

impl ValidationStatus {
    /// Whether the validation can no longer change by itself (approved, rejected, expired,
    /// abandoned or cancelled). Unknown statuses are not terminal.
    ///
    /// ```
    /// use gu1_kyc::types::ValidationStatus;
    /// assert!(ValidationStatus::Cancelled.is_terminal());
    /// assert!(!ValidationStatus::InReview.is_terminal());
    /// ```
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Approved | Self::Rejected | Self::Expired | Self::Abandoned | Self::Cancelled
        )
    }
}

open_enum!(
    /// The status of an ID-verification record (the upload's response capitalises it).
    IdVerificationStatus {
        /// The document passed.
        Approved = "approved",
        /// The document did not pass.
        Declined = "declined",
        /// The verification could not run.
        Failed = "failed",
    }
);

open_enum!(
    /// The status of a face match.
    FaceMatchStatus {
        /// The faces match.
        Approved = "approved",
        /// The faces do not match.
        Declined = "declined",
        /// A person should look at it.
        InReview = "in_review",
        /// The comparison could not run.
        Failed = "failed",
    }
);

open_enum!(
    /// Where a record's images are stored.
    StorageProvider {
        /// Object storage.
        S3 = "s3",
        /// The server's local storage.
        Local = "local",
    }
);

open_enum!(
    /// The kind of an entity. KYC validations accept only [`EntityType::Person`].
    EntityType {
        /// A natural person.
        Person = "person",
        /// A company.
        Company = "company",
        /// A device.
        Device = "device",
        /// A payment method.
        PaymentMethod = "payment_method",
        /// A location.
        Location = "location",
        /// A document.
        Document = "document",
        /// An account.
        Account = "account",
        /// A card.
        Card = "card",
        /// An alert.
        Alert = "alert",
        /// A transaction.
        Transaction = "transaction",
        /// A custom entity.
        Custom = "custom",
        /// Anything else.
        Other = "other",
    }
);

open_enum!(
    /// The lifecycle status of an entity.
    EntityStatus {
        /// Active.
        Active = "active",
        /// Inactive.
        Inactive = "inactive",
        /// Blocked.
        Blocked = "blocked",
        /// Under review (the default on creation).
        UnderReview = "under_review",
        /// Suspended.
        Suspended = "suspended",
        /// Expired.
        Expired = "expired",
        /// Deleted.
        Deleted = "deleted",
        /// Rejected.
        Rejected = "rejected",
        /// Approved.
        Approved = "approved",
    }
);

open_enum!(
    /// The provider's decision inside a validation's `decision` (capitalised on the wire).
    DecisionStatus {
        /// Approved.
        Approved = "Approved",
        /// Declined.
        Declined = "Declined",
        /// Waiting for review.
        InReview = "In Review",
    }
);

open_enum!(
    /// A risk or warning code raised by a check. The documented table is partial.
    WarningCode {
        /// The document is on a blocklist.
        IdDocumentInBlocklist = "ID_DOCUMENT_IN_BLOCKLIST",
        /// No barcode found.
        BarcodeNotDetected = "BARCODE_NOT_DETECTED",
        /// The barcode did not validate.
        BarcodeValidationFailed = "BARCODE_VALIDATION_FAILED",
        /// No QR code found.
        QrNotDetected = "QR_NOT_DETECTED",
        /// The QR code did not validate.
        QrValidationFailed = "QR_VALIDATION_FAILED",
        /// No machine-readable zone found.
        MrzNotDetected = "MRZ_NOT_DETECTED",
        /// The holder is below the minimum age.
        MinimumAgeNotMet = "MINIMUM_AGE_NOT_MET",
        /// The document's data is inconsistent.
        DataInconsistent = "DATA_INCONSISTENT",
        /// The document was not recognised.
        CouldNotRecognizeDocument = "COULD_NOT_RECOGNIZE_DOCUMENT",
        /// No portrait found on the document.
        PortraitImageNotDetected = "PORTRAIT_IMAGE_NOT_DETECTED",
        /// No document number found.
        DocumentNumberNotDetected = "DOCUMENT_NUMBER_NOT_DETECTED",
        /// No date of birth found.
        DateOfBirthNotDetected = "DATE_OF_BIRTH_NOT_DETECTED",
        /// No expiry date found.
        ExpirationDateNotDetected = "EXPIRATION_DATE_NOT_DETECTED",
        /// No name found.
        NameNotDetected = "NAME_NOT_DETECTED",
        /// The MRZ and the printed data differ.
        MrzAndDataExtractedFromOcrNotSame = "MRZ_AND_DATA_EXTRACTED_FROM_OCR_NOT_SAME",
        /// The MRZ did not validate.
        MrzValidationFailed = "MRZ_VALIDATION_FAILED",
        /// A date on the document is invalid.
        InvalidDate = "INVALID_DATE",
        /// The document has expired.
        DocumentExpired = "DOCUMENT_EXPIRED",
        /// The document is not accepted for this use.
        DocumentNotSupportedForApplication = "DOCUMENT_NOT_SUPPORTED_FOR_APPLICATION",
        /// The person may already be registered.
        PossibleDuplicatedUser = "POSSIBLE_DUPLICATED_USER",
    }
);

open_enum!(
    /// The type of a KYC webhook event.
    WebhookEventType {
        /// A validation was created.
        ValidationCreated = "kyc.validation_created",
        /// The customer started.
        ValidationInProgress = "kyc.validation_in_progress",
        /// Waiting for a manual decision.
        ValidationInReview = "kyc.validation_in_review",
        /// Approved.
        ValidationApproved = "kyc.validation_approved",
        /// Rejected.
        ValidationRejected = "kyc.validation_rejected",
        /// Abandoned.
        ValidationAbandoned = "kyc.validation_abandoned",
        /// Expired.
        ValidationExpired = "kyc.validation_expired",
        /// Cancelled.
        ValidationCancelled = "kyc.validation_cancelled",
    }
);
