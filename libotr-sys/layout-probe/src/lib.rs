//! Test-only helper: sizes and offsets of libotr's structs as the C compiler sees them in
//! the installed headers, for `libotr-sys`'s layout test.

use std::ffi::CString;
use std::os::raw::c_char;

unsafe extern "C" {
    fn otr_layout_probe(key: *const c_char) -> usize;
}

/// The C value for `key` ("sizeof ConnContext", "alignof Fingerprint",
/// "offsetof ConnContext.auth"), or `None` if the probe does not know the key.
pub fn c_layout(key: &str) -> Option<usize> {
    let key = CString::new(key).ok()?;
    // SAFETY: the probe reads a NUL-terminated string and only compares it.
    let value = unsafe { otr_layout_probe(key.as_ptr()) };
    (value != usize::MAX).then_some(value)
}
