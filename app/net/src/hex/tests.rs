use super::*;

#[test]
fn round_trip_with_and_without_colons() {
    let bytes: [u8; 32] = std::array::from_fn(|i| (i * 7) as u8);
    let plain = encode(&bytes);
    assert_eq!(decode_sha256(&plain), Some(bytes));
    let colons: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
    assert_eq!(decode_sha256(&colons.join(":")), Some(bytes));
    assert_eq!(decode_sha256("abc"), None);
    assert_eq!(decode_sha256(&"zz".repeat(32)), None);
}
