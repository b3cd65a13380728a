//! A small HTTPS file server on loopback, for update tests: fixed routes, a self-signed
//! certificate for a chosen host name (reached through tor by that name), and misbehaving
//! routes (unannounced length, endless data) to test the client's limits.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::HarnessError;
use crate::tls_cert::SelfSignedCert;

const COMPONENT: &str = "HTTPS file server";
/// The endless route stops by itself after this much, so a broken client cannot keep the
/// test server busy for ever.
const ENDLESS_LIMIT: usize = 1 << 30;

/// What the server answers for one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The bytes, with a correct `Content-Length`.
    File(Vec<u8>),
    /// The bytes without `Content-Length`, then the connection closes (a short or long body
    /// the client cannot tell from the header).
    Unannounced(Vec<u8>),
    /// Data without end (bounded at 1 GiB).
    Endless,
}

/// The running server; dropping it stops its threads.
#[derive(Debug)]
pub struct HttpsFileServer {
    port: u16,
    cert: SelfSignedCert,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl HttpsFileServer {
    /// Serves `routes` (path → answer) over HTTPS on a free loopback port, with a self-signed
    /// certificate for `host`.
    pub fn start(host: &str, routes: HashMap<String, Route>) -> Result<Self, HarnessError> {
        let dir = tempfile::tempdir()
            .map_err(|e| HarnessError::io(COMPONENT, "making a temporary folder", e))?;
        let cert = SelfSignedCert::generate(COMPONENT, &[host], dir.path())?;
        let bad_cert = |message: String| HarnessError::Certificate {
            component: COMPONENT.to_owned(),
            message,
        };
        let chain = vec![
            CertificateDer::from_pem_file(&cert.cert_pem_path)
                .map_err(|e| bad_cert(e.to_string()))?,
        ];
        let key = PrivateKeyDer::from_pem_file(&cert.key_pem_path)
            .map_err(|e| bad_cert(e.to_string()))?;
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| bad_cert(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| bad_cert(e.to_string()))?;
        let config = Arc::new(config);
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|e| HarnessError::io(COMPONENT, "binding a port", e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| HarnessError::io(COMPONENT, "setting the listener non-blocking", e))?;
        let port = listener
            .local_addr()
            .map_err(|e| HarnessError::io(COMPONENT, "reading the bound address", e))?
            .port();
        let routes = Arc::new(Mutex::new(routes));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let routes = Arc::clone(&routes);
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("harness-https".to_owned())
                .spawn(move || accept_loop(&listener, &config, &routes, &stop))
                .map_err(|e| HarnessError::io(COMPONENT, "starting its thread", e))?
        };
        Ok(Self {
            port,
            cert,
            routes,
            stop,
            thread: Some(thread),
            _dir: dir,
        })
    }

    /// The loopback port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// SHA-256 of its certificate (DER), to pin.
    pub fn cert_sha256(&self) -> [u8; 32] {
        self.cert.sha256
    }

    /// Its certificate, PEM file.
    pub fn cert_pem_path(&self) -> &std::path::Path {
        &self.cert.cert_pem_path
    }

    /// Replaces or adds the answer for `path`.
    pub fn set_route(&self, path: &str, route: Route) {
        if let Ok(mut routes) = self.routes.lock() {
            routes.insert(path.to_owned(), route);
        }
    }
}

impl Drop for HttpsFileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept_loop(
    listener: &TcpListener,
    config: &Arc<rustls::ServerConfig>,
    routes: &Arc<Mutex<HashMap<String, Route>>>,
    stop: &Arc<AtomicBool>,
) {
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                let config = Arc::clone(config);
                let routes = Arc::clone(routes);
                let stop = Arc::clone(stop);
                // One thread per connection; each ends when its client does or on stop.
                let _ = std::thread::Builder::new()
                    .name("harness-https-conn".to_owned())
                    .spawn(move || serve_one(stream, config, &routes, &stop));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

fn serve_one(
    stream: TcpStream,
    config: Arc<rustls::ServerConfig>,
    routes: &Mutex<HashMap<String, Route>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let Ok(connection) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let mut request = Vec::new();
    let mut buffer = [0u8; 1024];
    while !request.windows(4).any(|window| window == b"\r\n\r\n") {
        match tls.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(read) => request.extend_from_slice(&buffer[..read]),
        }
        if request.len() > 16 * 1024 {
            return;
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text.split(' ').nth(1).unwrap_or("/").to_owned();
    let route = routes
        .lock()
        .ok()
        .and_then(|routes| routes.get(&path).cloned());
    let _ = match route {
        None => tls
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        Some(Route::File(bytes)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                bytes.len()
            );
            tls.write_all(head.as_bytes())
                .and_then(|()| tls.write_all(&bytes))
        }
        Some(Route::Unannounced(bytes)) => tls
            .write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
            .and_then(|()| tls.write_all(&bytes)),
        Some(Route::Endless) => {
            let chunk = vec![b'A'; 64 * 1024];
            let mut result = tls.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let mut sent = 0;
            while result.is_ok() && sent < ENDLESS_LIMIT && !stop.load(Ordering::Relaxed) {
                result = tls.write_all(&chunk);
                sent += chunk.len();
            }
            result
        }
    };
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

#[cfg(test)]
mod tests;
