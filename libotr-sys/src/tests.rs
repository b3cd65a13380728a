use super::*;

#[test]
fn links_libotr_4_1_1() {
    assert_eq!(version(), "4.1.1");
}

#[test]
fn linked_as_configured() {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let shared = maps.contains("libotr.so") || maps.contains("libgcrypt.so");
    if cfg!(libotr_static) {
        assert!(!shared, "static build maps a shared libotr or libgcrypt");
    } else {
        assert!(maps.contains("libotr.so") && maps.contains("libgcrypt.so"));
    }
}

#[test]
fn init_is_idempotent_and_succeeds() {
    assert_eq!(init(), 0);
    assert_eq!(init(), 0);
}

#[test]
fn userstate_create_and_free() {
    assert_eq!(init(), 0);
    // SAFETY: a fresh userstate, freed once, on this thread only.
    unsafe {
        let us = otrl_userstate_create();
        assert!(!us.is_null());
        assert!((*us).context_root.is_null());
        otrl_userstate_free(us);
    }
}
