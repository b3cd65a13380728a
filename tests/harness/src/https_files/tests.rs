use super::*;
use sha2::Digest as _;

#[test]
fn serves_a_file_over_tls_with_the_certificate_it_reports() {
    let server = HttpsFileServer::start(
        "files.test",
        HashMap::from([("/a".to_owned(), Route::File(b"hello".to_vec()))]),
    )
    .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    let der = CertificateDer::from_pem_file(server.cert_pem_path()).unwrap();
    assert_eq!(
        sha2::Sha256::digest(der.as_ref()).as_slice(),
        server.cert_sha256()
    );
    roots.add(der).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from("files.test").unwrap();
    let connection = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let tcp = TcpStream::connect((Ipv4Addr::LOCALHOST, server.port())).unwrap();
    let mut tls = rustls::StreamOwned::new(connection, tcp);
    tls.write_all(b"GET /a HTTP/1.1\r\nHost: files.test\r\n\r\n")
        .unwrap();
    let mut response = Vec::new();
    let _ = tls.read_to_end(&mut response);
    let response = String::from_utf8(response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.ends_with("\r\n\r\nhello"), "{response}");
}
