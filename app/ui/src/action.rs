//! What the user asked for, as typed values. The UI never does I/O: the binary carries these
//! out (through OTR and the protocol crates) and updates the model with what happens.

use crate::settings::{NewAccount, Settings};
use crate::tor_connection::TorRequest;
pub use messenger_chat::OtrRequest;
use messenger_chat::{AccountId, ConversationId};
use messenger_protocol::{Command, MessageKind};

/// One user action.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The first-run explanation was acknowledged.
    FirstRunDone,
    /// Add this account (offline; it connects only when asked).
    AddAccount(NewAccount),
    /// Register a new random XMPP account on `server` (in-band registration) and add it.
    RegisterThrowaway {
        /// The XMPP server's host name.
        server: String,
        /// Its port.
        port: u16,
    },
    /// Remove this account: stop it and delete it from the profile's account list (the UI
    /// already took it out of the model, with its conversations).
    RemoveAccount {
        /// Which account.
        account: AccountId,
        /// Also delete its OTR private key, instance tag and its contacts' fingerprints.
        forget_otr: bool,
    },
    /// Check for a newer release now (the user asked; the binary fetches the signed manifest
    /// through tor and reports with [`crate::MessengerUi::set_update_status`]).
    CheckForUpdates,
    /// A command for one account: connect, disconnect, join, leave...
    Account {
        /// Which account.
        account: AccountId,
        /// What to do.
        command: Command,
    },
    /// Send what the user typed; the binary passes it through OTR first.
    Send {
        /// Where.
        conversation: ConversationId,
        /// The typed text (never shown to anyone but OTR and the protocol).
        text: String,
        /// Normal or `/me`.
        kind: MessageKind,
    },
    /// An OTR request for one conversation.
    Otr {
        /// Which conversation.
        conversation: ConversationId,
        /// What to do.
        request: OtrRequest,
    },
    /// The settings changed; the binary saves them in the profile.
    SettingsChanged(Settings),
    /// Change how tor connects (bridges); the binary gives it to the running tor on its
    /// control port and reports with [`crate::MessengerUi::set_tor_connection`].
    Tor(TorRequest),
}
