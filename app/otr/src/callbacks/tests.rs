//! A panic inside a callback never unwinds into libotr.

use super::*;
use crate::types::OtrSettings;

fn state() -> CallbackState {
    CallbackState {
        us: std::ptr::null_mut(),
        settings: OtrSettings::default(),
        instance_tags_path: PathBuf::new(),
        events: Vec::new(),
        flags: CallFlags::default(),
        fingerprints_dirty: false,
        timer_interval: None,
        smp_to_abort: Vec::new(),
        panicked: false,
        activity: false,
        last_injected: None,
    }
}

#[test]
fn a_panicking_callback_returns_its_default_and_is_recorded() {
    let mut state = state();
    let opdata: *mut c_void = (&raw mut state).cast();
    // SAFETY: opdata points at `state`, which nothing else borrows meanwhile.
    let value = unsafe {
        with_state(opdata, 7, |_| -> i32 {
            panic!("a bug in a callback");
        })
    };
    assert_eq!(value, 7);
    assert!(state.panicked);
    // And a real callback entry point, called as libotr would, with the flag reset.
    state.panicked = false;
    // SAFETY: as above; a NULL context is allowed by the callback.
    let size = unsafe { max_message_size(opdata, std::ptr::null_mut()) };
    assert_eq!(size, 400);
    assert!(!state.panicked);
}

#[test]
fn a_callback_with_no_state_does_nothing() {
    // SAFETY: NULL opdata is handled before any dereference.
    let value = unsafe { with_state(std::ptr::null_mut(), 3, |_| 5) };
    assert_eq!(value, 3);
}
