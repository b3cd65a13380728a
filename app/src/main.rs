//! `tor-messenger`: the messenger binary. eframe lives here and nowhere else; the views are
//! in `messenger-ui`, the model in `messenger-chat`.

mod cli;
mod font_files;
mod network;
mod profile_store;
mod showcase;
mod tor_status;
mod update_check;
mod window;

use anyhow::Context;
use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    let profile_dir = profile_store::locate(cli.profile.clone())?;
    let profile = profile_store::load(&profile_dir)?;
    let accounts = match cli.showcase {
        Some(_) => Default::default(),
        None => messenger_protocol::accounts::load_accounts(&profile_dir)
            .context("cannot read the accounts in the profile folder")?,
    };
    let bundle_dir = profile_dir
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let fonts_dir = bundle_dir.join("fonts");
    // The bundle's transports and built-in bridges, for the connection screen's choices.
    let connecting = tor_status::Connecting {
        pt_config: messenger_bridges::PtConfig::for_bundle(&bundle_dir).context(
            "the bundle's tor/pluggable_transports/pt_config is damaged (unpack the bundle again)",
        )?,
        own_bridges: Some(messenger_bridges::CustomBridges::path(
            &profile_dir.join("Tor"),
        )),
        stall_after: tor_status::STALL_AFTER,
    };
    let certs_dir = bundle_dir.join("certs");
    let (tor_tx, tor_rx) = std::sync::mpsc::channel();
    let mut tor_requests = None;
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Tor Messenger")
            .with_inner_size([1100.0, 720.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    let control = tor_status::ControlPort {
        address: cli.control,
        cookie: cli.control_cookie.clone(),
    };
    let socks_port = cli.socks.port();
    let showcase = cli.showcase;
    let manifest_url = cli.update_manifest_url.clone();
    eframe::run_native(
        "tor-messenger",
        options,
        Box::new(move |creation| {
            if showcase == Some(showcase::Showcase::Rtl) {
                let fonts = font_files::load(&fonts_dir, &[messenger_ui::Script::Arabic]);
                messenger_ui::fonts::install(&creation.egui_ctx, &fonts);
                return Ok(Box::new(showcase::RtlCompare) as Box<dyn eframe::App>);
            }
            let socks = messenger_net::TorSocks::localhost(socks_port);
            let trust = network::trust(&certs_dir)?;
            let (network, runtime) = match showcase {
                Some(_) => (None, None),
                None => {
                    let runtime = messenger_session::spawn_runtime()?;
                    let ctx = creation.egui_ctx.clone();
                    // A task on the session's runtime; it ends when the window is gone.
                    tor_requests = Some(tor_status::watch(
                        &runtime,
                        control,
                        connecting,
                        tor_tx,
                        move || ctx.request_repaint(),
                    ));
                    let ctx = creation.egui_ctx.clone();
                    let session = network::start(
                        runtime.clone(),
                        socks,
                        trust.clone(),
                        &profile_dir,
                        &profile.settings,
                        move || ctx.request_repaint(),
                    )?;
                    (Some(session), Some(runtime))
                }
            };
            let updates = update_check::UpdateChecker::new(
                manifest_url,
                update_check::release_keys(),
                &profile_dir,
                &bundle_dir,
                socks,
                trust,
                runtime,
            );
            let mut window = window::Messenger::new(window::Start {
                profile,
                accounts,
                profile_dir,
                fonts_dir,
                tor_updates: tor_rx,
                tor_requests,
                network,
                updates,
                utc_offset_seconds: local_utc_offset(),
            });
            if let Some(showcase) = showcase {
                window.showcase(showcase);
            }
            Ok(Box::new(window) as Box<dyn eframe::App>)
        }),
    )
    .map_err(|error| anyhow::anyhow!("the window could not be opened: {error}"))
}

/// The local time zone's offset from UTC in seconds (TZ, else /etc/localtime, read by chrono's
/// own time zone parser, without the C library's thread-unsafe `localtime`).
fn local_utc_offset() -> i64 {
    i64::from(chrono::Local::now().offset().local_minus_utc())
}
