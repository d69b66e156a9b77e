//! Why a command failed, and the exit status each class of failure has.

use std::fmt;

use gu1_kyc::ErrorKind;

/// A failed command: its class decides the exit status, its message is printed on stderr.
/// Messages never hold personal data or a secret: they come from the SDK's errors, which are
/// written that way, or from this crate.
#[derive(Debug)]
pub enum Failure {
    /// A webhook delivery failed verification (exit 1).
    Rejected(String),
    /// Bad usage or configuration: a missing key, an ID that is not a UUID (exit 2).
    Usage(String),
    /// The API answered 404 (exit 3).
    NotFound(String),
    /// The API refused the request: any other 4xx (exit 4).
    Refused(String),
    /// No usable answer: network, timeout, 5xx, 429 once retries are spent (exit 5).
    Unreachable(String),
    /// `contract`: the API answered other than the spec says (exit 1).
    Findings(String),
    /// `contract`: the check could not run: unreachable, 401, a budget too small (exit 3).
    CannotRun(String),
}

impl Failure {
    /// The process's exit status for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Rejected(_) => 1,
            Failure::Usage(_) => 2,
            Failure::NotFound(_) => 3,
            Failure::Refused(_) => 4,
            Failure::Unreachable(_) => 5,
            Failure::Findings(_) => 1,
            Failure::CannotRun(_) => 3,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (label, message) = match self {
            Failure::Rejected(m) => ("rejected", m),
            Failure::Usage(m) => ("usage", m),
            Failure::NotFound(m) => ("not found", m),
            Failure::Refused(m) => ("refused by the API", m),
            Failure::Unreachable(m) => ("no answer", m),
            Failure::Findings(m) => ("contract", m),
            Failure::CannotRun(m) => ("contract check could not run", m),
        };
        write!(f, "error ({label}): {message}")
    }
}

impl From<gu1_kyc::Error> for Failure {
    fn from(error: gu1_kyc::Error) -> Self {
        let message = error.to_string();
        match error.kind() {
            ErrorKind::Config | ErrorKind::InvalidInput => Failure::Usage(message),
            ErrorKind::Api => match error.status().map(|s| s.as_u16()) {
                Some(404) => Failure::NotFound(message),
                Some(408 | 429) | Some(500..) | None => Failure::Unreachable(message),
                Some(_) => Failure::Refused(message),
            },
            ErrorKind::Webhook => Failure::Rejected(message),
            _ => Failure::Unreachable(message),
        }
    }
}

/// A command's outcome.
pub type Outcome = Result<(), Failure>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_has_its_documented_exit_status() {
        let codes: Vec<u8> = [
            Failure::Rejected(String::new()),
            Failure::Usage(String::new()),
            Failure::NotFound(String::new()),
            Failure::Refused(String::new()),
            Failure::Unreachable(String::new()),
        ]
        .iter()
        .map(Failure::exit_code)
        .collect();
        assert_eq!(codes, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn an_invalid_id_is_a_usage_error() {
        let error = gu1_kyc::types::ValidationId::parse("not-a-uuid").unwrap_err();
        let failure = Failure::from(error);
        assert_eq!(failure.exit_code(), 2);
        assert!(
            failure.to_string().starts_with("error (usage): "),
            "{failure}"
        );
    }
}
