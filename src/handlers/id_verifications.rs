//! Document-only ID verification: upload document images, read the stored audit records and
//! download the stored images.

use crate::{
    download::Download,
    error::{Error, Result},
    handlers::ctx::{Ctx, with_options},
    handlers::records::record_list,
    operation::Operation,
    types::{
        EntityId, IdVerificationId, IdVerificationRecord, IdVerificationResult,
        IdVerificationStatus, Sensitive,
    },
    upload::{Form, ImageInput, link_setters},
};

/// ID-verification calls; from [`Client::id_verifications`](crate::Client::id_verifications).
#[derive(Clone, Copy, Debug)]
pub struct IdVerifications<'a> {
    ctx: Ctx<'a>,
}

with_options!(IdVerifications, "id_verifications()");

impl<'a> IdVerifications<'a> {
    pub(crate) fn new(ctx: Ctx<'a>) -> Self {
        Self { ctx }
    }

    /// Starts a document-only verification of the document's front; add the back of two-sided
    /// documents with [`CreateIdVerification::back`].
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// use gu1_kyc::ImageInput;
    /// let result = client
    ///     .id_verifications()
    ///     .create(ImageInput::from_path("id-front.jpg").await?)
    ///     .back(ImageInput::from_path("id-back.jpg").await?)
    ///     .send()
    ///     .await?;
    /// println!("{}: record {}", result.status, result.verification_id);
    /// # Ok(()) }
    /// ```
    pub fn create(&self, front: ImageInput) -> CreateIdVerification<'a> {
        CreateIdVerification {
            ctx: self.ctx,
            front,
            back: None,
            entity_id: None,
            vendor_data: None,
            perform_document_liveness: None,
            minimum_age: None,
            expiration_date_not_detected_action: None,
            invalid_mrz_action: None,
            inconsistent_data_action: None,
        }
    }

    /// Lists the organization's ID-verification records, newest first.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.id_verifications().list().limit(20).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListIdVerifications<'a> {
        ListIdVerifications::new(self.ctx)
    }

    /// Reads one record by its ID (the upload's `verificationId`).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let record = client.id_verifications().get(&id).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &IdVerificationId) -> Result<IdVerificationRecord> {
        let call = self.ctx.call();
        call.json(call.api().get_id_verification().id(id.clone()))
            .await
    }

    /// Downloads the stored front image; [`Error::is_not_found`](crate::Error::is_not_found)
    /// when none was stored.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
    /// client.id_verifications().front_image(&id).await?.save("front.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn front_image(&self, id: &IdVerificationId) -> Result<Download> {
        let call = self.ctx.call();
        let request = call.api().get_id_verification_front_image().id(id.clone());
        call.download(request).await
    }

    /// Downloads the stored back image; not found when the document had no back.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::IdVerificationId) -> gu1_kyc::Result<()> {
    /// client.id_verifications().back_image(&id).await?.save("back.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn back_image(&self, id: &IdVerificationId) -> Result<Download> {
        let call = self.ctx.call();
        let request = call.api().get_id_verification_back_image().id(id.clone());
        call.download(request).await
    }
}

/// The images and options of a document verification; from [`IdVerifications::create`].
#[derive(Debug)]
#[must_use = "a request does nothing until you call send()"]
pub struct CreateIdVerification<'a> {
    ctx: Ctx<'a>,
    front: ImageInput,
    back: Option<ImageInput>,
    entity_id: Option<EntityId>,
    vendor_data: Option<Sensitive<String>>,
    perform_document_liveness: Option<bool>,
    minimum_age: Option<u32>,
    expiration_date_not_detected_action: Option<String>,
    invalid_mrz_action: Option<String>,
    inconsistent_data_action: Option<String>,
}

