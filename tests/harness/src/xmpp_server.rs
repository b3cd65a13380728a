//! What the XMPP servers of the harness (prosody, ejabberd) have in common: where a client
//! reaches them and which certificate they present, so one test or raw peer serves both; and
//! the readiness wait they share (a stream header answered with stream features).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use crate::HarnessError;
use crate::process::ProcessGuard;
use crate::wait::wait_for_probe;

const PROBE_IO_LIMIT: Duration = Duration::from_secs(5);

/// A running XMPP server of the harness.
pub trait XmppServer {
    /// A short name for errors and test output ("prosody", "ejabberd").
    fn component(&self) -> &'static str;
    /// The XMPP domain (also the name in the certificate and the hostname through tor).
    fn domain(&self) -> &str;
    /// The multi-user chat service.
    fn muc_domain(&self) -> &str;
    /// The c2s port on 127.0.0.1 (STARTTLS required).
    fn c2s_port(&self) -> u16;
    /// The direct TLS port (XEP-0368, `xmpps-client`), when the server has one.
    fn direct_tls_port(&self) -> Option<u16>;
    /// The certificate (DER) both ports present.
    fn cert_der(&self) -> &[u8];
    /// The last lines of the server's log, for a failing test to show.
    fn log_tail(&self) -> String;

    /// The c2s address.
    fn c2s_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.c2s_port()))
    }

    /// The direct TLS address, when there is one.
    fn direct_tls_addr(&self) -> Option<SocketAddr> {
        self.direct_tls_port()
            .map(|port| SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
    }
}

/// Waits until a stream header for `domain` on `port` is answered with stream features.
pub(crate) fn wait_until_answering(
    guard: &mut ProcessGuard,
    domain: &str,
    port: u16,
    limit: Duration,
) -> Result<(), HarnessError> {
    wait_for_probe(
        guard,
        "a stream header to be answered with stream features",
        port,
        limit,
        || probe_stream(domain, port),
    )
}

fn probe_stream(domain: &str, port: u16) -> std::io::Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, PROBE_IO_LIMIT)?;
    stream.set_read_timeout(Some(PROBE_IO_LIMIT))?;
    stream.set_write_timeout(Some(PROBE_IO_LIMIT))?;
    stream.write_all(
        format!(
            "<?xml version='1.0'?><stream:stream to='{domain}' xmlns='jabber:client' \
             xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
        )
        .as_bytes(),
    )?;
    let mut received = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&received).contains("</stream:features>") {
        let count = stream.read(&mut buffer)?;
        if count == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed before stream features",
            ));
        }
        received.extend_from_slice(&buffer[..count]);
    }
    stream.write_all(b"</stream:stream>")?;
    Ok(())
}

/// A password must not appear in an error (it would be printed by a failing test); the
/// command line shown in `CommandFailed` contains it.
pub(crate) fn hide_password(password: &str) -> impl Fn(HarnessError) -> HarnessError + '_ {
    move |error| match error {
        HarnessError::CommandFailed {
            component,
            command,
            status,
            output,
        } if !password.is_empty() => HarnessError::CommandFailed {
            component,
            command: command.replace(password, "<password>"),
            status,
            output: output.replace(password, "<password>"),
        },
        other => other,
    }
}

/// A reference serves wherever the server does (tests often hold `&Prosody`).
impl<T: XmppServer + ?Sized> XmppServer for &T {
    fn component(&self) -> &'static str {
        (**self).component()
    }
    fn domain(&self) -> &str {
        (**self).domain()
    }
    fn muc_domain(&self) -> &str {
        (**self).muc_domain()
    }
    fn c2s_port(&self) -> u16 {
        (**self).c2s_port()
    }
    fn direct_tls_port(&self) -> Option<u16> {
        (**self).direct_tls_port()
    }
    fn cert_der(&self) -> &[u8] {
        (**self).cert_der()
    }
    fn log_tail(&self) -> String {
        (**self).log_tail()
    }
}
