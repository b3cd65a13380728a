//! Forgetting an account: its key, instance tag and contacts' fingerprints leave memory and
//! the real profile files; the other accounts' data stays as it was.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too

mod support;

use messenger_otr::{OtrAccount, OtrCore, OtrSettings, PeerId, SessionState};
use messenger_protocol::ProtocolKind;
use support::{Pair, Side, side};

fn read(side_dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(side_dir.join(name)).unwrap()
}

#[test]
fn forgetting_an_account_removes_its_key_tag_and_fingerprints_from_the_files() {
    let settings = OtrSettings {
        allow_v3: true,
        ..OtrSettings::default()
    };
    // alice (account "alice") talks privately with bob...
    let mut first = Pair::new(settings.clone(), settings.clone());
    let peer = first.alice.peer.clone();
    first.alice.core.start_session(&peer);
    first.pump();
    assert!(first.alice.is_private());
    let Pair { alice, .. } = first;
    let Side {
        core,
        me: alice_account,
        peer: bob,
        dir,
        ..
    } = alice;
    // ...and the same profile's second account "alice2" with dave.
    let other = OtrAccount::new("alice2", ProtocolKind::Irc);
    let dave = PeerId::new(other.clone(), "dave");
    let mut second = Pair {
        alice: Side {
            core,
            me: other.clone(),
            peer: dave.clone(),
            events: Vec::new(),
            dir,
        },
        bob: side("dave", "alice2", settings.clone()),
        wire: Vec::new(),
    };
    second.alice.core.start_session(&dave);
    second.pump();
    assert!(second.alice.is_private());
    let Pair { alice, .. } = second;
    let Side { mut core, dir, .. } = alice;
    let path = dir.path();

    let other_key = core.own_fingerprint(&other).unwrap();
    let dave_fingerprints = core.fingerprints(&dave);
    assert_eq!(dave_fingerprints.len(), 1);
    assert!(read(path, "otr.fingerprints").contains("bob\talice\tirc\t"));
    assert!(read(path, "otr.instance_tags").contains("alice\tirc\t"));
    let key_file_before = read(path, "otr.private_key");

    core.forget_account(&alice_account).unwrap();

    // In memory.
    assert_eq!(core.own_fingerprint(&alice_account), None);
    assert!(core.fingerprints(&bob).is_empty());
    assert_eq!(core.session_state(&bob), SessionState::Plaintext);
    assert_eq!(core.own_fingerprint(&other), Some(other_key));
    assert_eq!(core.fingerprints(&dave).len(), 1);
    assert!(
        matches!(core.session_state(&dave), SessionState::Encrypted { .. }),
        "the other account's conversation goes on"
    );

    // In the files, which stay 0600.
    let fingerprints = read(path, "otr.fingerprints");
    assert!(!fingerprints.contains("\talice\tirc\t"), "{fingerprints}");
    assert!(fingerprints.contains("dave\talice2\tirc\t"));
    let tags = read(path, "otr.instance_tags");
    assert!(
        !tags.lines().any(|l| l.starts_with("alice\tirc\t")),
        "{tags}"
    );
    assert!(tags.lines().any(|l| l.starts_with("alice2\tirc\t")));
    let key_file = read(path, "otr.private_key");
    assert!(key_file.len() < key_file_before.len());
    assert!(!key_file.contains("(name alice)"), "{key_file}");
    for name in ["otr.private_key", "otr.fingerprints", "otr.instance_tags"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path.join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A fresh start from the files sees the same.
    let mut reopened = OtrCore::open(path, settings.clone()).unwrap();
    assert_eq!(reopened.own_fingerprint(&alice_account), None);
    assert_eq!(reopened.own_fingerprint(&other), Some(other_key));
    assert!(reopened.fingerprints(&bob).is_empty());
    assert_eq!(reopened.fingerprints(&dave).len(), 1);

    // Using the account again makes a new key; forgetting twice is harmless.
    reopened.start_key_generation(&alice_account);
    reopened.complete_key_generations_blocking();
    let new_key = reopened.own_fingerprint(&alice_account).unwrap();
    assert_ne!(Some(new_key), None);
    reopened.forget_account(&alice_account).unwrap();
    reopened.forget_account(&alice_account).unwrap();
    assert_eq!(reopened.own_fingerprint(&alice_account), None);
    assert_eq!(reopened.own_fingerprint(&other), Some(other_key));
    // The last key gone leaves an empty key list that opens fine.
    reopened.forget_account(&other).unwrap();
    assert_eq!(read(path, "otr.private_key"), "(privkeys\n)\n");
    drop(reopened);
    let empty = OtrCore::open(path, settings).unwrap();
    assert_eq!(empty.own_fingerprint(&other), None);
}

#[test]
fn the_engine_forgets_an_account_on_its_thread() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _events) =
        messenger_otr::OtrEngine::start(dir.path(), OtrSettings::default()).unwrap();
    let account = OtrAccount::new("erin", ProtocolKind::Xmpp);
    engine.generate_key(account.clone()).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while engine
        .own_fingerprint(account.clone())
        .wait()
        .unwrap()
        .is_none()
    {
        assert!(std::time::Instant::now() < deadline, "key generated");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    engine.forget_account(account.clone()).wait().unwrap();
    assert_eq!(engine.own_fingerprint(account).wait().unwrap(), None);
    assert!(!read(dir.path(), "otr.private_key").contains("erin"));
}

#[test]
fn a_damaged_key_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let account = OtrAccount::new("frank", ProtocolKind::Irc);
    let mut core = OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
    core.start_key_generation(&account);
    core.complete_key_generations_blocking();
    drop(core);
    let mut core = OtrCore::open(dir.path(), OtrSettings::default()).unwrap();
    // Damaged after loading (e.g. by another program): the rewrite refuses to guess.
    let path = dir.path().join("otr.private_key");
    std::fs::write(&path, "(privkeys (account (name frank)").unwrap();
    let error = core.forget_account(&account).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("OTR private key file is damaged"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(privkeys (account (name frank)"
    );
}
