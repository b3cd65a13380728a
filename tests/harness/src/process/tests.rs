use super::*;

#[test]
fn drop_stops_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new("sleep");
    command.arg("60");
    let guard = ProcessGuard::spawn("sleep", command, dir.path().join("sleep.log")).unwrap();
    let pid = guard.pid();
    assert!(process_is_running(pid));
    drop(guard);
    assert!(!process_is_running(pid));
}

#[test]
fn a_process_ignoring_sigterm_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new("sh");
    // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
    command.args(["-c", "trap '' TERM; exec sleep 60"]);
    let guard = ProcessGuard::spawn("sh", command, dir.path().join("sh.log")).unwrap();
    let pid = guard.pid();
    thread::sleep(Duration::from_millis(100));
    drop(guard);
    assert!(!process_is_running(pid));
}

#[test]
fn an_exit_error_carries_the_log_tail() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new("sh");
    command.args(["-c", "echo something went wrong >&2; exit 3"]);
    let mut guard = ProcessGuard::spawn("sh", command, dir.path().join("sh.log")).unwrap();
    thread::sleep(Duration::from_millis(200));
    let text = guard
        .ensure_running("nothing", Some(1))
        .unwrap_err()
        .to_string();
    assert!(text.contains("exit code 3"), "{text}");
    assert!(text.contains("something went wrong"), "{text}");
}

#[test]
fn descendants_are_found_through_two_generations() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new("sh");
    // The inner shell forks a sleep and waits for it: two generations below the guard.
    command.args(["-c", "sh -c 'sleep 60; true' & wait"]);
    let guard = ProcessGuard::spawn("sh", command, dir.path().join("sh.log")).unwrap();
    let mut found = Vec::new();
    for _ in 0..200 {
        found = descendants(guard.pid());
        if found.len() >= 2 {
            break;
        }
        thread::sleep(Duration::from_millis(10));
    }
    assert!(found.len() >= 2, "{found:?}");
    for pid in &found {
        kill_now(*pid);
    }
}

#[test]
fn a_slow_command_is_killed_at_its_limit() {
    let mut command = Command::new("sleep");
    command.arg("60");
    let started = Instant::now();
    let error = run_command("sleep", command, None, Duration::from_millis(200)).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(error.to_string().contains("killed"), "{error}");
}

#[test]
fn a_timed_out_command_takes_its_children_along() {
    let mut command = Command::new("sh");
    command.args(["-c", "sleep 60 & echo \"child $!\"; wait"]);
    let error = run_command("sh", command, None, Duration::from_millis(300)).unwrap_err();
    let text = error.to_string();
    let pid: u32 = text
        // The last "child ": the first is in the command line the error quotes.
        .rsplit("child ")
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pid| pid.parse().ok())
        .unwrap_or_else(|| panic!("no child pid in: {text}"));
    thread::sleep(Duration::from_millis(100));
    assert!(!process_is_running(pid), "{text}");
}
