//! A verifier with one or more secrets (for rotation) and an optional maximum age.

use std::{fmt, sync::Arc, time::Duration};

use chrono::{DateTime, Utc};

use super::{WebhookEvent, WebhookSecret, parse_event, parse_signature};
use crate::error::{Error, ErrorKind};

/// How far in the future an event's `timestamp` may be, by default, before
/// [`Verifier::verify_at`] refuses it: clocks of two machines are never exactly in step.
///
/// ```
/// assert_eq!(gu1_kyc::webhooks::DEFAULT_CLOCK_SKEW.as_secs(), 300);
/// ```
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// Checks webhook deliveries against one or more secrets and, optionally, their age.
///
/// - **Rotation.** Give it every secret that is currently valid, e.g. the old and the new one
///   while you switch secrets in the gu1 dashboard: a delivery signed with any of them verifies.
///   Each secret is compared in constant time, and every secret is tried, so the time taken does
///   not tell which one matched.
/// - **Maximum age** (opt-in, [`Verifier::max_age`]). The current body carries a signed
///   `timestamp`, *when the event happened* (spec: `KycWebhookEvent.timestamp`). A delivery whose
///   timestamp is older than the maximum age is refused, so a captured delivery replayed days
///   later is not processed again; one whose timestamp is further in the future than the clock
///   skew ([`Verifier::clock_skew`], default [`DEFAULT_CLOCK_SKEW`]) is refused too.
///   gu1 retries a failed delivery with the **same** body and timestamp, so choose a maximum age
///   longer than the time your endpoint may be down plus gu1's retry window: a retry that arrives
///   too late is refused like a replay.
/// - **Bodies without a timestamp.** The older `{type, data}` body has no `timestamp` (and the
///   current body may omit it). When a maximum age is set, such a body is **refused** by default:
///   its age cannot be known, and accepting it would let any captured undated body be replayed
///   forever, which is exactly what the maximum age is there to prevent. While you still receive
///   the older body, call [`Verifier::allow_undated`] to accept it (its signature is still
///   checked). Without a maximum age nothing about time is checked.
///
/// Cloning is cheap (the secrets are shared), so a verifier can live in a web framework's state.
/// `Debug` shows how many secrets there are, never what they are.
///
/// ```no_run
/// use std::time::Duration;
/// use gu1_kyc::webhooks::{Verifier, WebhookSecret};
///
/// # fn demo(body: &[u8], signature_header: &str) -> Result<(), gu1_kyc::Error> {
/// let verifier = Verifier::new([
///     WebhookSecret::new(std::env::var("GU1_WEBHOOK_SECRET_OLD").unwrap_or_default()),
///     WebhookSecret::new(std::env::var("GU1_WEBHOOK_SECRET").unwrap_or_default()),
/// ])
/// .max_age(Duration::from_secs(60 * 60));
///
/// let event = verifier.verify(body, signature_header)?;
/// println!("{} is now {}", event.validation_id(), event.status());
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Verifier {
    secrets: Arc<[WebhookSecret]>,
    max_age: Option<Duration>,
    clock_skew: Duration,
    allow_undated: bool,
}

impl Verifier {
    /// A verifier that accepts a signature made with any of `secrets`, with no maximum age.
    ///
    /// Empty secrets never verify anything (an empty key would let anyone sign); with no
    /// non-empty secret at all, every verification fails and says so.
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::{Verifier, WebhookSecret};
    /// let verifier = Verifier::new([WebhookSecret::new("whsec_current")]);
    /// # let _ = verifier;
    /// ```
    pub fn new(secrets: impl IntoIterator<Item = WebhookSecret>) -> Self {
        Self {
            secrets: secrets.into_iter().collect(),
            max_age: None,
            clock_skew: DEFAULT_CLOCK_SKEW,
            allow_undated: false,
        }
    }

    /// Refuses deliveries whose signed `timestamp` is older than `max_age` (see the type's
    /// documentation for bodies without a timestamp, and for gu1's retries).
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use gu1_kyc::webhooks::{Verifier, WebhookSecret};
    /// let verifier = Verifier::new([WebhookSecret::new("whsec_current")])
    ///     .max_age(Duration::from_secs(15 * 60));
    /// # let _ = verifier;
    /// ```
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// How far in the future a signed `timestamp` may be before the delivery is refused
    /// (default [`DEFAULT_CLOCK_SKEW`]). Only checked when a maximum age is set.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use gu1_kyc::webhooks::{Verifier, WebhookSecret};
    /// let verifier = Verifier::new([WebhookSecret::new("whsec_current")])
    ///     .max_age(Duration::from_secs(15 * 60))
    ///     .clock_skew(Duration::from_secs(30));
    /// # let _ = verifier;
    /// ```
    pub fn clock_skew(mut self, tolerance: Duration) -> Self {
        self.clock_skew = tolerance;
        self
    }

