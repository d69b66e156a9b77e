//! Wrappers that keep personal data and secrets out of `Debug` output and logs.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Personal data (a name, a date of birth, a document number, a verification URL, ...).
///
/// `Debug` prints `[redacted]`; the value is reached only through [`Sensitive::expose`], so that
/// reading it is a visible decision in the caller's code. Serialization is transparent: storing or
/// forwarding the data is the caller's explicit choice.
///
/// ```
/// use gu1_kyc::types::Sensitive;
/// let name = Sensitive::new("John Doe".to_string());
/// assert_eq!(format!("{name:?}"), "[redacted]");
/// assert_eq!(name.expose(), "John Doe");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

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
