//! Checks that tor's ports are free before starting it, so a second Tor Messenger or a running
//! Tor Browser gives a clear error rather than a tor that fails or a silent second instance.

use std::net::{Ipv4Addr, TcpListener};

use crate::error::LaunchError;

/// Which of tor's ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortRole {
    /// The SOCKS port.
    Socks,
    /// The control port.
    Control,
}

/// Fails with [`LaunchError::PortBusy`] if something listens on 127.0.0.1:`port`.
pub fn ensure_port_free(port: u16, role: PortRole) -> Result<(), LaunchError> {
    match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(listener) => {
            drop(listener);
            Ok(())
        }
        Err(_) => Err(LaunchError::PortBusy {
            port,
            role: match role {
                PortRole::Socks => "SOCKS",
                PortRole::Control => "control",
            },
            flag: match role {
                PortRole::Socks => "socks-port",
                PortRole::Control => "control-port",
            },
            likely_user: likely_user(port),
        }),
    }
}

/// Who usually holds a port tor would use.
fn likely_user(port: u16) -> &'static str {
    match port {
        9152 | 9153 => "another Tor Messenger that is still running",
        9150 | 9151 => "Tor Browser",
        9050 | 9051 => "the system's tor service",
        _ => "another program",
    }
}

#[cfg(test)]
mod tests;
