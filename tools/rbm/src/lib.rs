//! `rbm`: runs the deterministic build recipes of `projects/` (in the spirit of Tor's rbm).
//!
//! A project is `projects/NAME/config` (TOML: inputs pinned by SHA-256, dependencies, a
//! fixed environment) plus `projects/NAME/build` (a shell script). The runner fetches and
//! verifies inputs into a cache, builds dependencies first, runs each script in a fresh
//! directory with a clean environment, and stores the output under a hash of everything
//! that went into it. See docs/reproducible-builds.md.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod apt;
pub mod archive;
pub mod config;
pub mod digest;
pub mod error;
pub mod fetch;
pub mod graph;
pub mod key;
pub mod manifest;
pub mod pipeline;
pub mod sign;
pub mod sums;
pub mod toolchain;

pub use error::{Error, Result};
