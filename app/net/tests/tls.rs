//! TLS trust, pins and refusals against real TLS servers on loopback (rustls servers with
//! rcgen certificates, and `openssl s_server` for an old TLS version). The client side is the
//! app's own `tls_connect`, over a plain loopback TCP stream (the SOCKS part is tested with
//! real tor in the IRC tests).

// Test scaffolding: helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use messenger_net::{NetError, TlsOptions, TlsTrust, tls_connect, tls_connect_with};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::ServerConfig;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct ServerCert {
    chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

impl ServerCert {
    fn sha256(&self) -> [u8; 32] {
        Sha256::digest(self.chain[0].as_ref()).into()
    }
}

fn self_signed(name: &str) -> ServerCert {
    let certified = rcgen::generate_simple_self_signed(vec![name.to_owned()]).unwrap();
    ServerCert {
        chain: vec![certified.cert.der().clone()],
        key: certified.signing_key.serialize_der(),
    }
}

struct TestCa {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

fn test_ca() -> TestCa {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Messenger Test CA");
    let cert = params.self_signed(&key).unwrap();
    TestCa {
        pem: cert.pem(),
        issuer: Issuer::new(params, key),
    }
}

fn issued_by(ca: &TestCa, name: &str, expired: bool) -> ServerCert {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec![name.to_owned()]).unwrap();
    if expired {
        params.not_before = rcgen::date_time_ymd(2015, 1, 1);
        params.not_after = rcgen::date_time_ymd(2018, 5, 11);
    }
    let cert = params.signed_by(&key, &ca.issuer).unwrap();
    ServerCert {
        chain: vec![cert.der().clone()],
        key: key.serialize_der(),
    }
}

/// A rustls server on a free loopback port that completes one handshake and says hello.
async fn tls_server(cert: &ServerCert) -> u16 {
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                cert.chain.clone(),
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key.clone())),
            )
            .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            if let Ok(mut stream) = acceptor.accept(socket).await {
                let _ = stream.write_all(b"hello\n").await;
                let _ = stream.flush().await;
                let _ = stream.shutdown().await;
            }
        }
    });
    port
}

async fn connect(port: u16, host: &str, trust: &TlsTrust) -> Result<String, NetError> {
    let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let mut stream = tls_connect(tcp, host, port, trust).await?;
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text).await;
    Ok(text)
}

fn trust() -> TlsTrust {
    TlsTrust::public_roots().unwrap()
}

#[tokio::test]
async fn self_signed_refused_without_pin() {
    let cert = self_signed("localhost");
    let port = tls_server(&cert).await;
    let error = connect(port, "localhost", &trust()).await.unwrap_err();
    assert!(matches!(error, NetError::TlsUnknownIssuer), "{error:?}");
    assert!(error.is_tls_refusal());
    assert!(error.to_string().contains("pin it in cert_override.txt"));
}

#[tokio::test]
async fn self_signed_refused_with_wrong_pin() {
    let cert = self_signed("localhost");
    let port = tls_server(&cert).await;
    let trust = trust().with_pin("localhost", port, [7; 32]);
    let error = connect(port, "localhost", &trust).await.unwrap_err();
    match &error {
        NetError::TlsPinMismatch {
            port: p,
            expected,
            got,
            ..
        } => {
            assert_eq!(*p, port);
            assert_eq!(expected, &"07".repeat(32));
            assert_eq!(got, &messenger_net::hex_encode(&cert.sha256()));
        }
        other => panic!("expected a pin mismatch, got {other:?}"),
    }
    // The host is scrubbed from the message.
    let text = error.to_string();
    assert!(!text.contains("localhost"), "{text}");
    assert!(text.contains("[scrubbed]"), "{text}");
}

#[tokio::test]
async fn self_signed_accepted_with_right_pin() {
    let cert = self_signed("localhost");
    let port = tls_server(&cert).await;
    let trust = trust().with_pin("LOCALHOST", port, cert.sha256());
    assert_eq!(connect(port, "localhost", &trust).await.unwrap(), "hello\n");
}

