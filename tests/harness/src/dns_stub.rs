//! A tiny DNS server on loopback for the exit relays: every A query is answered with
//! 127.0.0.1, every other query with "no such record" data (NOERROR, no answer), so a
//! hostname such as `irc.test` sent through tor reaches a local server and no query ever
//! leaves the machine.

use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::HarnessError;

const TYPE_A: u16 = 1;
const CLASS_IN: u16 = 1;
const HEADER_LEN: usize = 12;

/// The running stub; dropping it stops its thread.
#[derive(Debug)]
pub struct DnsStub {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl DnsStub {
    /// Binds a free UDP port on 127.0.0.1 and starts answering.
    pub fn start() -> Result<Self, HarnessError> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
    }

    /// Binds `addr` (a loopback address) and starts answering.
    pub fn start_on(addr: SocketAddr) -> Result<Self, HarnessError> {
        let component = "DNS stub";
        let socket = UdpSocket::bind(addr)
            .map_err(|e| HarnessError::io(component, format!("binding UDP {addr}"), e))?;
        // The timeout lets the thread notice `stop` without a wake-up packet.
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .map_err(|e| HarnessError::io(component, "setting a read timeout", e))?;
        let addr = socket
            .local_addr()
            .map_err(|e| HarnessError::io(component, "reading the bound address", e))?;
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("harness-dns-stub".to_owned())
            .spawn(move || serve(&socket, &thread_stop))
            .map_err(|e| HarnessError::io(component, "starting its thread", e))?;
        Ok(Self {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// Where it listens (UDP).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A resolv.conf naming this stub, in the `nameserver IP:PORT` form tor's resolver reads.
    pub fn resolv_conf(&self) -> String {
        format!("nameserver {}\n", self.addr)
    }
}

impl Drop for DnsStub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(socket: &UdpSocket, stop: &AtomicBool) {
    let mut buffer = [0u8; 1500];
    while !stop.load(Ordering::Relaxed) {
        match socket.recv_from(&mut buffer) {
            Ok((length, peer)) => {
                if let Some(reply) = answer(&buffer[..length]) {
                    // A lost reply is retried by the resolver; nothing to do on error.
                    let _ = socket.send_to(&reply, peer);
                }
            }
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The reply to one query, or `None` for a packet that is not a well-formed query.
pub(crate) fn answer(query: &[u8]) -> Option<Vec<u8>> {
    if query.len() < HEADER_LEN {
        return None;
    }
    let flags = u16::from_be_bytes([query[2], query[3]]);
    let is_response = flags & 0x8000 != 0;
    let question_count = u16::from_be_bytes([query[4], query[5]]);
    if is_response || question_count == 0 {
        return None;
    }
    let question_end = question_end(query)?;
    let question = &query[HEADER_LEN..question_end];
    let qtype = u16::from_be_bytes([query[question_end - 4], query[question_end - 3]]);
    let qclass = u16::from_be_bytes([query[question_end - 2], query[question_end - 1]]);
    let answers = u16::from(qtype == TYPE_A && qclass == CLASS_IN);

    let opcode = flags & 0x7800;
    let recursion_desired = flags & 0x0100;
    // QR, the query's opcode, AA, the query's RD, RA; RCODE 0 (no error).
    let reply_flags = 0x8000 | opcode | 0x0400 | recursion_desired | 0x0080;

    let mut reply = Vec::with_capacity(question_end + 16);
    reply.extend_from_slice(&query[0..2]);
    reply.extend_from_slice(&reply_flags.to_be_bytes());
    reply.extend_from_slice(&1u16.to_be_bytes());
    reply.extend_from_slice(&answers.to_be_bytes());
    reply.extend_from_slice(&[0, 0, 0, 0]);
    reply.extend_from_slice(question);
    if answers == 1 {
        reply.extend_from_slice(&[0xC0, 0x0C]); // the name: a pointer to the question's
        reply.extend_from_slice(&TYPE_A.to_be_bytes());
        reply.extend_from_slice(&CLASS_IN.to_be_bytes());
        reply.extend_from_slice(&60u32.to_be_bytes());
        reply.extend_from_slice(&4u16.to_be_bytes());
        reply.extend_from_slice(&Ipv4Addr::LOCALHOST.octets());
    }
    Some(reply)
}

/// The offset just past the first question (name, type, class), if it is well formed.
fn question_end(query: &[u8]) -> Option<usize> {
    let mut offset = HEADER_LEN;
    loop {
        let length = usize::from(*query.get(offset)?);
        if length == 0 {
            offset += 1;
            break;
        }
        if length & 0xC0 != 0 {
            // Compression or extended labels have no place in a first question.
            return None;
        }
        offset += 1 + length;
    }
    let end = offset + 4;
    (end <= query.len()).then_some(end)
}

#[cfg(test)]
mod tests;
