//! XEdDSA (Signal's "The XEdDSA and VXEdDSA Signature Schemes", revision 1, section 2.3 and
//! 2.4) on Curve25519, built from curve25519-dalek's group arithmetic and SHA-512.
//!
//! OMEMO 0.3 identity keys are Montgomery (X25519) keys; the signature on a signed pre-key is
//! an XEdDSA signature. Older libsignal code ("curve_sigs") and python-omemo carry the sign
//! bit of the Edwards form of the identity key in the otherwise unused top bit of the
//! signature (bit 255 of `s`); XEdDSA signatures have that bit at 0. [`verify`] accepts both:
//! it takes the sign bit from the signature and clears it before checking, exactly as
//! libsignal's `curve25519_verify` does.
//!
//! No well-kept XEdDSA crate exists (the `xeddsa` crate on crates.io is a one-person project
//! built on an older curve25519-dalek), so the two functions below follow the specification
//! line by line on top of the dalek primitives; they are checked against libxeddsa (through
//! the Python `xeddsa` package) in `tests/vectors.rs`.

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::scalar::{Scalar, clamp_integer};
use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// `hash_1` of the specification: SHA-512 of (2^256 - 2, little-endian) || input.
fn hash1_prefix() -> [u8; 32] {
    let mut prefix = [0xFFu8; 32];
    prefix[0] = 0xFE;
    prefix
}

/// Signs `message` with the X25519 private key `private_key` (clamped here) and the 64
/// random bytes `nonce` (`Z` in the specification).
pub fn sign(private_key: &[u8; 32], message: &[u8], nonce: &[u8; 64]) -> [u8; 64] {
    // calculate_key_pair(k): E = kB; A = E with the sign bit cleared; a = k or -k.
    let mut clamped = clamp_integer(*private_key);
    let mut k = Scalar::from_bytes_mod_order(clamped);
    let edwards = EdwardsPoint::mul_base(&k).compress();
    let negate = edwards.0[31] & 0x80 != 0;
    let mut a = if negate { -k } else { k };
    k.zeroize();
    let mut public = edwards.0;
    public[31] &= 0x7F;
    // The bytes of `a` that go into the nonce hash: libsignal's and libxeddsa's `xed25519_sign`
    // hash the clamped key as it is (not reduced mod q) when no negation is needed, and the
    // reduced `-k` otherwise. Any choice gives a valid signature; this one gives their bytes.
    let mut a_bytes = if negate { a.to_bytes() } else { clamped };
    clamped.zeroize();

    // r = hash_1(a || M || Z) mod q
    let mut hasher = Sha512::new();
    hasher.update(hash1_prefix());
    hasher.update(a_bytes);
    a_bytes.zeroize();
    hasher.update(message);
    hasher.update(nonce);
    let mut wide = [0u8; 64];
    wide.copy_from_slice(&hasher.finalize());
    let mut r = Scalar::from_bytes_mod_order_wide(&wide);
    wide.zeroize();

    // R = rB; h = hash(R || A || M) mod q; s = r + ha mod q
    let big_r = EdwardsPoint::mul_base(&r).compress();
    let h = challenge(&big_r.0, &public, message);
    let s = r + h * a;
    r.zeroize();
    a.zeroize();

    let mut signature = [0u8; 64];
    signature[..32].copy_from_slice(&big_r.0);
    signature[32..].copy_from_slice(s.as_bytes());
    signature
}

/// Verifies `signature` on `message` against the Montgomery public key `public_key`.
///
/// The top bit of the signature selects the sign of the Edwards form of the key (0 for
/// every XEdDSA signature; the legacy libsignal and python-omemo signers may set it).
pub fn verify(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    if !is_canonical_field_element(public_key) {
        return false;
    }
    let sign = signature[63] >> 7;
    let mut s_bytes = [0u8; 32];
    s_bytes.copy_from_slice(&signature[32..]);
    s_bytes[31] &= 0x7F;
    // s must be below 2^|q| = 2^253.
    if s_bytes[31] & 0xE0 != 0 {
        return false;
    }
    let Some(a) = MontgomeryPoint(*public_key).to_edwards(sign) else {
        return false;
    };
    if a.is_small_order() {
        return false;
    }
    let public = a.compress();
    let mut r_bytes = [0u8; 32];
    r_bytes.copy_from_slice(&signature[..32]);
    let h = challenge(&r_bytes, &public.0, message);
    let s = Scalar::from_bytes_mod_order(s_bytes);
    let check = EdwardsPoint::vartime_double_scalar_mul_basepoint(&(-h), &a, &s).compress();
    check.0.ct_eq(&r_bytes).into()
}

/// The Edwards public key that XEdDSA signs with for the X25519 private key: its sign bit
/// is always 0.
pub fn edwards_public_key(private_key: &[u8; 32]) -> [u8; 32] {
    let mut k = Scalar::from_bytes_mod_order(clamp_integer(*private_key));
    let mut public = EdwardsPoint::mul_base(&k).compress().0;
    k.zeroize();
    public[31] &= 0x7F;
    public
}

fn challenge(r: &[u8; 32], public: &[u8; 32], message: &[u8]) -> Scalar {
    let mut hasher = Sha512::new();
    hasher.update(r);
    hasher.update(public);
    hasher.update(message);
    let mut wide = [0u8; 64];
    wide.copy_from_slice(&hasher.finalize());
    Scalar::from_bytes_mod_order_wide(&wide)
}

/// Whether `u` is a canonical encoding of a field element (below 2^255 - 19).
pub(crate) fn is_canonical_field_element(u: &[u8; 32]) -> bool {
    if u[31] & 0x80 != 0 {
        return false;
    }
    // The only non-canonical values below 2^255 are p .. 2^255-1: 0x7F, then 30 bytes of
    // 0xFF, then a low byte of at least 0xED.
    !(u[31] == 0x7F && u[1..31].iter().all(|&b| b == 0xFF) && u[0] >= 0xED)
}

/// Decompresses an Ed25519 public key, refusing non-canonical and small-order ones.
pub(crate) fn edwards_point(public: &[u8; 32]) -> Option<EdwardsPoint> {
    let point = CompressedEdwardsY(*public).decompress()?;
    if point.is_small_order() || point.compress().0 != *public {
        return None;
    }
    Some(point)
}

#[cfg(test)]
mod tests;
