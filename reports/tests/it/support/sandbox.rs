//! The embedded sandbox with a client for its first organization, bounded polling, and the
//! hosted page played as the customer.

use std::time::Duration;

use gu1_kyc::{
    Client,
    types::{Entity, Validation, ValidationId, ValidationStatus},
};
use gu1_kyc_sandbox::Sandbox;

/// How long a poll waits in all, and between reads.
const POLL_FOR: Duration = Duration::from_secs(5);
const POLL_EVERY: Duration = Duration::from_millis(20);

/// A sandbox of its own, and a client for its first organization.
pub(crate) struct World {
    /// Kept so that the sandbox runs as long as the world.
    _sandbox: Sandbox,
    pub(crate) client: Client,
}

impl World {
    /// Starts a sandbox whose test numbers move every 20 ms.
    pub(crate) async fn start() -> Self {
        let sandbox = Sandbox::builder()
            .outcome_delay(Duration::from_millis(20))
            .start()
            .await
            .expect("the sandbox starts");
        let client = Client::builder()
            .api_key(sandbox.api_key())
            .organization_id(sandbox.organization_id())
            .base_url(sandbox.base_url())
            .build()
            .expect("the client builds");
        Self {
            _sandbox: sandbox,
            client,
        }
    }

    /// A person with `tax_id` (the sandbox picks the outcome from it) and a validation for it.
    pub(crate) async fn validated_person(&self, tax_id: &str) -> (Entity, Validation) {
        let person = self
            .client
            .entities()
            .create_person("Ana Test", "AR")
            .tax_id(tax_id)
            .send()
            .await
            .expect("the person is created");
        let validation = self
            .client
            .validations()
            .create(&person.id)
            .send()
            .await
            .expect("the validation is created");
        (person, validation)
    }

    /// A person with the in-review `tax_id`, and its validation once it waits for a decision.
    pub(crate) async fn in_review(&self, tax_id: &str) -> (Entity, ValidationId) {
        let (person, validation) = self.validated_person(tax_id).await;
        self.wait_for_status(&validation.id, ValidationStatus::InReview)
            .await;
        (person, validation.id)
    }

    /// Polls the validation every 20 ms until it has `status`, failing after 5 s.
    pub(crate) async fn wait_for_status(
        &self,
        id: &ValidationId,
        status: ValidationStatus,
    ) -> Validation {
        let deadline = tokio::time::Instant::now() + POLL_FOR;
        loop {
            let validation = self.client.validations().get(id).await.expect("get");
            if validation.status == status {
                return validation;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for the validation to become {status}"
            );
            tokio::time::sleep(POLL_EVERY).await;
        }
    }
}

/// Plays the customer on the hosted page: starts the session, then finishes it with `outcome`.
pub(crate) async fn complete_hosted_session(url: &str, outcome: &str) {
    let browser = reqwest::Client::new();
    for (step, body) in [
        ("start", String::new()),
        ("complete", format!("outcome={outcome}")),
    ] {
        browser
            .post(format!("{url}/{step}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .unwrap_or_else(|e| panic!("the hosted page's {step} step failed: {e}"));
    }
}
