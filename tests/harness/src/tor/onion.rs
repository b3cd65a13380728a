//! Onion services on a client tor, for tests of `.onion` servers.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use super::TorClient;
use super::client::COMPONENT;
use crate::HarnessError;
use crate::control::ControlConnection;

/// An onion service on a client tor, forwarding to a local port; removed when dropped
/// (its control connection closes).
#[derive(Debug)]
pub struct OnionService {
    _connection: ControlConnection,
    address: String,
    port: u16,
}

impl OnionService {
    /// `<56 characters>.onion`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The port clients connect to on the onion address.
    pub fn port(&self) -> u16 {
        self.port
    }
}

impl TorClient {
    /// Publishes an onion service on `virtual_port` that forwards to 127.0.0.1:`target_port`,
    /// and waits until tor reports its descriptor uploaded (`HS_DESC UPLOADED`).
    pub fn add_onion(
        &self,
        virtual_port: u16,
        target_port: u16,
        limit: Duration,
    ) -> Result<OnionService, HarnessError> {
        let port = Some(self.control_addr().port());
        let control_error = |error: crate::control::ControlError| HarnessError::Protocol {
            component: COMPONENT.to_owned(),
            port,
            message: error.to_string(),
        };
        let mut connection = self.control()?;
        connection.set_events(&["HS_DESC"]).map_err(control_error)?;
        let target = SocketAddr::from((Ipv4Addr::LOCALHOST, target_port));
        let service_id = connection
            .add_onion(virtual_port, target)
            .map_err(control_error)?;
        let uploaded = connection
            .wait_for_upload(&service_id, limit)
            .map_err(control_error)?;
        if !uploaded {
            let awaited = format!("HS_DESC UPLOADED for {service_id}.onion");
            return Err(self.timeout_error(&awaited, port, limit));
        }
        // Nothing reads this connection's events from now on: stop them.
        connection.set_events(&[]).map_err(control_error)?;
        Ok(OnionService {
            _connection: connection,
            address: format!("{service_id}.onion"),
            port: virtual_port,
        })
    }
}
