use super::*;

#[test]
fn gives_up_after_the_limit() {
    let started = Instant::now();
    let result: Option<()> =
        poll_until(Duration::from_millis(50), Duration::from_millis(10), || {
            Ok(None)
        })
        .unwrap();
    assert!(result.is_none());
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[test]
fn returns_the_first_value() {
    let mut calls = 0;
    let result = poll_until(Duration::from_secs(5), Duration::from_millis(1), || {
        calls += 1;
        Ok((calls == 3).then_some(calls))
    })
    .unwrap();
    assert_eq!(result, Some(3));
}
