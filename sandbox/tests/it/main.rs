//! The sandbox's integration tests, in one binary: a module per area, and one `support` tree
//! (a client that checks every answer against the spec, and the test kit's plain client).

mod support;

mod bad_input;
#[cfg(unix)]
mod binary;
mod browser;
mod contract;
mod control;
mod control_contract;
mod delivery_control;
mod delivery_faults;
mod drift;
mod faults;
mod hosted_page;
mod isolation;
mod limits;
mod rate_limit;
mod request_log;
mod request_validation;
mod strict;
mod uploads;
mod validations;
mod webhooks;
