//! Raw FFI bindings to libotr 4.1.1.
//!
//! Everything here is `unsafe` C; the safe layer lives in the messenger's `otr` crate.
#![allow(non_camel_case_types, non_snake_case)]

use std::os::raw::{c_char, c_uint};

unsafe extern "C" {
    /// Returns libotr's version string, e.g. `"4.1.1"`.
    pub fn otrl_version() -> *const c_char;
    /// Initialises libotr; must be called once before anything else.
    pub fn otrl_init(ver_major: c_uint, ver_minor: c_uint, ver_sub: c_uint) -> u32;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn links_libotr_4_1_1() {
        // SAFETY: otrl_version returns a pointer to a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(otrl_version()) };
        assert_eq!(version.to_str().unwrap(), "4.1.1");
    }
}
