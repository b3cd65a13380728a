use super::*;
use std::time::Duration;

#[test]
fn offsets_shift_the_clock() {
    let noon = UNIX_EPOCH + Duration::from_secs(12 * 3600 + 5 * 60);
    assert_eq!(hours_minutes(noon, 0), "12:05");
    assert_eq!(hours_minutes(noon, 3 * 3600 + 1800), "15:35");
    assert_eq!(hours_minutes(noon, -13 * 3600), "23:05");
}
