//! Free loopback ports.

use std::net::{Ipv4Addr, TcpListener};

use crate::HarnessError;

/// Returns a TCP port on 127.0.0.1 that was free when asked.
///
/// The port is released before returning, so a race with another process is possible but
/// unlikely; callers start their server right away.
pub fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// Returns `count` distinct free ports (all held at once while choosing, so none repeats).
pub fn free_ports(count: usize) -> std::io::Result<Vec<u16>> {
    let listeners = (0..count)
        .map(|_| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))
        .collect::<std::io::Result<Vec<_>>>()?;
    listeners
        .iter()
        .map(|listener| Ok(listener.local_addr()?.port()))
        .collect()
}

/// A clear error when `port` is already taken, checked before a component is started on it
/// (a server on a busy port may otherwise look ready because someone else answers).
pub(crate) fn ensure_port_free(component: &str, port: u16) -> Result<(), HarnessError> {
    match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
            Err(HarnessError::PortBusy {
                component: component.to_owned(),
                port,
            })
        }
        Err(error) => Err(HarnessError::io(
            component,
            format!("checking port {port}"),
            error,
        )),
    }
}

/// Allocates one free port, as a harness error.
pub(crate) fn allocate(component: &str, count: usize) -> Result<Vec<u16>, HarnessError> {
    free_ports(count)
        .map_err(|source| HarnessError::io(component, "finding free loopback ports", source))
}

#[cfg(test)]
mod tests;