#[tokio::test]
async fn pin_is_per_port() {
    let cert = self_signed("localhost");
    let port = tls_server(&cert).await;
    let trust = trust().with_pin("localhost", port.wrapping_add(1), cert.sha256());
    let error = connect(port, "localhost", &trust).await.unwrap_err();
    assert!(matches!(error, NetError::TlsUnknownIssuer), "{error:?}");
}

#[tokio::test]
async fn extra_root_accepted_and_pin_beats_valid_chain() {
    let ca = test_ca();
    let cert = issued_by(&ca, "localhost", false);
    let port = tls_server(&cert).await;
    // Unknown CA: refused.
    let error = connect(port, "localhost", &trust()).await.unwrap_err();
    assert!(matches!(error, NetError::TlsUnknownIssuer), "{error:?}");
    // Our test CA as an extra root: accepted.
    let with_ca = trust().with_extra_root_pem(ca.pem.as_bytes()).unwrap();
    assert_eq!(
        connect(port, "localhost", &with_ca).await.unwrap(),
        "hello\n"
    );
    // Pinned to another certificate: refused although the chain is valid.
    let pinned = with_ca.with_pin("localhost", port, [1; 32]);
    let error = connect(port, "localhost", &pinned).await.unwrap_err();
    assert!(
        matches!(error, NetError::TlsPinMismatch { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn certs_folder_roots_and_pin_file_are_loaded() {
    let ca = test_ca();
    let by_ca = issued_by(&ca, "localhost", false);
    let ca_port = tls_server(&by_ca).await;
    let pinned_cert = self_signed("localhost");
    let pinned_port = tls_server(&pinned_cert).await;

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test-ca.pem"), &ca.pem).unwrap();
    std::fs::write(
        dir.path().join("cert_override.txt"),
        format!(
            "# test pins\nlocalhost:{pinned_port} {}\n",
            messenger_net::hex_encode(&pinned_cert.sha256())
        ),
    )
    .unwrap();
    let loaded = TlsTrust::load(dir.path()).unwrap();
    assert!(loaded.root_count() > 100, "Mozilla's roots are kept");
    assert_eq!(
        connect(ca_port, "localhost", &loaded).await.unwrap(),
        "hello\n"
    );
    assert_eq!(
        connect(pinned_port, "localhost", &loaded).await.unwrap(),
        "hello\n"
    );

    // A broken pin file is an error, not "no pins".
    std::fs::write(dir.path().join("cert_override.txt"), "localhost:1 nothex\n").unwrap();
    let error = TlsTrust::load(dir.path()).unwrap_err();
    assert!(matches!(error, NetError::BadTrustFile { .. }), "{error:?}");
    assert!(error.to_string().contains("line 1"), "{error}");
    // So is a broken root.
    std::fs::write(dir.path().join("cert_override.txt"), "").unwrap();
    std::fs::write(dir.path().join("broken.pem"), "not a certificate").unwrap();
    assert!(TlsTrust::load(dir.path()).is_err());
    // A missing folder means Mozilla's roots and no pins.
    assert!(TlsTrust::load(&dir.path().join("missing")).is_ok());
}

#[tokio::test]
async fn wrong_host_refused() {
    let ca = test_ca();
    let cert = issued_by(&ca, "other.test", false);
    let port = tls_server(&cert).await;
    let trust = trust().with_extra_root_pem(ca.pem.as_bytes()).unwrap();
    let error = connect(port, "localhost", &trust).await.unwrap_err();
    assert!(matches!(error, NetError::TlsWrongHost), "{error:?}");
}

/// An onion service that presents its operator's clearnet certificate: verified against the
/// name the account names, never accepted for the onion name itself, and a pin still belongs
/// to the host connected to.
#[tokio::test]
async fn a_verification_name_other_than_the_host_is_checked_strictly() {
    let ca = test_ca();
    let cert = issued_by(&ca, "palladium.test", false);
    let port = tls_server(&cert).await;
    let trust = trust().with_extra_root_pem(ca.pem.as_bytes()).unwrap();
    let onion = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion";
    let attempt = |verify_name: Option<&'static str>, trust: TlsTrust| async move {
        let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let options = TlsOptions {
            verify_name,
            client_certificate: None,
        };
        let mut stream = tls_connect_with(tcp, onion, port, &trust, &options).await?;
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text).await;
        Ok::<String, NetError>(text)
    };
    let error = attempt(None, trust.clone()).await.unwrap_err();
    assert!(matches!(error, NetError::TlsWrongHost), "{error:?}");
    let error = attempt(Some("other.test"), trust.clone())
        .await
        .unwrap_err();
    assert!(matches!(error, NetError::TlsWrongHost), "{error:?}");
    assert_eq!(
        attempt(Some("palladium.test"), trust.clone())
            .await
            .unwrap(),
        "hello\n"
    );
    let pinned = trust.with_pin(onion, port, [7; 32]);
    let error = attempt(Some("palladium.test"), pinned).await.unwrap_err();
    assert!(
        matches!(error, NetError::TlsPinMismatch { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn expired_refused() {
    let ca = test_ca();
    let cert = issued_by(&ca, "localhost", true);
    let port = tls_server(&cert).await;
    let trust = trust().with_extra_root_pem(ca.pem.as_bytes()).unwrap();
    let error = connect(port, "localhost", &trust).await.unwrap_err();
    assert!(matches!(error, NetError::TlsExpired), "{error:?}");
}

#[tokio::test]
async fn plaintext_server_refused_clearly() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        // What an IRC server's plaintext port says first.
        let _ = socket
            .write_all(b":irc.test NOTICE * :*** Looking up your hostname...\r\n")
            .await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    });
    let error = connect(port, "localhost", &trust()).await.unwrap_err();
    assert!(matches!(error, NetError::TlsNotSpoken), "{error:?}");
    assert!(error.to_string().contains("No unencrypted retry"));
}

#[tokio::test]
async fn server_closing_mid_handshake_is_a_clear_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 16];
        let _ = socket.read(&mut buf).await;
        drop(socket);
    });
    let error = connect(port, "localhost", &trust()).await.unwrap_err();
    assert!(matches!(error, NetError::TlsHandshake { .. }), "{error:?}");
    assert!(
        error.to_string().contains("closed the connection"),
        "{error}"
    );
}

