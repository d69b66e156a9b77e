// @hey-api/openapi-ts: a fetch client, zod schemas, and an SDK that checks every JSON response
// against them (a response that does not match the spec rejects the call).
import { defineConfig } from "@hey-api/openapi-ts";

export default defineConfig({
  input: process.env.SPEC ?? "../../../openapi/gu1-kyc.yaml",
  output: "generated/hey-api",
  plugins: [
    "@hey-api/client-fetch",
    "zod",
    // Requests are not validated: zod has no schema for an OpenAPI 3.0 `format: binary` string,
    // so it would refuse a Blob as a file part. Every JSON response is validated.
    { name: "@hey-api/sdk", validator: { request: false, response: "zod" } },
  ],
});
