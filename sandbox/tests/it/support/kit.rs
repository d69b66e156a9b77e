//! Helpers for the test-kit tests: a plain HTTP client for the control endpoints and for API
//! answers that are not in the spec (injected faults), and small setup steps.

use reqwest::Method;
use serde_json::{Value, json};

/// A plain client (no contract check) for one organization of a sandbox.
#[derive(Clone)]
pub struct Plain {
    pub base: String,
    pub key: String,
    pub http: reqwest::Client,
}

/// A status and the parsed JSON body (`Null` when there is none).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
}

impl Plain {
    pub fn new(base: &str, key: &str) -> Plain {
        Plain {
            base: base.to_string(),
            key: key.to_string(),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .expect("a client"),
        }
    }

    pub fn for_sandbox(sandbox: &gu1_kyc_sandbox::Sandbox) -> Plain {
        Plain::new(sandbox.base_url(), sandbox.api_key())
    }

    pub fn with_key(&self, key: &str) -> Plain {
        Plain {
            key: key.to_string(),
            ..self.clone()
        }
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.key)
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the sandbox answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body");
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// Creates a person (a tax id that is no test number, so validations stay pending).
    pub async fn person(&self, tax_id: &str) -> String {
        let reply = self
            .post(
                "/entities",
                json!({"type": "person", "name": "Ana Gomez", "countryCode": "AR", "taxId": tax_id}),
            )
            .await;
        assert_eq!(reply.status, 201, "{:?}", reply.json);
        reply.json["entity"]["id"]
            .as_str()
            .expect("an id")
            .to_string()
    }

    /// Creates a validation for an entity; returns its id.
    pub async fn validation(&self, entity_id: &str) -> String {
        let reply = self
            .post(
                "/api/kyc/validations",
                json!({"entityId": entity_id, "integrationCode": "global_gueno_validation_kyc"}),
            )
            .await;
        assert_eq!(reply.status, 201, "{:?}", reply.json);
        reply.json["id"].as_str().expect("an id").to_string()
    }

    /// A validation's status as the API reports it.
    pub async fn status_of(&self, validation_id: &str) -> String {
        let reply = self
            .get(&format!("/api/kyc/validations/{validation_id}"))
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        reply.json["status"].as_str().unwrap_or("").to_string()
    }
}