    /// Whether a body without a `timestamp` (the older `{type, data}` body) is accepted when a
    /// maximum age is set. Default `false`: it is refused, because its age cannot be checked.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use gu1_kyc::webhooks::{Verifier, WebhookSecret};
    /// // Still receiving the older body while migrating: check the age of those that have one.
    /// let verifier = Verifier::new([WebhookSecret::new("whsec_current")])
    ///     .max_age(Duration::from_secs(15 * 60))
    ///     .allow_undated(true);
    /// # let _ = verifier;
    /// ```
    pub fn allow_undated(mut self, allow: bool) -> Self {
        self.allow_undated = allow;
        self
    }

    /// Checks that `signature_header` is the HMAC-SHA256 of `raw_body` under one of the
    /// secrets. Nothing is parsed and no age is checked: [`Verifier::verify`] does both.
    ///
    /// # Errors
    ///
    /// Kind [`ErrorKind::Webhook`], with a [`Rejection`] saying why (see [`Rejection::of`]):
    /// the header is missing or malformed, no secret is configured, or no secret matches. The
    /// error never contains the body, a secret or the header.
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::{Verifier, WebhookSecret};
    /// # fn demo(body: &[u8], header: &str) {
    /// let verifier = Verifier::new([WebhookSecret::new("whsec_old"), WebhookSecret::new("whsec_new")]);
    /// if verifier.verify_signature(body, header).is_err() {
    ///     // answer 401
    /// }
    /// # }
    /// ```
    pub fn verify_signature(&self, raw_body: &[u8], signature_header: &str) -> Result<(), Error> {
        if !self.secrets.iter().any(|s| !s.is_empty()) {
            return Err(rejected(
                Rejection::NoSecret,
                "no webhook secret is configured (the secret is empty); configure the secret shown \
                 in the gu1 dashboard",
            ));
        }
        let digest = parse_signature(signature_header)
            .map_err(|detail| rejected(Rejection::MalformedSignature, detail))?;
        let mut matched = false;
        for secret in self.secrets.iter().filter(|s| !s.is_empty()) {
            let mut mac = secret.mac();
            hmac::Mac::update(&mut mac, raw_body);
            // No early exit: every secret is tried, whichever matches.
            matched |= hmac::Mac::verify_slice(mac, &digest).is_ok();
        }
        if matched {
            Ok(())
        } else {
            Err(rejected(
                Rejection::BadSignature,
                "the X-Webhook-Signature does not match the body and the webhook secret",
            ))
        }
    }

    /// Verifies the signature, decodes the event and, when a maximum age is set, checks its
    /// timestamp against the system clock. This is the call a receiver makes.
    ///
    /// # Errors
    ///
    /// See [`Verifier::verify_at`].
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::{Rejection, Verifier, WebhookSecret};
    /// # fn demo(verifier: &Verifier, body: &[u8], header: &str) -> u16 {
    /// match verifier.verify(body, header) {
    ///     Ok(event) => {
    ///         println!("{} is now {}", event.validation_id(), event.status());
    ///         200
    ///     }
    ///     Err(e) => match Rejection::of(&e) {
    ///         Some(why) => {
    ///             eprintln!("refused a webhook ({why}): {e}");
    ///             401
    ///         }
    ///         // Signed, but not a body this SDK can read: keep it to replay later.
    ///         None => 400,
    ///     },
    /// }
    /// # }
    /// ```
    pub fn verify(&self, raw_body: &[u8], signature_header: &str) -> Result<WebhookEvent, Error> {
        self.verify_at(Utc::now(), raw_body, signature_header)
    }

