#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod binaries;
mod custom_bridges;
mod line;
mod pt_config;
mod selection;
mod stall;
mod transport;

pub use binaries::{Origin, PluggableTransports, TransportBinary, Unavailable, plugin_lines};
pub use custom_bridges::{CUSTOM_BRIDGES_FILE, CustomBridges, CustomBridgesError};
pub use line::{BridgeLine, LineError, LineProblem};
pub use pt_config::{PT_CONFIG_FILE, PT_DIR, PtConfig, PtConfigError};
pub use selection::{BridgeMode, BridgeSelection, SelectionError};
pub use stall::{StallCause, StallWatch};
pub use transport::Transport;
