use super::*;

#[tokio::test]
async fn exit_code_and_environment() {
    let command = AppCommand {
        program: PathBuf::from("/bin/sh"),
        args: vec![
            "-c".into(),
            "test \"$TOR_MESSENGER_SOCKS\" = 127.0.0.1:1 && exit 7".into(),
        ],
    };
    let mut app = AppProcess::spawn(&command, &[(ENV_SOCKS, "127.0.0.1:1".into())]).unwrap();
    assert_eq!(exit_code(app.wait().await.unwrap()), 7);
}

#[tokio::test]
async fn stop_escalates_to_kill() {
    let command = AppCommand {
        program: PathBuf::from("/bin/sh"),
        args: vec!["-c".into(), "trap '' TERM; sleep 30".into()],
    };
    let mut app = AppProcess::spawn(&command, &[]).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let status = app.stop(Duration::from_millis(300)).await.unwrap();
    assert_eq!(exit_code(status), 128 + 9);
}

#[test]
fn missing_program_is_an_error() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let command = AppCommand {
        program: PathBuf::from("/nonexistent/app"),
        args: Vec::new(),
    };
    let err = AppProcess::spawn(&command, &[]).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/app"), "{err}");
}
