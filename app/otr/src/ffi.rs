//! Helpers at the C boundary, shared by the OTR core and the libotr callbacks: Rust text to
//! C strings and back, libotr's error codes as I/O errors, and the one libotr call both
//! make outside a message (generating an instance tag and saving it).

use crate::profile::CFile;
use libotr_sys::{OtrlUserState, gcry_err_code, gcry_error_t, otrl_instag_generate_FILEp};
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::path::Path;

/// A C string for libotr, or `None` if it contains NUL.
pub(crate) fn c_string(s: &str) -> Option<CString> {
    CString::new(s).ok()
}

/// A message or body as a C string for libotr, without copying it; `None` if it contains
/// NUL (libotr would silently cut it there).
pub(crate) fn c_string_from(s: String) -> Option<CString> {
    let bytes = s.into_bytes();
    // glibc's vectorised memchr: several times faster than the portable search in
    // `CString::new` on kilobyte messages, which every message pays twice.
    // SAFETY: searches exactly the vector's initialised bytes.
    let nul = unsafe { libc::memchr(bytes.as_ptr().cast(), 0, bytes.len()) };
    if !nul.is_null() {
        return None;
    }
    // SAFETY: just checked: no NUL byte inside.
    Some(unsafe { CString::from_vec_unchecked(bytes) })
}

/// The text back from a C string made by [`c_string_from`] (no copy).
pub(crate) fn string_of(c: CString) -> String {
    c.into_string()
        .unwrap_or_else(|e| e.into_cstring().to_string_lossy().into_owned())
}

/// A C string as Rust text (lossy; NULL is empty).
///
/// # Safety
/// `ptr` is NULL or a valid NUL-terminated string.
pub(crate) unsafe fn text(ptr: *const c_char) -> String {
    if ptr.is_null() {
        return String::new();
    }
    // SAFETY: guaranteed by the caller.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    // The strict check is much faster than the lossy one; bodies are almost always UTF-8.
    // simdutf8 validates kilobyte bodies several times faster than std, and every message
    // pays this twice (its wire body and its text).
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => {
            // One byte spare: a received body goes back to libotr as a C string
            // ([`c_string_from`]), and the terminating NUL then fits without a reallocation.
            let mut owned = String::with_capacity(s.len() + 1);
            owned.push_str(s);
            owned
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A libotr (libgcrypt) error code as an I/O result, for the closures that write profile
/// files: 0 is success, anything else an error that names the code.
pub(crate) fn libotr_result(err: gcry_error_t) -> std::io::Result<()> {
    if err == 0 {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "libotr error {}",
            gcry_err_code(err)
        )))
    }
}

/// Generates our instance tag for an account and saves all tags atomically.
///
/// The core calls it before an account's first message, libotr's `create_instag` callback
/// when libotr finds a tag missing; both write the same file.
///
/// # Safety
/// `us` is a live user state, used on its own thread; `account` and `protocol` are valid
/// NUL-terminated strings.
pub(crate) unsafe fn generate_instance_tag(
    us: OtrlUserState,
    path: &Path,
    account: *const c_char,
    protocol: *const c_char,
) -> Result<(), String> {
    private_file::write_with(path, |file| {
        let c_file = CFile::from_file(file, c"wb")?;
        // SAFETY: user state and strings guaranteed by the caller; an open FILE*.
        let err = unsafe { otrl_instag_generate_FILEp(us, c_file.as_ptr(), account, protocol) };
        c_file.flush()?;
        libotr_result(err)
    })
    .map_err(|e| format!("the OTR instance tags could not be saved: {e}"))
}
