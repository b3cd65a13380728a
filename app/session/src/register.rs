//! Throwaway XMPP accounts: a random name and password, created by in-band registration
//! through tor (`messenger_xmpp::register_account`), as Tor Messenger offered.

use crate::Session;
use crate::events::Incoming;
use messenger_net::Isolation;
use messenger_protocol::ProtocolKind;
use messenger_protocol::accounts::{AccountConfig, Transport};
use messenger_xmpp::NewAccount;
use xmpp_parsers::jid::BareJid;

/// A fresh throwaway account for `server`: user `tm` + 12 random hex digits, a 128-bit random
/// password, remembered (a throwaway account is useless without it). Errors are in words.
pub fn throwaway_account(server: &str, port: u16) -> Result<AccountConfig, String> {
    let server = server.trim();
    if server.is_empty() {
        return Err("Enter the XMPP server's name.".to_owned());
    }
    let random = Isolation::random().map_err(|error| error.to_string())?;
    // Hex digits: at least 32 of each, so the slices are in range.
    let name = format!(
        "tm{}",
        random.username.get(..12).unwrap_or(&random.username)
    );
    let user = format!("{name}@{server}");
    BareJid::new(&user).map_err(|_| "This is not a valid XMPP server name.".to_owned())?;
    let mut account = AccountConfig::new(ProtocolKind::Xmpp, &user, server, port)
        .map_err(|error| error.to_string())?;
    // XMPP always uses STARTTLS; the saved transport is not consulted.
    account.transport = Transport::Tls;
    account.password = Some(random.password);
    account.remember_password = true;
    Ok(account)
}

/// Registers `account` on its server on the session's runtime; the result arrives through
/// the session's inbox.
pub(crate) fn spawn(session: &Session, account: AccountConfig) {
    let network = session.network.clone();
    let inbox = session.inbox.clone();
    session.runtime.spawn(async move {
        let result = match new_account(&account) {
            Ok(new) => messenger_xmpp::register_account(&network, &new)
                .await
                .map(|()| account)
                .map_err(|error| error.to_string()),
            Err(reason) => Err(reason),
        };
        inbox.send(Incoming::Registered(result));
    });
}

fn new_account(account: &AccountConfig) -> Result<NewAccount, String> {
    let jid = BareJid::new(&account.user)
        .map_err(|_| "This is not a valid XMPP server name.".to_owned())?;
    let password = account
        .password
        .as_deref()
        .ok_or_else(|| "No password was chosen.".to_owned())?;
    let mut new = NewAccount::new(jid, password, account.isolation());
    if account.port != 0 {
        new.port = account.port;
    }
    Ok(new)
}

#[cfg(test)]
mod tests;
