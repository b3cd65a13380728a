//! Random tokens for names and secrets that must differ between runs (an Erlang cookie, a
//! server link password).

use std::io::Read;

use crate::HarnessError;

/// `bytes` random bytes from the kernel, as lowercase hex.
pub(crate) fn random_hex(component: &str, bytes: usize) -> Result<String, HarnessError> {
    let mut buffer = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut file| file.read_exact(&mut buffer))
        .map_err(|e| HarnessError::io(component, "reading /dev/urandom", e))?;
    Ok(buffer.iter().map(|byte| format!("{byte:02x}")).collect())
}
