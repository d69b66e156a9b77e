//! gu1-kyc: Rust SDK for the gu1 KYC API.
