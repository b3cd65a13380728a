//! Opening the byte stream of an IRC connection: through tor always, then TLS unless the
//! account chose plaintext.

use messenger_net::{ClientCertificate, NetError, Network, TlsOptions, tls_connect_with};
use messenger_protocol::accounts::Transport;
use tokio::io::{AsyncRead, AsyncWrite};

use crate::account::IrcAccountConfig;

/// Any stream we can speak IRC over.
pub trait IrcStream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> IrcStream for T {}

/// Opens the stream for an account: SOCKS through tor, then TLS when asked (the default),
/// checking the certificate for the account's TLS name when it has one (an onion presenting
/// a clearnet certificate) and presenting its client certificate when it has one.
/// A TLS failure is returned as is: there is never a plaintext retry.
pub async fn open_stream(
    network: &Network,
    config: &IrcAccountConfig,
    client_certificate: Option<&ClientCertificate>,
) -> Result<Box<dyn IrcStream>, NetError> {
    let stream = network
        .socks
        .connect(&config.server, config.port, &config.isolation)
        .await?;
    match config.transport {
        Transport::Tls => {
            let options = TlsOptions {
                verify_name: config.tls_name.as_deref(),
                client_certificate,
            };
            let tls = tls_connect_with(
                stream,
                &config.server,
                config.port,
                &network.trust,
                &options,
            )
            .await?;
            Ok(Box::new(tls))
        }
        Transport::Plaintext => Ok(Box::new(stream)),
    }
}
