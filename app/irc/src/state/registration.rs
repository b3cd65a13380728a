//! Logging in: capability negotiation (`CAP LS 302` … `CAP END`, always ended), SASL with
//! the account's mechanisms in order, the password to NickServ only where SASL is not
//! offered and the link is secure, and what a refusal means, in words.

use messenger_protocol::accounts::SaslChoice;
use messenger_protocol::{DisconnectReason, Event};

use super::{IrcState, Output, urgent};
use crate::cap::Listing;
use crate::sasl::exchange::{Exchange, Secrets, Step};
use crate::sasl::{self, Credentials, Mechanism};
use crate::wire::{Line, build_line};

/// Told when a network refuses connections like ours without a SASL login.
pub(crate) const SASL_REQUIRED: &str = "This network accepts this connection only with a SASL login (it asks this of connections over Tor): register an account with the network first (Libera.Chat: by email), then give this account its password or a client certificate registered with NickServ, and connect again.";

/// SASL's progress on one connection.
#[derive(Default)]
pub(crate) struct Login {
    /// Mechanisms still to try, in order.
    candidates: Vec<Mechanism>,
    /// `CAP REQ sasl` is waiting for its answer.
    requested: bool,
    /// The exchange in progress.
    exchange: Option<Exchange>,
    /// Logged in through SASL.
    pub(crate) done: bool,
    /// A SASL login failed (no NickServ password afterwards).
    failed: bool,
    /// `CAP REQ`s not yet answered.
    pending_requests: u32,
    /// The server sent a notice saying SASL is required.
    pub(crate) required_notice: bool,
}

impl IrcState {
    /// Whether a SASL exchange is waiting for the server (the connection bounds this wait).
    pub fn sasl_in_progress(&self) -> bool {
        self.login.exchange.is_some() || self.login.requested
    }

    pub(super) fn credentials(&self) -> Credentials {
        Credentials {
            password: self.config.password.is_some(),
            certificate: self.config.certificate,
            ecdsa: self.config.ecdsa.is_some(),
            secure_link: self.config.secure_link,
        }
    }

