//! Wrappers that keep personal data and secrets out of `Debug` output and logs.

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// Personal data (a name, a date of birth, a document number, a verification URL, ...).
///
/// `Debug` prints `[redacted]`; the value is reached only through [`Sensitive::expose`], so that
/// reading it is a visible decision in the caller's code. Serialization is transparent: storing or
/// forwarding the data is the caller's explicit choice; [`to_redacted_json`] serializes with every
/// `Sensitive` value replaced by `"[redacted]"`, for output that must not carry personal data.
///
/// ```
/// use gu1_kyc::types::Sensitive;
/// let name = Sensitive::new("John Doe".to_string());
/// assert_eq!(format!("{name:?}"), "[redacted]");
/// assert_eq!(name.expose(), "John Doe");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

thread_local! {
    /// Set while [`to_redacted_json`] serializes on this thread.
    static REDACTING: Cell<bool> = const { Cell::new(false) };
}

impl<T: Serialize> Serialize for Sensitive<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !REDACTING.with(Cell::get) {
            return self.0.serialize(serializer);
        }
        // An object keeps its keys (so that a flattened map of extra fields still serializes
        // as a map); every value, and any other value, is redacted.
        match serde_json::to_value(&self.0) {
            Ok(serde_json::Value::Object(map)) => {
                serializer.collect_map(map.keys().map(|key| (key, REDACTED)))
            }
            _ => serializer.serialize_str(REDACTED),
        }
    }
}

/// What [`to_redacted_json`] writes in place of a [`Sensitive`] value.
pub const REDACTED: &str = "[redacted]";

/// Serializes `value` to JSON with every [`Sensitive`] value in it written as `"[redacted]"` (a
/// sensitive object keeps its keys, each with `"[redacted]"`): the shape of a validation, an
/// entity or a record, without its personal data.
///
/// ```
/// use gu1_kyc::types::{Sensitive, to_redacted_json};
/// #[derive(serde::Serialize)]
/// struct Person {
///     id: u32,
///     name: Sensitive<String>,
///     nickname: Option<Sensitive<String>>,
///     extra: Sensitive<serde_json::Value>,
/// }
/// let person = Person {
///     id: 7,
///     name: Sensitive::new("Ana".into()),
///     nickname: None,
///     extra: Sensitive::new(serde_json::json!({"placeOfBirth": "Rosario"})),
/// };
/// assert_eq!(
///     to_redacted_json(&person).unwrap(),
///     serde_json::json!({
///         "id": 7,
///         "name": "[redacted]",
///         "nickname": null,
///         "extra": {"placeOfBirth": "[redacted]"}
///     })
/// );
/// // Serializing as usual keeps the data.
/// assert_eq!(serde_json::to_value(&person).unwrap()["name"], "Ana");
/// ```
pub fn to_redacted_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<serde_json::Value> {
    /// Clears the flag however serialization ends (an error, or a panic in a caller's impl).
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            REDACTING.with(|flag| flag.set(self.0));
        }
    }
    let _reset = Reset(REDACTING.with(|flag| flag.replace(true)));
    serde_json::to_value(value)
}

impl<T> Sensitive<T> {
    /// Wraps a value.
    ///
    /// ```
    /// let secret = gu1_kyc::types::Sensitive::new("AB123456".to_string());
    /// assert_eq!(format!("{secret:?}"), "[redacted]");
    /// ```
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Keep it out of logs.
    ///
    /// ```
    /// let number = gu1_kyc::types::Sensitive::new("AB123456".to_string());
    /// assert_eq!(number.expose(), "AB123456");
    /// ```
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value. Keep it out of logs.
    ///
    /// ```
    /// let number = gu1_kyc::types::Sensitive::new("AB123456".to_string());
    /// assert_eq!(number.into_inner(), "AB123456");
    /// ```
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Sensitive<T> {
    fn schema_name() -> String {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
        T::json_schema(generator)
    }

    fn is_referenceable() -> bool {
        T::is_referenceable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Entity, Validation};

    /// Every personal value of these bodies, which no redacted serialization may hold.
    const PERSONAL: &[&str] = &[
        "Ana María",
        "Pérez",
        "1990-04-01",
        "30111222",
        "https://verify.example/s/abc",
        "sess_123",
        "customer-42",
        "20301112223",
        "Rosario",
    ];

    fn validation() -> Validation {
        serde_json::from_value(serde_json::json!({
            "id": "550e8400-e29b-41d4-a716-446655440000",
            "entityId": "123e4567-e89b-12d3-a456-426614174000",
            "status": "approved",
            "isCurrent": true,
            "sessionId": "sess_123",
            "providerSessionUrl": "https://verify.example/s/abc",
            "extractedData": {"firstName": "Ana María", "lastName": "Pérez",
                              "dateOfBirth": "1990-04-01", "documentNumber": "30111222",
                              "extraFields": {"placeOfBirth": "Rosario"}},
            "metadata": {"userId": "customer-42"},
            "someNewField": {"holder": "Ana María"}
        }))
        .expect("a validation decodes")
    }

    #[test]
    fn redacted_json_keeps_the_shape_and_drops_every_personal_value() {
        let redacted = to_redacted_json(&validation()).expect("serializes");
        let text = redacted.to_string();
        for value in PERSONAL {
            assert!(!text.contains(value), "{value} in {text}");
        }
        assert_eq!(redacted["status"], "approved");
        assert_eq!(redacted["id"], "550e8400-e29b-41d4-a716-446655440000");
        assert_eq!(redacted["providerSessionUrl"], REDACTED);
        assert_eq!(redacted["extractedData"]["firstName"], REDACTED);
        assert_eq!(
            redacted["metadata"],
            serde_json::json!({"userId": REDACTED})
        );
        // Fields the SDK does not model are flattened in, redacted.
        assert_eq!(redacted["someNewField"], REDACTED);
        let entity: Entity = serde_json::from_value(serde_json::json!({
            "id": "123e4567-e89b-12d3-a456-426614174000", "type": "person",
            "name": "Ana María Pérez", "taxId": "20301112223", "externalId": "customer-42"
        }))
        .expect("an entity decodes");
        let text = to_redacted_json(&entity).expect("serializes").to_string();
        for value in PERSONAL {
            assert!(!text.contains(value), "{value} in {text}");
        }
    }

    #[test]
    fn plain_serialization_is_unchanged_and_the_flag_does_not_leak() {
        let plain = serde_json::to_value(validation()).expect("serializes");
        assert_eq!(plain["extractedData"]["firstName"], "Ana María");
        let _ = to_redacted_json(&validation());
        let again = serde_json::to_value(validation()).expect("serializes");
        assert_eq!(
            again["sessionId"], "sess_123",
            "redaction ends with the call"
        );
    }
}