    /// [`Verifier::verify`] with the current time given: for tests, and for checking a stored
    /// delivery against the time it arrived.
    ///
    /// # Errors
    ///
    /// - Kind [`ErrorKind::Webhook`] when the signature does not verify, or (with a maximum
    ///   age) the event is too old, too far in the future, or undated. [`Rejection::of`] tells
    ///   which. Answer `401`.
    /// - Kind [`ErrorKind::Decode`] when the signature verifies but the body is not an event
    ///   this SDK can read. The request is genuine: keep the raw body, and answer `400`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use chrono::{TimeDelta, Utc};
    /// use gu1_kyc::webhooks::{Rejection, Verifier, WebhookSecret};
    ///
    /// # fn demo(body: &[u8], header: &str) {
    /// let verifier = Verifier::new([WebhookSecret::new("whsec_current")])
    ///     .max_age(Duration::from_secs(60 * 60));
    /// // The same delivery, replayed three days later, is refused.
    /// let three_days_later = Utc::now() + TimeDelta::days(3);
    /// let error = verifier.verify_at(three_days_later, body, header).unwrap_err();
    /// assert_eq!(Rejection::of(&error), Some(Rejection::TooOld));
    /// # }
    /// ```
    pub fn verify_at(
        &self,
        now: DateTime<Utc>,
        raw_body: &[u8],
        signature_header: &str,
    ) -> Result<WebhookEvent, Error> {
        self.verify_signature(raw_body, signature_header)?;
        let event = parse_event(raw_body)?;
        let Some(max_age) = self.max_age else {
            return Ok(event);
        };
        let Some(timestamp) = event.timestamp else {
            if self.allow_undated {
                return Ok(event);
            }
            return Err(rejected(
                Rejection::Undated,
                "the body has no `timestamp` (the older `{type, data}` body), so its age cannot \
                 be checked against the maximum age; Verifier::allow_undated accepts such bodies",
            ));
        };
        // A negative age is a timestamp in the future.
        let age = now.signed_duration_since(timestamp);
        match age.to_std() {
            Ok(age) if age > max_age => Err(rejected(
                Rejection::TooOld,
                format!(
                    "too old: the event's signed timestamp is {} old and the maximum age is {}",
                    seconds(age),
                    seconds(max_age)
                ),
            )),
            Ok(_) => Ok(event),
            Err(_) => {
                let ahead = (-age).to_std().unwrap_or(Duration::MAX);
                if ahead > self.clock_skew {
                    Err(rejected(
                        Rejection::FromTheFuture,
                        format!(
                            "the event's signed timestamp is {} in the future, more than the \
                             clock skew tolerance of {}; check this machine's clock",
                            seconds(ahead),
                            seconds(self.clock_skew)
                        ),
                    ))
                } else {
                    Ok(event)
                }
            }
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secrets", &self.secrets.len())
            .field("max_age", &self.max_age)
            .field("clock_skew", &self.clock_skew)
            .field("allow_undated", &self.allow_undated)
            .finish()
    }
}

/// A duration in whole seconds, for error messages.
fn seconds(duration: Duration) -> String {
    format!("{}s", duration.as_secs())
}

/// Why a webhook delivery was refused: the typed reason behind an [`Error`] of kind
/// [`ErrorKind::Webhook`] from [`Verifier`] and the `verify_*` functions. Read it with
/// [`Rejection::of`].
///
/// Every rejection means "do not process this request"; answer `401`. `Display` is a short
/// phrase that quotes nothing from the request.
///
/// ```no_run
/// use gu1_kyc::webhooks::{self, Rejection, WebhookSecret};
/// let error = webhooks::verify_signature(&WebhookSecret::new("whsec_example"), b"{}", "")
///     .unwrap_err();
/// assert_eq!(Rejection::of(&error), Some(Rejection::MalformedSignature));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rejection {
    /// The signature header is missing, empty, not hex or not 64 hex digits.
    MalformedSignature,
    /// The signature does not match the body under any of the secrets: the body was changed, or
    /// it was signed with another secret, or not by gu1.
    BadSignature,
    /// No non-empty secret is configured, so nothing can verify.
    NoSecret,
    /// The signature verifies, but the event's timestamp is older than the maximum age.
    TooOld,
    /// The signature verifies, but the event's timestamp is further in the future than the
    /// clock skew tolerance.
    FromTheFuture,
    /// The signature verifies, but a maximum age is set and the body has no timestamp.
    Undated,
}

impl Rejection {
    /// The rejection behind `error`, or `None` when `error` is not a webhook rejection (for
    /// example a signed body that could not be decoded, kind [`ErrorKind::Decode`]).
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::{Rejection, Verifier};
    /// # fn demo(verifier: &Verifier, body: &[u8], header: &str) {
    /// if let Err(e) = verifier.verify(body, header) {
    ///     match Rejection::of(&e) {
    ///         Some(Rejection::TooOld) => eprintln!("a replayed or very late delivery"),
    ///         Some(other) => eprintln!("refused: {other}"),
    ///         None => eprintln!("genuine but unreadable: {e}"),
    ///     }
    /// }
    /// # }
    /// ```
    pub fn of(error: &Error) -> Option<Self> {
        if error.kind() != ErrorKind::Webhook {
            return None;
        }
        std::error::Error::source(error)?
            .downcast_ref::<Self>()
            .copied()
    }

    /// Whether the signature itself failed (as opposed to a genuine delivery refused for its
    /// age).
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::Rejection;
    /// assert!(Rejection::BadSignature.is_signature_failure());
    /// assert!(!Rejection::TooOld.is_signature_failure());
    /// ```
    pub fn is_signature_failure(self) -> bool {
        matches!(
            self,
            Self::MalformedSignature | Self::BadSignature | Self::NoSecret
        )
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MalformedSignature => "malformed or missing signature",
            Self::BadSignature => "bad signature",
            Self::NoSecret => "no webhook secret configured",
            Self::TooOld => "too old",
            Self::FromTheFuture => "timestamp in the future",
            Self::Undated => "no timestamp",
        })
    }
}

impl std::error::Error for Rejection {}

/// An error of kind [`ErrorKind::Webhook`] that says `detail` and carries `rejection`.
pub(super) fn rejected(rejection: Rejection, detail: impl Into<String>) -> Error {
    Error::new(ErrorKind::Webhook)
        .with_detail(detail)
        .with_source(rejection)
}
