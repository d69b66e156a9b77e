//! What handlers and request builders carry ([`Ctx`]): the client's shared state ([`Shared`]:
//! the call layer's context and the jobs' locks) and the options their calls run with.

use std::{sync::Arc, time::Duration};

use crate::{
    call::{Call, Context},
    error::{Error, ErrorKind, Result},
    options::RequestOptions,
    store::{InboxStore, LockGuard, LockStore, lock_key},
    types::Validation,
};

/// What the handlers of one client share: the call layer's context, the store of the locks
/// the jobs hold while they check-then-create (in process, or shared by every replica), and the
/// inbox's store, where created validations are recorded as open.
pub(crate) struct Shared {
    context: Context,
    locks: Arc<dyn LockStore>,
    inbox: Option<Arc<dyn InboxStore>>,
}

impl Shared {
    pub(crate) fn new(
        context: Context,
        locks: Arc<dyn LockStore>,
        inbox: Option<Arc<dyn InboxStore>>,
    ) -> Self {
        Self {
            context,
            locks,
            inbox,
        }
    }

    /// The call layer's context.
    pub(crate) fn context(&self) -> &Context {
        &self.context
    }
}

/// What handlers and request builders carry: the client's shared state and the options their
/// calls run with.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    shared: &'a Shared,
    options: RequestOptions,
}

impl std::fmt::Debug for Ctx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(shared: &'a Shared) -> Self {
        Self {
            shared,
            options: RequestOptions::default(),
        }
    }

    /// The same client with other options.
    pub(crate) fn with_options(self, options: RequestOptions) -> Self {
        Self { options, ..self }
    }

    /// A call under these options; the request it runs names its operation.
    pub(crate) fn call(&self) -> Call {
        self.shared.context.call(self.options)
    }

    /// Records `validation` as open in the inbox's store, when the client has one, so that the
    /// reconciler watches it. A store that fails is logged, not returned: the validation exists
    /// either way, and the reconciler records it when it next lists it open.
    pub(crate) async fn record_open(&self, validation: &Validation) {
        let Some(inbox) = &self.shared.inbox else {
            return;
        };
        if let Err(error) = inbox
            .record_status(&validation.id, &validation.status)
            .await
        {
            tracing::warn!(
                error = %error,
                "gu1-kyc: a validation could not be recorded as open; the reconciler records it \
                 when it next lists it"
            );
        }
    }

    /// Holds the lock of `scope` for `value` (an entity ID, an external ID: the store sees only
    /// a digest of it) for as long as a check-then-create under these options can take.
    pub(crate) async fn lock(&self, scope: &str, value: &str) -> Result<LockGuard> {
        // The critical section is two calls, each within the call deadline: the lock outlives
        // them, and a waiter waits for one whole holder.
        let deadline = self.shared.context.deadline(&self.options);
        let ttl = deadline
            .saturating_mul(2)
            .saturating_add(Duration::from_secs(5));
        self.shared
            .locks
            .acquire(&lock_key(scope, value), ttl, ttl)
            .await
            .map_err(|e| {
                Error::new(ErrorKind::Store)
                    .with_detail(e.to_string())
                    .with_source(e)
            })
    }
}

/// Adds `with_options` to a handler or request builder that holds a `ctx: Ctx`; `$example` is
/// how a doc example obtains one from a client.
macro_rules! with_options {
    ($type:ident, $example:literal) => {
        impl $type<'_> {
            /// Runs the calls made from here with these timeout, deadline and retry overrides.
            ///
            #[doc = concat!(
                "```no_run\n",
                "# fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId, ",
                "id: gu1_kyc::types::ValidationId, document: gu1_kyc::ImageInput, ",
                "selfie: gu1_kyc::ImageInput) {\n",
                "use std::time::Duration;\n",
                "let options = gu1_kyc::RequestOptions::new().deadline(Duration::from_secs(5));\n",
                "let request = client.", $example, ".with_options(options);\n",
                "# }\n",
                "```"
            )]
            pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
                self.ctx = self.ctx.with_options(options);
                self
            }
        }
    };
}
pub(crate) use with_options;
