use super::*;
use crate::sasl::exchange::encode_payload;

#[test]
fn encodes_plain_and_splits() {
    assert_eq!(
        encode_payload(&plain_message("bob", "pw")),
        vec!["Ym9iAGJvYgBwdw=="]
    );
    let long = encode_payload(&plain_message("a", &"x".repeat(600)));
    assert!(long.len() >= 2);
    assert!(long.iter().all(|p| p.len() <= 400));
}