    pub(super) fn handle_cap(&mut self, line: &Line) -> Vec<Output> {
        // ":server CAP <nick> <sub> [*] :list"
        let sub = line.param(1).to_ascii_uppercase();
        let list = line.params.last().map_or("", String::as_str);
        match sub.as_str() {
            "LS" => {
                let more = line.params.len() >= 4 && line.param(2) == "*";
                match self.caps.listed(list, more) {
                    Listing::More => Vec::new(),
                    Listing::Endless => {
                        let mut out = self.end_cap();
                        out.push(Output::Fatal(DisconnectReason::ConnectionLost(
                            "The server sent an endless list of capabilities; the login was stopped. Try again later or tell the server's operator.".to_owned(),
                        )));
                        out
                    }
                    Listing::Complete => self.negotiate(),
                }
            }
            "ACK" => {
                self.caps.acknowledged(list);
                self.login.pending_requests = self.login.pending_requests.saturating_sub(1);
                let mut out = Vec::new();
                if self.login.requested && self.caps.enabled("sasl") {
                    self.login.requested = false;
                    out.extend(self.next_mechanism());
                }
                out.extend(self.maybe_end_cap());
                out
            }
            "NAK" => {
                self.login.pending_requests = self.login.pending_requests.saturating_sub(1);
                if self.login.requested && list.split(' ').any(|c| c.eq_ignore_ascii_case("sasl")) {
                    self.login.requested = false;
                    if self.config.sasl != SaslChoice::Automatic {
                        return self.login_failed(
                            "The server refused to start a SASL login; this account is set to log in with SASL only.".to_owned(),
                        );
                    }
                }
                self.maybe_end_cap()
            }
            "NEW" => {
                self.caps.added(list);
                let wanted = self.caps.to_request();
                if wanted.is_empty() {
                    return Vec::new();
                }
                self.login.pending_requests += 1;
                urgent("CAP", &["REQ", &wanted.join(" ")])
                    .into_iter()
                    .collect()
            }
            "DEL" => {
                self.caps.removed(list);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The full list is known: decide SASL, request what we want, or end negotiation.
    fn negotiate(&mut self) -> Vec<Output> {
        let mut out = Vec::new();
        let mechanisms = self.caps.sasl_mechanisms();
        if self.caps.offers("sasl") {
            match sasl::candidates(self.config.sasl, &self.credentials(), mechanisms.as_deref()) {
                Ok(list) if !list.is_empty() => {
                    self.login.candidates = list;
                    self.login.requested = true;
                    self.login.pending_requests += 1;
                    out.extend(urgent("CAP", &["REQ", "sasl"]));
                }
                Ok(_) => {}
                Err(refusal) => {
                    return self.login_failed(format!(
                        "This account cannot log in here as set: {}.",
                        refusal.0
                    ));
                }
            }
        } else if let Some(refusal) = self.sasl_expected_but_absent() {
            return self.login_failed(refusal);
        }
        let wanted = self.caps.to_request();
        if !wanted.is_empty() {
            self.login.pending_requests += 1;
            out.extend(urgent("CAP", &["REQ", &wanted.join(" ")]));
        }
        out.extend(self.maybe_end_cap());
        out
    }

    /// The account insists on a SASL mechanism and the server has no SASL at all.
    fn sasl_expected_but_absent(&self) -> Option<String> {
        match self.config.sasl {
            SaslChoice::Automatic | SaslChoice::Off => None,
            choice => Some(format!(
                "The server offers no SASL login, and this account is set to log in with {}. Choose \"automatic\" (or no SASL) for this server.",
                mechanism_label(choice)
            )),
        }
    }

    /// Starts the next mechanism, or fails with the last refusal when none is left.
    fn next_mechanism(&mut self) -> Vec<Output> {
        if self.login.candidates.is_empty() {
            return self.login_failed(
                "The server refused every SASL login this account can make.".to_owned(),
            );
        }
        let mechanism = self.login.candidates.remove(0);
        let secrets = Secrets {
            account: self.config.nick.clone(),
            password: self.config.password.clone(),
            ecdsa: self.config.ecdsa.clone(),
        };
        match Exchange::new(mechanism, secrets) {
            Ok(exchange) => {
                self.login.exchange = Some(exchange);
                urgent("AUTHENTICATE", &[mechanism.name()])
                    .into_iter()
                    .collect()
            }
            Err(reason) => self.login_failed(format!("The SASL login could not start: {reason}.")),
        }
    }

    pub(super) fn handle_authenticate(&mut self, line: &Line) -> Vec<Output> {
        let Some(exchange) = self.login.exchange.as_mut() else {
            return Vec::new();
        };
        match exchange.authenticate(line.param(0)) {
            Step::Wait => Vec::new(),
            Step::Send(pieces) => pieces
                .iter()
                .filter_map(|piece| build_line("AUTHENTICATE", &[piece]))
                .map(Output::Urgent)
                .collect(),
            Step::Fail(reason) => {
                let mut out: Vec<Output> = urgent("AUTHENTICATE", &["*"]).into_iter().collect();
                out.extend(self.login_failed(format!("The SASL login was stopped: {reason}.")));
                out
            }
        }
    }

    /// RPL_LOGGEDIN … RPL_SASLMECHS (900-908).
    pub(super) fn handle_sasl_numeric(&mut self, code: u16, line: &Line) -> Vec<Output> {
        let reason = line.params.last().map_or("", String::as_str);
        match code {
            // RPL_LOGGEDIN "<nick> <nick!user@host> <account> :You are now logged in as …"
            900 => vec![Output::Event(Event::AccountName {
                member: self.nick.clone(),
                account: Some(line.param(2).to_owned()).filter(|a| !a.is_empty()),
            })],
            // RPL_LOGGEDOUT
            901 => vec![Output::Event(Event::AccountName {
                member: self.nick.clone(),
                account: None,
            })],
            // ERR_NICKLOCKED
            902 => self.login_failed(format!(
                "The account cannot be used now (the server says: {reason})."
            )),
            // RPL_SASLSUCCESS
            903 => {
                let complete = self.login.exchange.take().is_some_and(|e| e.complete());
                if !complete {
                    return self.login_failed(
                        "The server announced a SASL success before the login was complete; the connection was ended.".to_owned(),
                    );
                }
                self.login.done = true;
                self.login.candidates.clear();
                self.maybe_end_cap()
            }
            // ERR_SASLFAIL: the next mechanism, else the server's reason. Not retried later.
            904 => {
                let tried = self.login.exchange.take().map(|e| e.mechanism());
                if tried.is_some() && !self.login.candidates.is_empty() {
                    return self.next_mechanism();
                }
                let hint = match tried {
                    Some(Mechanism::External) => {
                        " Register the certificate's fingerprint with NickServ (the account shows the command), or check that the nick is the account's name."
                    }
                    Some(Mechanism::EcdsaNist256pChallenge) => {
                        " Register the key with NickServ SET PUBKEY (the account shows the command)."
                    }
                    _ => " Check the nick (the account's name) and the password.",
                };
                self.login_failed(format!(
                    "The server refused the SASL login ({}): {reason}.{hint}",
                    tried.map_or("SASL", |m| m.name())
                ))
            }
            // ERR_SASLTOOLONG
            905 => self.login_failed(format!(
                "The server refused the SASL login as too long: {reason}."
            )),
            // ERR_SASLABORTED: we aborted (the reason was given then) or the server did.
            906 => {
                if self.login.failed {
                    Vec::new()
                } else {
                    self.login_failed(format!("The SASL login was aborted: {reason}."))
                }
            }
            // ERR_SASLALREADY: logged in already.
            907 => {
                self.login.exchange = None;
                self.login.done = true;
                self.maybe_end_cap()
            }
            // RPL_SASLMECHS "<nick> <mechanisms> :are available SASL mechanisms"
            908 => {
                let offered: Vec<String> = line.param(1).split(',').map(str::to_owned).collect();
                self.login
                    .candidates
                    .retain(|m| offered.iter().any(|o| o.eq_ignore_ascii_case(m.name())));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Ends the attempt: CAP END (the server may be holding our registration) and a fatal
    /// refusal in words. Never followed by a NickServ password.
    fn login_failed(&mut self, reason: String) -> Vec<Output> {
        self.login.failed = true;
        self.login.exchange = None;
        self.login.requested = false;
        self.login.candidates.clear();
        let mut out = self.end_cap();
        out.push(Output::Fatal(DisconnectReason::AuthenticationFailed(
            reason,
        )));
        out
    }

    /// CAP END once nothing is pending (no request unanswered, no SASL running).
    fn maybe_end_cap(&mut self) -> Vec<Output> {
        if self.login.pending_requests == 0 && !self.sasl_in_progress() {
            self.end_cap()
        } else {
            Vec::new()
        }
    }

    /// After RPL_WELCOME: the NickServ fallback, only where it cannot leak the password.
    pub(super) fn after_welcome(&mut self) -> Vec<Output> {
        self.cap_open = false;
        if self.login.done || self.login.failed {
            return Vec::new();
        }
        let Some(password) = &self.config.password else {
            return Vec::new();
        };
        if !matches!(self.config.sasl, SaslChoice::Automatic | SaslChoice::Off) {
            return Vec::new();
        }
        if !self.config.secure_link {
            return vec![Output::Event(Event::Error(
                "The password was not sent to NickServ: this connection is not encrypted. Turn TLS on for this account (or use the server's onion address).".to_owned(),
            ))];
        }
        // The password goes to NickServ only.
        urgent(
            "PRIVMSG",
            &["NickServ", &format!("IDENTIFY {}", password.as_inner())],
        )
        .into_iter()
        .collect()
    }

    /// An ERROR before we were registered: a network that wants SASL says so here.
    pub(super) fn error_before_welcome(&mut self, text: &str) -> Option<Vec<Output>> {
        if self.registered {
            return None;
        }
        let mentions_sasl = text.to_ascii_lowercase().contains("sasl");
        (mentions_sasl || self.login.required_notice).then(|| {
            vec![Output::Fatal(DisconnectReason::AuthenticationFailed(
                SASL_REQUIRED.to_owned(),
            ))]
        })
    }
}

fn mechanism_label(choice: SaslChoice) -> &'static str {
    match choice {
        SaslChoice::Plain => "PLAIN",
        SaslChoice::ScramSha256 => "SCRAM-SHA-256",
        SaslChoice::External => "EXTERNAL",
        SaslChoice::EcdsaNist256pChallenge => "ECDSA-NIST256P-CHALLENGE",
        SaslChoice::Automatic | SaslChoice::Off => "SASL",
    }
}

#[cfg(test)]
mod tests;