/// `openssl s_server` stopped on drop.
struct OpensslServer(Child);

impl Drop for OpensslServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn tls_1_0_only_server_refused_as_too_old() {
    let dir = tempfile::tempdir().unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, certified.cert.pem()).unwrap();
    std::fs::write(&key_path, certified.signing_key.serialize_pem()).unwrap();
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    // SECLEVEL=0 lets OpenSSL 3 speak TLS 1.0 at all.
    let mut child = Command::new("openssl")
        .args([
            "s_server",
            "-tls1",
            "-cipher",
            "DEFAULT:@SECLEVEL=0",
            "-accept",
        ])
        .arg(format!("127.0.0.1:{port}"))
        .arg("-cert")
        .arg(&cert_path)
        .arg("-key")
        .arg(&key_path)
        .arg("-naccept")
        .arg("1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = OpensslServer(child);
    // s_server prints "ACCEPT" once it listens.
    let mut lines = BufReader::new(stdout).lines();
    loop {
        let line = lines.next().expect("openssl s_server exited").unwrap();
        if line.contains("ACCEPT") {
            break;
        }
    }
    // Even a pin does not make an old protocol acceptable.
    let trust = trust().with_pin(
        "localhost",
        port,
        Sha256::digest(certified.cert.der()).into(),
    );
    let error = connect(port, "localhost", &trust).await.unwrap_err();
    assert!(matches!(error, NetError::TlsProtocolTooOld), "{error:?}");
    assert!(error.to_string().contains("older than TLS 1.2"));
}
