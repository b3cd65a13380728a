//! A rustls client that trusts exactly one certificate: the harness's self-signed one.

use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

pub(crate) type TlsStream = StreamOwned<ClientConnection, TcpStream>;

/// Runs TLS over an already connected stream (e.g. after STARTTLS).
pub(crate) fn wrap(stream: TcpStream, server_name: &str, cert_der: &[u8]) -> TlsStream {
    let mut roots = RootCertStore::empty();
    roots.add(CertificateDer::from(cert_der.to_vec())).unwrap();
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
    let name = ServerName::try_from(server_name.to_owned()).unwrap();
    let connection = ClientConnection::new(Arc::new(config), name).unwrap();
    let mut tls = StreamOwned::new(connection, stream);
    // Finish the handshake now so a certificate problem fails here, clearly.
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock).unwrap();
    }
    tls
}

/// Connects and runs TLS.
pub(crate) fn connect_pinned(
    addr: impl ToSocketAddrs,
    server_name: &str,
    cert_der: &[u8],
) -> TlsStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    wrap(stream, server_name, cert_der)
}
