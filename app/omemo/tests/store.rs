//! Two of our own stores talking, persistence, trust, and the store file's properties.

mod common;

use common::{ALICE, Account, BOB};
use messenger_omemo::{Namespace, OmemoError, OmemoStore, Recipient, Trust, TrustPolicy};

fn conversation(namespace: Namespace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut alice = Account::new(&dir, ALICE);
    let mut bob = Account::new(&dir, BOB);

    // Pre-key messages until Bob answers; Bob reads them out of order.
    let m0 = alice.send(namespace, "m0 ünïcode", &bob);
    let m1 = alice.send(namespace, "m1", &bob);
    let m2 = alice.send(namespace, "m2", &bob);
    assert!(m0.keys[0].key_exchange && m1.keys[0].key_exchange);
    let (text, first) = bob.receive_text(ALICE, &m2);
    assert_eq!(text, "m2");
    assert!(first.new_session && first.bundle_changed);
    assert_eq!(first.trust, Trust::Undecided);
    assert_eq!(first.fingerprint, alice.store.fingerprint());
    assert_eq!(
        bob.store.pre_key_count(),
        100,
        "the used pre-key was replaced"
    );
    assert_eq!(bob.receive_text(ALICE, &m0).0, "m0 ünïcode");
    let (text, later) = bob.receive_text(ALICE, &m1);
    assert_eq!(text, "m1");
    assert!(
        !later.new_session,
        "a repeated key exchange reuses the session"
    );

    // Bob answers; Alice reads the answers out of order and stops sending key exchanges.
    let r0 = bob.send(namespace, "r0", &alice);
    let r1 = bob.send(namespace, "r1", &alice);
    assert!(!r0.keys[0].key_exchange);
    assert_eq!(alice.receive_text(BOB, &r1).0, "r1");
    assert_eq!(alice.receive_text(BOB, &r0).0, "r0");
    let m3 = alice.send(namespace, "m3", &bob);
    assert!(!m3.keys[0].key_exchange, "session confirmed");

    // Both reopen their stores from disk and go on.
    drop(alice.store);
    drop(bob.store);
    alice.store = OmemoStore::open(&alice.path, ALICE).expect("reopens");
    bob.store = OmemoStore::open(&bob.path, BOB).expect("reopens");
    let m4 = alice.send(namespace, "m4", &bob);
    assert_eq!(bob.receive_text(ALICE, &m4).0, "m4");
    assert_eq!(
        bob.receive_text(ALICE, &m3).0,
        "m3",
        "skipped key survived the restart"
    );
    let r2 = bob.send(namespace, "r2", &alice);
    assert_eq!(alice.receive_text(BOB, &r2).0, "r2");

    // A read message cannot be read twice: the skipped key was deleted.
    assert!(matches!(
        bob.store.decrypt(ALICE, &m3),
        Err(OmemoError::Duplicate)
    ));

    // No message text at rest.
    for account in [&alice, &bob] {
        let file = String::from_utf8_lossy(&account.file()).to_string();
        for text in ["m0 ünïcode", "m1", "r0", "m3\"", "r2\""] {
            assert!(
                !file.contains(text) || text.len() <= 3 && !file.contains(&format!(">{text}<")),
                "{text} at rest"
            );
        }
        assert!(!file.contains("ünïcode"));
    }
}

#[test]
fn axolotl_between_two_stores() {
    conversation(Namespace::Axolotl);
}

#[test]
fn omemo2_between_two_stores() {
    conversation(Namespace::Omemo2);
}

#[test]
fn empty_message_confirms_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut alice = Account::new(&dir, ALICE);
    let mut bob = Account::new(&dir, BOB);
    for namespace in Namespace::ALL {
        let m0 = alice.send(namespace, "hello", &bob);
        bob.receive_text(ALICE, &m0);
        let recipient = Recipient {
            jid: ALICE,
            device_id: alice.store.device_id(),
            bundle: None,
        };
        let heartbeat = bob
            .store
            .encrypt(namespace, b"", &[recipient])
            .expect("empty message")
            .message;
        assert!(heartbeat.payload.is_none());
        let decrypted = alice.store.decrypt(BOB, &heartbeat).expect("decrypts");
        assert!(decrypted.plaintext.is_none());
        assert!(!alice.send(namespace, "next", &bob).keys[0].key_exchange);
    }
}

