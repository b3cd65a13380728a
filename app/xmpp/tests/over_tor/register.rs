//! In-band registration (XEP-0077) of a throwaway account, then logging in with it.

use messenger_net::Isolation;
use messenger_xmpp::{NewAccount, RegisterError, register_account};
use xmpp_parsers::jid::BareJid;

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_a_new_account_and_logs_in_with_it() {
    let prosody = start_prosody();
    let network = network_with(pinned_trust(&prosody));
    let jid = BareJid::new("carol@xmpp.test").unwrap();
    let mut new = NewAccount::new(jid, "carol-secret-3", Isolation::random().unwrap());
    new.port = prosody.c2s_port();
    register_account(&network, &new)
        .await
        .expect("registration");

    let (_handle, own) = connected(
        account(&prosody, ("carol", "carol-secret-3")),
        network.clone(),
    )
    .await;
    assert!(own.starts_with("carol@xmpp.test/"), "{own}");

    // The same name again is taken.
    let error = register_account(&network, &new).await.unwrap_err();
    assert!(matches!(error, RegisterError::NameTaken), "{error:?}");
    assert!(error.to_string().contains("already taken"));
}
