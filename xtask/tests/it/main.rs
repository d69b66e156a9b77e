//! The xtask's integration tests, in one binary: the diff corpus, the lint of the real spec and
//! the seed inventory.

mod diff_corpus;
mod lint_real_spec;
mod seed_inventory;
