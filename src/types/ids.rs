//! Typed IDs, so that an entity ID can't be passed where a validation ID is expected.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Defines a string-backed ID type. `uuid` IDs are checked to be UUIDs when built from user input;
/// IDs decoded from the server are kept as sent, so an unexpected format never fails a response.
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, uuid = $uuid:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an ID given by the caller.
            ///
            /// ```
            #[doc = concat!("let id = gu1_kyc::types::", stringify!($name), "::parse(\"550e8400-e29b-41d4-a716-446655440000\")?;")]
            /// # Ok::<(), gu1_kyc::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// An [`Error`] of kind [`InvalidInput`](crate::ErrorKind::InvalidInput) when the ID is
            /// empty or, for UUID-shaped IDs, not a UUID. No request is sent.
            pub fn parse(id: impl AsRef<str>) -> Result<Self, Error> {
                let id = id.as_ref().trim();
                if id.is_empty() {
                    return Err(Error::invalid_input(concat!($what, " is empty")));
                }
                if $uuid && uuid::Uuid::parse_str(id).is_err() {
                    return Err(Error::invalid_input(concat!($what, " is not a UUID")));
                }
                Ok(Self(id.to_owned()))
            }

            /// The ID as a string.
            ///
            /// ```
            #[doc = concat!("let id = gu1_kyc::types::", stringify!($name), "::parse(\"550e8400-e29b-41d4-a716-446655440000\")?;")]
            /// assert_eq!(id.as_str(), "550e8400-e29b-41d4-a716-446655440000");
            /// # Ok::<(), gu1_kyc::Error>(())
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::parse(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                Self::parse(s)
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(id: uuid::Uuid) -> Self {
                Self(id.to_string())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

typed_id!(
    /// The ID of a KYC validation (a UUID).
    ///
    /// ```
    /// use gu1_kyc::types::ValidationId;
    /// let id: ValidationId = "550e8400-e29b-41d4-a716-446655440000".parse()?;
    /// assert!(ValidationId::parse("not-a-uuid").is_err());
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    ValidationId, "validation ID", uuid = true
);
typed_id!(
    /// The ID of an entity (a UUID); KYC validations verify `person` entities.
    ///
    /// ```
    /// use gu1_kyc::types::EntityId;
    /// let id = EntityId::parse("123e4567-e89b-12d3-a456-426614174000")?;
    /// assert_eq!(id.as_str(), "123e4567-e89b-12d3-a456-426614174000");
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    EntityId, "entity ID", uuid = true
);
typed_id!(
    /// The ID of an ID-verification record (the `verificationId` of an upload).
    ///
    /// ```
    /// use gu1_kyc::types::IdVerificationId;
    /// let id = IdVerificationId::parse("7c9e6679-7425-40de-944b-e07fc1f90ae7")?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    IdVerificationId, "ID-verification ID", uuid = false
);
typed_id!(
    /// The ID of a face-match record (the `verificationId` of a comparison).
    ///
    /// ```
    /// use gu1_kyc::types::FaceMatchId;
    /// let id = FaceMatchId::parse("9b2d3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f")?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    FaceMatchId, "face-match ID", uuid = false
);
