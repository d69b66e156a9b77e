//! The closed sets of names the API speaks (statuses and entity types), each a Rust enum whose
//! serde rendering is its wire name, so the store holds typed values and the JSON stays exactly
//! what the spec documents.

use serde::Serialize;

/// A closed set of names the API speaks, as a Rust enum.
pub(crate) trait WireEnum: Copy + PartialEq + 'static {
    /// Every value, in the documented order (the order error messages list them in).
    const ALL: &'static [Self];

    /// The name on the wire, exactly as serde renders it.
    fn as_str(self) -> &'static str;

    /// The value with this wire name, if any. The match is exact: the API's names are
    /// lowercase, and anything else is answered as an unknown value.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.as_str() == text)
    }

    /// Every wire name, joined with `", "` for error messages.
    fn names() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|value| value.as_str()).collect();
        names.join(", ")
    }
}

/// Declares an enum with one wire name per variant: serde renames each variant to that name,
/// and [`WireEnum`] lists and parses them, so each name is written once.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $wire:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub(crate) enum $name {
            $($(#[$variant_meta])* #[serde(rename = $wire)] $variant,)+
        }

        impl WireEnum for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }
        }
    };
}

wire_enum! {
    /// The statuses a KYC validation moves through.
    ValidationStatus {
        /// Created; the customer has not started the flow.
        Pending = "pending",
        /// The customer is in the flow.
        InProgress = "in_progress",
        /// Finished, waiting for a manual decision.
        InReview = "in_review",
        /// Approved, by the provider or by hand.
        Approved = "approved",
        /// Rejected, by the provider or by hand.
        Rejected = "rejected",
        /// Not finished in time.
        Expired = "expired",
        /// Started and never finished.
        Abandoned = "abandoned",
        /// Cancelled by the organization.
        Cancelled = "cancelled",
    }
}

impl ValidationStatus {
    /// The name a customer reads on the hosted page (`In review`).
    pub fn label(self) -> &'static str {
        match self {
            ValidationStatus::Pending => "Pending",
            ValidationStatus::InProgress => "In progress",
            ValidationStatus::InReview => "In review",
            ValidationStatus::Approved => "Approved",
            ValidationStatus::Rejected => "Rejected",
            ValidationStatus::Expired => "Expired",
            ValidationStatus::Abandoned => "Abandoned",
            ValidationStatus::Cancelled => "Cancelled",
        }
    }

    /// The provider's capitalised rendering of this status in a finished session's raw
    /// `decision` object (the spec's `DecisionStatus`: `Approved`, `Declined`, `In Review`), or
    /// `None` for a status a session does not finish with.
    pub fn decision(self) -> Option<&'static str> {
        match self {
            ValidationStatus::Approved => Some("Approved"),
            ValidationStatus::Rejected => Some("Declined"),
            ValidationStatus::InReview => Some("In Review"),
            ValidationStatus::Pending
            | ValidationStatus::InProgress
            | ValidationStatus::Expired
            | ValidationStatus::Abandoned
            | ValidationStatus::Cancelled => None,
        }
    }
}

wire_enum! {
    /// The status of an ID-verification record.
    IdVerificationStatus {
        /// The document was read and met every requirement.
        Approved = "approved",
        /// The document was read but failed a requirement (such as the minimum age).
        Declined = "declined",
        /// The document could not be processed.
        Failed = "failed",
    }
}

impl IdVerificationStatus {
    /// The capitalised rendering the upload's answer uses (`Approved`, `Declined`); the stored
    /// record and the lists use the lowercase wire name.
    pub fn capitalised(self) -> &'static str {
        match self {
            IdVerificationStatus::Approved => "Approved",
            IdVerificationStatus::Declined => "Declined",
            IdVerificationStatus::Failed => "Failed",
        }
    }
}

wire_enum! {
    /// The status of a face-match record.
    FaceMatchStatus {
        /// The faces match (the score reached the threshold).
        Approved = "approved",
        /// The faces do not match.
        Declined = "declined",
        /// The comparison needs a person to look at it.
        InReview = "in_review",
        /// The comparison could not be made.
        Failed = "failed",
    }
}

wire_enum! {
    /// The kind of an entity; KYC validations accept only people.
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
        /// A kind the organization defined.
        Custom = "custom",
        /// Anything else.
        Other = "other",
    }
}

wire_enum! {
    /// The lifecycle status of an entity.
    EntityStatus {
        /// In use.
        Active = "active",
        /// Not in use.
        Inactive = "inactive",
        /// Blocked by the organization.
        Blocked = "blocked",
        /// Waiting for review (the default on creation).
        UnderReview = "under_review",
        /// Suspended for now.
        Suspended = "suspended",
        /// No longer valid.
        Expired = "expired",
        /// Deleted.
        Deleted = "deleted",
        /// Rejected after review.
        Rejected = "rejected",
        /// Approved after review.
        Approved = "approved",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that serde renders every value as its wire name and that the name parses back.
    fn round_trips<T: WireEnum + Serialize + std::fmt::Debug>() {
        for &value in T::ALL {
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{}\"", value.as_str()));
            assert_eq!(T::parse(value.as_str()), Some(value));
        }
    }

    #[test]
    fn every_value_is_rendered_and_parsed_by_its_wire_name() {
        round_trips::<ValidationStatus>();
        round_trips::<IdVerificationStatus>();
        round_trips::<FaceMatchStatus>();
        round_trips::<EntityType>();
        round_trips::<EntityStatus>();
    }

    #[test]
    fn wire_names_are_the_documented_ones_in_the_documented_order() {
        assert_eq!(
            ValidationStatus::names(),
            "pending, in_progress, in_review, approved, rejected, expired, abandoned, cancelled"
        );
        assert_eq!(IdVerificationStatus::names(), "approved, declined, failed");
        assert_eq!(
            FaceMatchStatus::names(),
            "approved, declined, in_review, failed"
        );
        assert_eq!(
            EntityType::names(),
            "person, company, device, payment_method, location, document, account, card, \
             alert, transaction, custom, other"
        );
        assert_eq!(
            EntityStatus::names(),
            "active, inactive, blocked, under_review, suspended, expired, deleted, rejected, \
             approved"
        );
    }

    #[test]
    fn parsing_is_exact_so_other_casings_are_unknown() {
        assert_eq!(IdVerificationStatus::parse("Declined"), None);
        assert_eq!(ValidationStatus::parse("In Review"), None);
        assert_eq!(EntityType::parse(""), None);
    }

    #[test]
    fn capitalised_renderings_match_the_documented_provider_names() {
        assert_eq!(IdVerificationStatus::Declined.capitalised(), "Declined");
        assert_eq!(ValidationStatus::Rejected.decision(), Some("Declined"));
        assert_eq!(ValidationStatus::InReview.decision(), Some("In Review"));
        assert_eq!(ValidationStatus::Cancelled.decision(), None);
    }
}