impl CreateIdVerification<'_> {
    /// The back of a two-sided document.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) -> gu1_kyc::Result<()> {
    /// let back = gu1_kyc::ImageInput::from_path("id-back.jpg").await?;
    /// let request = client.id_verifications().create(front).back(back);
    /// # Ok(()) }
    /// ```
    pub fn back(mut self, back: ImageInput) -> Self {
        self.back = Some(back);
        self
    }

    /// Also check that the document is physically present (not a screen or a copy).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) {
    /// let request = client.id_verifications().create(front).perform_document_liveness(true);
    /// # }
    /// ```
    pub fn perform_document_liveness(mut self, enabled: bool) -> Self {
        self.perform_document_liveness = Some(enabled);
        self
    }

    /// Raise `MINIMUM_AGE_NOT_MET` when the holder is younger than this.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) {
    /// let request = client.id_verifications().create(front).minimum_age(18);
    /// # }
    /// ```
    pub fn minimum_age(mut self, years: u32) -> Self {
        self.minimum_age = Some(years);
        self
    }

    /// What to do when no expiry date is found. The API does not document the values; the
    /// provider's are `NO_ACTION` and `DECLINE`.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) {
    /// let request = client.id_verifications().create(front).expiration_date_not_detected_action("DECLINE");
    /// # }
    /// ```
    pub fn expiration_date_not_detected_action(mut self, action: impl Into<String>) -> Self {
        self.expiration_date_not_detected_action = Some(action.into());
        self
    }

    /// What to do when the machine-readable zone is invalid (`NO_ACTION` or `DECLINE` at the
    /// provider).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) {
    /// let request = client.id_verifications().create(front).invalid_mrz_action("NO_ACTION");
    /// # }
    /// ```
    pub fn invalid_mrz_action(mut self, action: impl Into<String>) -> Self {
        self.invalid_mrz_action = Some(action.into());
        self
    }

    /// What to do when the document's data is inconsistent (`NO_ACTION` or `DECLINE` at the
    /// provider).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) {
    /// let request = client.id_verifications().create(front).inconsistent_data_action("DECLINE");
    /// # }
    /// ```
    pub fn inconsistent_data_action(mut self, action: impl Into<String>) -> Self {
        self.inconsistent_data_action = Some(action.into());
        self
    }

    /// Uploads the images and returns the outcome. Not retried once the upload may have reached
    /// the server (only a refused connection or a 429 is), so a retry never runs a second,
    /// billed verification.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, front: gu1_kyc::ImageInput) -> gu1_kyc::Result<()> {
    /// let result = client.id_verifications().create(front).minimum_age(18).send().await?;
    /// if let Some(data) = &result.extracted_data {
    ///     println!("document type: {:?}", data.document_type);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) before sending when an image is empty,
    /// over 5 MB, not JPEG/PNG/WebP/TIFF, labelled with a content type its bytes contradict, or
    /// bad base64, or the minimum age exceeds the API's 32-bit integer; the API's errors
    /// otherwise (`INVALID_REQUEST`, `UNAUTHORIZED`, `NOT_CONFIGURED`, `NOT_ENABLED`,
    /// `QUOTA_EXCEEDED`, `VERIFICATION_FAILED`, `SERVICE_UNAVAILABLE`).
    pub async fn send(self) -> Result<IdVerificationResult> {
        self.ctx
            .call()
            .multipart(Operation::CreateIdVerification, self.form())
            .await
    }

    fn form(self) -> Result<Form> {
        if self
            .minimum_age
            .is_some_and(|age| i32::try_from(age).is_err())
        {
            return Err(Error::invalid_input(format!(
                "minimumAge: at most {} (a 32-bit integer)",
                i32::MAX
            )));
        }
        let mut form = Form::new().image("documentFront", self.front)?;
        if let Some(back) = self.back {
            form = form.image("documentBack", back)?;
        }
        Ok(form
            .text("entityId", self.entity_id)
            .text("vendorData", self.vendor_data.map(Sensitive::into_inner))
            .text("performDocumentLiveness", self.perform_document_liveness)
            .text("minimumAge", self.minimum_age)
            .text(
                "expirationDateNotDetectedAction",
                self.expiration_date_not_detected_action,
            )
            .text("invalidMrzAction", self.invalid_mrz_action)
            .text("inconsistentDataAction", self.inconsistent_data_action))
    }
}

link_setters!(CreateIdVerification, "id_verifications().create(document)");

record_list!(
    /// Filters and paging of the ID-verification records; from [`IdVerifications::list`].
    ListIdVerifications, IdVerificationStatus, IdVerificationRecord,
    list_id_verifications, "id_verifications"
);

with_options!(CreateIdVerification, "id_verifications().create(document)");
with_options!(ListIdVerifications, "id_verifications().list()");
