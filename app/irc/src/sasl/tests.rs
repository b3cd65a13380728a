use super::*;

#[test]
fn encodes_plain_and_splits() {
    assert_eq!(plain_payloads("bob", "pw"), vec!["Ym9iAGJvYgBwdw=="]);
    let long = plain_payloads("a", &"x".repeat(600));
    assert!(long.len() >= 2);
    assert!(long.iter().all(|p| p.len() <= 400));
}