#[cfg(unix)]
#[test]
fn store_file_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let account = Account::new(&dir, ALICE);
    let mode = std::fs::metadata(&account.path)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn corrupt_store_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corrupt.json");
    for garbage in [
        &b"{\"format\": 1, \"own_jid\": "[..],
        b"not json at all",
        b"{\"format\": 99}",
    ] {
        std::fs::write(&path, garbage).expect("write");
        let error = OmemoStore::open(&path, ALICE).expect_err("corrupt");
        assert!(matches!(error, OmemoError::CorruptStore { .. }), "{error}");
        assert!(
            !error
                .to_string()
                .contains(dir.path().to_str().expect("utf-8")),
            "no path in the message"
        );
        assert_eq!(
            std::fs::read(&path).expect("read"),
            garbage,
            "never overwritten"
        );
    }
    // Another account's store is refused too.
    let account = Account::new(&dir, BOB);
    let before = account.file();
    assert!(matches!(
        OmemoStore::open(&account.path, ALICE),
        Err(OmemoError::CorruptStore { .. })
    ));
    assert_eq!(account.file(), before);
}

#[test]
fn trust_decisions_are_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut alice = Account::new(&dir, ALICE);
    let mut bob = Account::new(&dir, BOB);
    let bob_identity = alice_sees_bob(&mut alice, &mut bob);

    // Distrusted: refused, nothing sent.
    alice
        .store
        .set_trust(BOB, bob.store.device_id(), &bob_identity, Trust::Distrusted)
        .expect("set");
    let recipient = Recipient {
        jid: BOB,
        device_id: bob.store.device_id(),
        bundle: None,
    };
    let before = alice.file();
    assert!(matches!(
        alice.store.encrypt(Namespace::Axolotl, b"x", &[recipient]),
        Err(OmemoError::NoRecipients)
    ));
    assert_eq!(alice.file(), before, "nothing stored");

    // Verified-only policy: undecided refused, verified accepted.
    alice
        .store
        .set_trust(BOB, bob.store.device_id(), &bob_identity, Trust::Undecided)
        .expect("set");
    alice
        .store
        .set_trust_policy(TrustPolicy::VerifiedOnly)
        .expect("policy");
    let refused = alice.store.encrypt(Namespace::Axolotl, b"x", &[recipient]);
    assert!(matches!(refused, Err(OmemoError::NoRecipients)));
    alice
        .store
        .set_trust(BOB, bob.store.device_id(), &bob_identity, Trust::Verified)
        .expect("set");
    let sent = alice
        .store
        .encrypt(Namespace::Axolotl, b"x", &[recipient])
        .expect("verified device");
    assert_eq!(sent.message.keys.len(), 1);
}

fn alice_sees_bob(alice: &mut Account, bob: &mut Account) -> [u8; 32] {
    let m0 = alice.send(Namespace::Axolotl, "hi", bob);
    bob.receive_text(ALICE, &m0);
    alice
        .store
        .session_identity(Namespace::Axolotl, BOB, bob.store.device_id())
        .expect("session")
}

#[test]
fn own_device_is_skipped_and_device_lists_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut alice = Account::new(&dir, ALICE);
    let own = Recipient {
        jid: ALICE,
        device_id: alice.store.device_id(),
        bundle: None,
    };
    assert!(matches!(
        alice.store.encrypt(Namespace::Omemo2, b"x", &[own]),
        Err(OmemoError::NoRecipients)
    ));
    alice
        .store
        .set_device_list(Namespace::Axolotl, ALICE, &[7, 8])
        .expect("list");
    let list = alice.store.device_list(Namespace::Axolotl);
    assert!(list.contains(&7) && list.contains(&alice.store.device_id()));
    drop(alice.store);
    alice.store = OmemoStore::open(&alice.path, ALICE).expect("reopen");
    assert_eq!(
        alice.store.devices_of(Namespace::Axolotl, ALICE),
        vec![7, 8]
    );
}

#[test]
fn signed_pre_key_rotation_keeps_the_old_key_for_late_exchanges() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut alice = Account::new(&dir, ALICE);
    let mut bob = Account::new(&dir, BOB);
    let late = alice.send(Namespace::Omemo2, "late", &bob);
    let before = bob.store.bundle(Namespace::Omemo2).signed_pre_key_id;
    bob.store.rotate_signed_pre_key(1_000_000).expect("rotate");
    assert_ne!(
        bob.store.bundle(Namespace::Omemo2).signed_pre_key_id,
        before
    );
    bob.store
        .bundle(Namespace::Omemo2)
        .verify()
        .expect("new bundle verifies");
    bob.store
        .bundle(Namespace::Axolotl)
        .verify()
        .expect("new bundle verifies");
    assert_eq!(bob.receive_text(ALICE, &late).0, "late");
}
