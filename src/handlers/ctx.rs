//! What handlers and request builders carry ([`Ctx`]): the client's shared state ([`Shared`]:
//! the call layer's context and the jobs' locks) and the options their calls run with.

use crate::{
    call::{Call, Context},
    options::RequestOptions,
    types::EntityId,
};

use super::locks;

/// What the handlers of one client share: the call layer's context, and the locks the jobs
/// hold while they check-then-create.
pub(crate) struct Shared {
    context: Context,
    /// Held while a validation is created with `ensure_open`, one lock per entity.
    opening: locks::KeyedLocks<EntityId>,
}

impl Shared {
    pub(crate) fn new(context: Context) -> Self {
        Self {
            context,
            opening: locks::KeyedLocks::default(),
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

    /// The lock `ensure_open` holds for `entity`.
    pub(crate) async fn lock_opening(&self, entity: &EntityId) -> locks::Held<'a, EntityId> {
        self.shared.opening.lock(entity).await
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
