//! TLS for the raw IRC peer: one rustls stream shared by the reader thread and the writer.
//! The socket gets a short read timeout so the reader lets go of the stream between reads
//! and a write never waits long for it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use super::{COMPONENT, IrcTls, PEER_WAIT};
use crate::HarnessError;

/// How long the reader holds the stream waiting for bytes before letting a writer in.
const READ_SLICE: Duration = Duration::from_millis(20);

type Shared = Arc<Mutex<StreamOwned<ClientConnection, TcpStream>>>;
/// The reading and the writing half of a connection.
pub(super) type Halves = (Box<dyn Read + Send>, Box<dyn Write + Send>);

/// Runs the TLS handshake on `socket` and returns the reading and the writing half.
pub(super) fn tls_halves(
    socket: TcpStream,
    tls: IrcTls<'_>,
    port: u16,
) -> Result<Halves, HarnessError> {
    let tls_error = |message: String| HarnessError::Certificate {
        component: COMPONENT.to_owned(),
        message,
    };
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from(tls.cert_der.to_vec()))
        .map_err(|e| tls_error(e.to_string()))?;
    let builder =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| tls_error(e.to_string()))?
            .with_root_certificates(roots);
    let config = match tls.client_cert {
        Some(client) => builder
            .with_client_auth_cert(
                vec![CertificateDer::from(client.cert_der.clone())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(client.key_der.clone())),
            )
            .map_err(|e| tls_error(format!("the client certificate: {e}")))?,
        None => builder.with_no_client_auth(),
    };
    let name = ServerName::try_from(tls.server_name.to_owned())
        .map_err(|e| tls_error(format!("{}: {e}", tls.server_name)))?;
    let connection =
        ClientConnection::new(Arc::new(config), name).map_err(|e| tls_error(e.to_string()))?;
    let io = |what: &'static str| {
        move |e: std::io::Error| HarnessError::io(COMPONENT, format!("{what} (port {port})"), e)
    };
    socket
        .set_read_timeout(Some(PEER_WAIT))
        .map_err(io("setting a read timeout"))?;
    let mut stream = StreamOwned::new(connection, socket);
    // The handshake now, so a certificate problem fails here, clearly.
    while stream.conn.is_handshaking() {
        stream
            .conn
            .complete_io(&mut stream.sock)
            .map_err(io("the TLS handshake"))?;
    }
    stream
        .sock
        .set_read_timeout(Some(READ_SLICE))
        .map_err(io("setting a read timeout"))?;
    let shared: Shared = Arc::new(Mutex::new(stream));
    Ok((
        Box::new(TlsReader(Arc::clone(&shared))),
        Box::new(TlsWriter(shared)),
    ))
}

struct TlsReader(Shared);

impl Read for TlsReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let result = {
                let mut stream = self
                    .0
                    .lock()
                    .map_err(|_| std::io::Error::other("the TLS stream lock is poisoned"))?;
                stream.read(buffer)
            };
            match result {
                Err(error)
                    if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    // Nothing yet: give a writer its turn, then read on.
                    std::thread::yield_now();
                }
                other => return other,
            }
        }
    }
}

struct TlsWriter(Shared);

impl Write for TlsWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut stream = self
            .0
            .lock()
            .map_err(|_| std::io::Error::other("the TLS stream lock is poisoned"))?;
        stream.write_all(bytes)?;
        stream.flush()?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let mut stream = self
            .0
            .lock()
            .map_err(|_| std::io::Error::other("the TLS stream lock is poisoned"))?;
        stream.flush()
    }
}
