use super::*;

fn spawn(script: &str) -> ChildProcess {
    let child = tokio::process::Command::new("/bin/sh")
        .args(["-c", script])
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    ChildProcess::new(child)
}

#[tokio::test]
async fn sigterm_is_enough_for_a_polite_child() {
    let mut child = spawn("sleep 30");
    let status = child
        .terminate_then_kill(Duration::from_secs(5))
        .await
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(Signal::SIGTERM as i32));
}

#[tokio::test]
async fn an_exited_child_keeps_its_status_and_is_not_signalled() {
    let mut child = spawn("exit 3");
    assert_eq!(child.wait().await.unwrap().code(), Some(3));
    assert_eq!(child.try_exit_status().and_then(|s| s.code()), Some(3));
    let status = child.terminate_then_kill(Duration::from_millis(50)).await;
    assert_eq!(status.and_then(|s| s.code()), Some(3));
}
