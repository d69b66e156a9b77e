//! The reports' integration tests, in one binary: over the docs' example history served by a
//! strict mock, and over histories built in the embedded sandbox.

mod support;

mod mocked;
mod sandbox;
