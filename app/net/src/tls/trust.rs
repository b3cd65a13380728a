//! What we trust: Mozilla's roots (webpki-roots), extra roots from the certificates folder, and
//! the pins of `cert_override.txt`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rustls::client::{Resumption, WebPkiServerVerifier};
use rustls::crypto::CryptoProvider;
use rustls::{ClientConfig, ConfigBuilder, RootCertStore, WantsVerifier};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use rustls::sign::SingleCertAndKey;

use super::client_cert::ClientCertificate;
use super::pins::{PIN_FILE_NAME, parse_pin_file};
use super::verifier::{PinnedCertificate, PinningVerifier};
use crate::error::NetError;

/// The roots and pins every TLS connection of the app is checked against.
///
/// Cloning is cheap (the root store is shared).
#[derive(Debug, Clone)]
pub struct TlsTrust {
    roots: Arc<RootCertStore>,
    pins: HashMap<(String, u16), [u8; 32]>,
    provider: Arc<CryptoProvider>,
    /// webpki's check against `roots`, rebuilt whenever a root is added.
    webpki: Arc<WebPkiServerVerifier>,
    /// ring, TLS 1.3 and 1.2 only; the verifier is added per connection.
    builder: ConfigBuilder<ClientConfig, WantsVerifier>,
}

impl TlsTrust {
    /// Mozilla's roots only, no pins.
    pub fn public_roots() -> Result<TlsTrust, NetError> {
        let roots = Arc::new(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        });
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
            .map_err(setup_error)?;
        Ok(TlsTrust {
            webpki: webpki_verifier(&roots, &provider)?,
            roots,
            pins: HashMap::new(),
            provider,
            builder,
        })
    }

    /// Mozilla's roots, plus every certificate in the `*.pem` and `*.crt` files of
    /// `certs_dir` (extra roots), plus the pins of `certs_dir/cert_override.txt`. A missing
    /// folder or pin file means "none"; a file that cannot be parsed is an error (a broken pin
    /// file must not silently turn pinning off).
    pub fn load(certs_dir: &Path) -> Result<TlsTrust, NetError> {
        let mut trust = TlsTrust::public_roots()?;
        let entries = match std::fs::read_dir(certs_dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(trust),
            Err(e) => {
                return Err(NetError::BadTrustFile {
                    file: "the certificates folder".to_owned(),
                    reason: e.kind().to_string(),
                });
            }
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let read = || {
                std::fs::read(&path).map_err(|e| NetError::BadTrustFile {
                    file: name.clone(),
                    reason: e.kind().to_string(),
                })
            };
            if name == PIN_FILE_NAME {
                let bytes = read()?;
                let text = String::from_utf8(bytes).map_err(|_| NetError::BadTrustFile {
                    file: name.clone(),
                    reason: "not UTF-8 text".to_owned(),
                })?;
                for pin in parse_pin_file(&text)? {
                    trust.pins.insert((pin.host, pin.port), pin.sha256);
                }
            } else if name.ends_with(".pem") || name.ends_with(".crt") {
                trust = trust.with_extra_root_pem_named(&read()?, &name)?;
            }
        }
        Ok(trust)
    }

    /// Adds every certificate of a PEM document as a trusted root.
    pub fn with_extra_root_pem(self, pem: &[u8]) -> Result<TlsTrust, NetError> {
        self.with_extra_root_pem_named(pem, "extra root certificate")
    }

    fn with_extra_root_pem_named(mut self, pem: &[u8], name: &str) -> Result<TlsTrust, NetError> {
        let bad = |reason: String| NetError::BadTrustFile {
            file: name.to_owned(),
            reason,
        };
        let mut roots = (*self.roots).clone();
        let mut added = 0;
        for certificate in CertificateDer::pem_slice_iter(pem) {
            let certificate = certificate.map_err(|e| bad(format!("not valid PEM: {e}")))?;
            roots
                .add(certificate)
                .map_err(|e| bad(format!("not a usable CA certificate: {e}")))?;
            added += 1;
        }
        if added == 0 {
            return Err(bad("it contains no certificate".to_owned()));
        }
        self.roots = Arc::new(roots);
        self.webpki = webpki_verifier(&self.roots, &self.provider)?;
        Ok(self)
    }

    /// Pins `host:port` to the certificate whose DER encoding has this SHA-256.
    pub fn with_pin(mut self, host: &str, port: u16, sha256: [u8; 32]) -> TlsTrust {
        self.pins.insert((host.to_ascii_lowercase(), port), sha256);
        self
    }

    /// The pin for `host:port`, if there is one.
    pub fn pin_for(&self, host: &str, port: u16) -> Option<[u8; 32]> {
        self.pins.get(&(pin_key_host(host), port)).copied()
    }

    /// The number of trusted roots (Mozilla's plus ours).
    pub fn root_count(&self) -> usize {
        self.roots.len()
    }

    /// A client configuration for one connection to `host:port`: TLS 1.2 or 1.3 only, ring,
    /// our verifier (the pin if `host:port` is pinned, else webpki with our roots), no session
    /// resumption (a ticket would link an account's connections across circuits), no ALPN.
    pub fn client_config(&self, host: &str, port: u16) -> Arc<ClientConfig> {
        self.client_config_with(host, port, None)
    }

    /// [`TlsTrust::client_config`], presenting `client_certificate` when the server asks for
    /// one (CertFP). The pin, if any, is still the one of `host:port`.
    pub fn client_config_with(
        &self,
        host: &str,
        port: u16,
        client_certificate: Option<&ClientCertificate>,
    ) -> Arc<ClientConfig> {
        let verifier = PinningVerifier {
            pin: self
                .pin_for(host, port)
                .map(|sha256| PinnedCertificate { sha256 }),
            webpki: self.webpki.clone(),
            algorithms: self.provider.signature_verification_algorithms,
        };
        let builder = self
            .builder
            .clone()
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier));
        let mut config = match client_certificate {
            Some(certificate) => builder.with_client_cert_resolver(Arc::new(
                SingleCertAndKey::from(certificate.certified_key()),
            )),
            None => builder.with_no_client_auth(),
        };
        config.resumption = Resumption::disabled();
        config.enable_sni = true;
        Arc::new(config)
    }
}

fn webpki_verifier(
    roots: &Arc<RootCertStore>,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, NetError> {
    WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
        .build()
        .map_err(setup_error)
}

fn setup_error(error: impl std::fmt::Display) -> NetError {
    NetError::TlsHandshake {
        detail: format!("TLS could not be set up: {error}"),
    }
}

fn pin_key_host(host: &str) -> String {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
        .to_ascii_lowercase()
}
