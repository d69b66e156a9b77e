//! Document-only ID verification: upload document images, read the stored audit records and
//! download the stored images.

use crate::{
    call,
    client::Client,
    download::Download,
    error::Result,
    records::record_list,
    types::{IdVerificationId, IdVerificationRecord, IdVerificationStatus},
};

/// ID-verification calls; from [`Client::id_verifications`].
#[derive(Clone, Copy, Debug)]
pub struct IdVerifications<'a> {
    client: &'a Client,
}

impl<'a> IdVerifications<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Lists the organization's ID-verification records, newest first.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.id_verifications().list().limit(20).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListIdVerifications<'a> {
        ListIdVerifications::new(self.client)
    }

    /// Reads one record by its ID (the upload's `verificationId`).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// let record = client.id_verifications().get(&id).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &IdVerificationId) -> Result<IdVerificationRecord> {
        call::json(
            "getIdVerification",
            self.client
                .api()
                .get_id_verification()
                .id(id.clone())
                .send(),
        )
        .await
    }

    /// Downloads the stored front image; [`Error::is_not_found`](crate::Error::is_not_found)
    /// when none was stored.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// client.id_verifications().front_image(&id).await?.save("front.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn front_image(&self, id: &IdVerificationId) -> Result<Download> {
        let call = self
            .client
            .api()
            .get_id_verification_front_image()
            .id(id.clone())
            .send();
        call::download("getIdVerificationFrontImage", call).await
    }

    /// Downloads the stored back image; not found when the document had no back.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::IdVerificationId) -> gu1_kyc::Result<()> {
    /// client.id_verifications().back_image(&id).await?.save("back.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn back_image(&self, id: &IdVerificationId) -> Result<Download> {
        let call = self
            .client
            .api()
            .get_id_verification_back_image()
            .id(id.clone())
            .send();
        call::download("getIdVerificationBackImage", call).await
    }
}

record_list!(
    /// Filters and paging of the ID-verification records; from [`IdVerifications::list`].
    ListIdVerifications, IdVerificationStatus, IdVerificationRecord, "listIdVerifications",
    list_id_verifications, "id_verifications"
);
