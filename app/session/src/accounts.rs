//! Starting a saved account's protocol task (idle until Connect) and forwarding its events.

use crate::events::Inbox;
use crate::routing::Router;
use messenger_chat::AccountId;
use messenger_irc::{Irc, IrcAccountConfig};
use messenger_net::Network;
use messenger_protocol::accounts::AccountConfig;
use messenger_protocol::{AccountHandle, Command, Protocol, ProtocolKind};
use messenger_xmpp::Xmpp;
use std::sync::Arc;
use tokio::sync::mpsc;

/// One account's link to its task.
pub(crate) struct Link {
    /// Commands for the task; `None` when it could not be started.
    pub commands: Option<mpsc::Sender<Command>>,
    /// Why there is no task, in words for the user (shown on Connect).
    pub unavailable: Option<String>,
    /// Its name towards OTR.
    pub otr_account: messenger_otr::OtrAccount,
    /// The label per-contact settings are keyed by.
    pub label: String,
}

/// The OTR account of a saved account: `nick@server` on IRC, the bare JID on XMPP.
pub(crate) fn otr_account(account: &AccountConfig) -> messenger_otr::OtrAccount {
    messenger_otr::OtrAccount::new(
        match account.protocol {
            ProtocolKind::Irc => format!("{}@{}", account.user, account.server),
            ProtocolKind::Xmpp => account.user.clone(),
        },
        account.protocol,
    )
}

/// What starting an account task needs from the session.
pub(crate) struct Spawner<'a> {
    pub runtime: &'a tokio::runtime::Handle,
    pub network: &'a Network,
    pub inbox: &'a Inbox,
    pub router: &'a Arc<Router>,
    /// The profile's folder of IRC client certificates.
    pub certificates_dir: &'a std::path::Path,
}

/// Starts the task of `account` on the runtime and forwards its events as `id`'s.
pub(crate) fn start(
    spawner: &Spawner<'_>,
    id: AccountId,
    account: &AccountConfig,
    label: &str,
) -> Link {
    let Spawner {
        runtime,
        network,
        inbox,
        router,
        certificates_dir,
    } = *spawner;
    let handle: Result<AccountHandle, String> = {
        // spawn_account uses tokio::spawn: it must run inside the runtime.
        let _guard = runtime.enter();
        match account.protocol {
            ProtocolKind::Irc => {
                let mut config = IrcAccountConfig::from_account(account);
                config.client_certificate = account
                    .client_certificate
                    .as_ref()
                    .map(|name| certificates_dir.join(name));
                Ok(<Irc as Protocol>::spawn(config, network.clone()))
            }
            ProtocolKind::Xmpp => spawn::<Xmpp>(account, network),
        }
    };
    let otr_account = otr_account(account);
    let (commands, unavailable) = match handle {
        Ok(handle) => {
            // The forwarding task takes only the events: the commands' last sender is the
            // session's (and the router's), so dropping those ends the account task.
            let AccountHandle {
                commands,
                mut events,
            } = handle;
            router.register(otr_account.clone(), commands.clone());
            let inbox = inbox.clone();
            let router = router.clone();
            let forwarded_account = otr_account.clone();
            runtime.spawn(async move {
                while let Some(event) = events.recv().await {
                    if !router.account_event(&inbox, id, &forwarded_account, event) {
                        return;
                    }
                }
            });
            (Some(commands), None)
        }
        Err(reason) => (None, Some(reason)),
    };
    Link {
        commands,
        unavailable,
        otr_account,
        label: label.to_owned(),
    }
}

/// Starts protocol `P`'s task for `account`, or says why it cannot run.
fn spawn<P: Protocol>(account: &AccountConfig, network: &Network) -> Result<AccountHandle, String> {
    debug_assert_eq!(P::KIND, account.protocol);
    P::config(account).map(|config| P::spawn(config, network.clone()))
}
