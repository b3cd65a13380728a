//! The profile's OTR files: mode 0600, atomic replacement that survives kill -9, and damaged
//! files reported clearly and left untouched.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod support;

use messenger_otr::{FileKind, OtrAccount, OtrCore, OtrError, OtrSettings};
use messenger_protocol::ProtocolKind;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

const BIG: usize = 4 * 1024 * 1024;
const CHILD_ENV: &str = "MESSENGER_OTR_ATOMIC_WRITER";

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn key_fingerprints_and_instance_tags_are_0600() {
    let mut pair = support::Pair::new(OtrSettings::default(), OtrSettings::default());
    let peer = pair.alice.peer.clone();
    pair.alice.core.start_session(&peer);
    pair.pump();
    assert!(pair.alice.is_private());
    for name in ["otr.private_key", "otr.fingerprints", "otr.instance_tags"] {
        let path = pair.alice.dir.path().join(name);
        assert!(path.exists(), "{name} written");
        assert_eq!(mode(&path), 0o600, "{name}");
    }
    let fingerprints =
        std::fs::read_to_string(pair.alice.dir.path().join("otr.fingerprints")).unwrap();
    assert!(
        fingerprints.starts_with("bob\talice\tirc\t"),
        "bob's fingerprint stored"
    );
}

#[test]
fn the_key_persists_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let account = OtrAccount::new("carol", ProtocolKind::Irc);
    let fingerprint = {
        let mut core = OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
        core.start_key_generation(&account);
        core.complete_key_generations_blocking();
        core.own_fingerprint(&account).unwrap()
    };
    let reopened = OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
    assert_eq!(reopened.own_fingerprint(&account), Some(fingerprint));
}

#[test]
fn a_truncated_key_file_is_a_clear_error_and_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let account = OtrAccount::new("dave", ProtocolKind::Xmpp);
    {
        let mut core = OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
        core.start_key_generation(&account);
        core.complete_key_generations_blocking();
    }
    let key = dir.path().join("otr.private_key");
    let full = std::fs::read(&key).unwrap();
    let truncated = &full[..full.len() / 2];
    std::fs::write(&key, truncated).unwrap();
    let error = OtrCore::open(dir.path(), OtrSettings::default())
        .err()
        .expect("must fail");
    assert!(
        matches!(
            error,
            OtrError::CorruptFile {
                kind: FileKind::PrivateKey,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("private key") && message.contains("left untouched"),
        "{message}"
    );
    assert_eq!(std::fs::read(&key).unwrap(), truncated, "never overwritten");
}

#[test]
fn a_damaged_fingerprints_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("otr.fingerprints");
    std::fs::write(&path, b"bob\talice\tirc\t0123456789abcdef0123").unwrap();
    let error = OtrCore::open(dir.path(), OtrSettings::default())
        .err()
        .expect("must fail");
    assert!(
        matches!(
            error,
            OtrError::CorruptFile {
                kind: FileKind::Fingerprints,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"bob\talice\tirc\t0123456789abcdef0123"
    );
}

/// Not a test on its own: the child process of `kill_9_during_writes_leaves_a_whole_file`.
#[test]
fn atomic_writer_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let contents = [vec![b'A'; BIG], vec![b'B'; BIG]];
    for round in 0.. {
        private_file::write(&path, &contents[round % 2]).unwrap();
    }
}

#[test]
fn kill_9_during_writes_leaves_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("otr.private_key");
    private_file::write(&path, &vec![b'A'; BIG]).unwrap();
    for delay_ms in [150, 260, 410] {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "atomic_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // SIGKILL: no chance to clean up, like a crash or power loss of the process.
        child.kill().unwrap();
        child.wait().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), BIG, "a whole file, never a partial one");
        assert!(
            bytes.iter().all(|&b| b == bytes[0]),
            "one version, never a mix"
        );
        assert_eq!(mode(&path), 0o600);
    }
}
