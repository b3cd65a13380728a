//! Benchmark-only: libotr driven by a plain C loop, the baseline `messenger-otr`'s benchmark
//! compares itself with.

use std::os::raw::{c_int, c_long};

unsafe extern "C" {
    fn otr_c_bench_one_way(count: c_long, size: usize, mms: c_int) -> f64;
}

/// CPU seconds (of the calling thread: robust on a busy machine) for alice to send `count` messages of `size` bytes to bob through libotr in C
/// (AKE excluded), fragmenting at `fragment_size` bytes (0 = no fragments). `None` if a
/// message was lost.
pub fn one_way_seconds(count: u32, size: usize, fragment_size: u32) -> Option<f64> {
    assert_eq!(libotr_sys::init(), 0, "libotr initialises");
    // SAFETY: the C loop uses only its own state and libotr, on this thread.
    let seconds = unsafe {
        otr_c_bench_one_way(
            c_long::from(count),
            size,
            c_int::try_from(fragment_size).unwrap_or(c_int::MAX),
        )
    };
    (seconds >= 0.0).then_some(seconds)
}
