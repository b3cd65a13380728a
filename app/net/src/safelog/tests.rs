use super::*;

#[test]
fn scrubbed_by_default_in_display_and_debug() {
    // This test never turns unsafe logging on: tests in this binary run in parallel and
    // share the switch, so only the default is checked here.
    let nick = Sensitive::new("alice".to_owned());
    assert_eq!(format!("{nick}"), SCRUBBED);
    assert_eq!(format!("{nick:?}"), SCRUBBED);
    assert_eq!(format!("{:?}", Some(&nick)), "Some([scrubbed])");
    assert_eq!(nick.as_inner(), "alice");
    assert_eq!(nick.into_inner(), "alice");
}
