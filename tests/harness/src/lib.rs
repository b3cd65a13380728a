//! Test support: starts real components on free loopback ports and stops them on drop.

pub mod ports;
