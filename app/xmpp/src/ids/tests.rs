use super::*;

#[test]
fn resources_are_random_hex_without_a_client_name() {
    let a = random_resource().unwrap();
    let b = random_resource().unwrap();
    assert_ne!(a, b);
    assert_eq!(a.len(), 16);
    assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(stanza_id(), stanza_id());
}
