//! Frame time while scrolling a room of 100,000 messages and 5,000 members, then a second
//! room of 100,000 messages where one in ten wraps over several lines (rows of different
//! heights), measured on a headless egui context (layout + tessellation, no GPU), and the
//! process's RSS before and after filling the model. Printed; no assertion (docs/ARCHITECTURE.md section 12: goal far below 16 ms).
//!
//! Run: `cargo bench -p messenger-ui --bench scrolling`

use messenger_chat::{Model, TorState};
use messenger_protocol::{Conversation, Event, IncomingMessage, MessageKind, ProtocolKind};
use messenger_ui::{MessengerUi, Settings};
use std::time::{Duration, Instant, SystemTime};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        events,
        ..Default::default()
    }
}

fn wheel(at: egui::Pos2, delta_y: f32) -> Vec<egui::Event> {
    vec![
        egui::Event::PointerMoved(at),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta_y),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

struct Stats {
    frames: Vec<Duration>,
}

impl Stats {
    fn print(&mut self, what: &str) {
        self.frames.sort();
        let n = self.frames.len();
        let mean = self.frames.iter().sum::<Duration>() / n as u32;
        let p50 = self.frames[n / 2];
        let p99 = self.frames[(n * 99 / 100).min(n - 1)];
        let max = self.frames[n - 1];
        println!(
            "{what}: {n} frames, mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            ms(mean),
            ms(p50),
            ms(p99),
            ms(max)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn frame(
    ctx: &egui::Context,
    ui_state: &mut MessengerUi,
    model: &mut Model,
    events: Vec<egui::Event>,
) -> Duration {
    let started = Instant::now();
    let mut output = ctx.run_ui(input(events), |ui| {
        let _ = ui_state.show(ui, model);
    });
    // No GPU here: the font atlas updates are dropped on purpose.
    output.textures_delta.clear();
    let _primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    started.elapsed()
}

fn main() {
    let rss_start = rss_kib();
    let ctx = egui::Context::default();
    let settings = Settings {
        first_run_done: true,
        ..Settings::default()
    };
    let mut ui_state = MessengerUi::new(settings);
    let mut model = Model::new();
    model.tor = TorState::Ready;
    let account = model.add_account("OFTC", ProtocolKind::Irc);
    // Warm up an empty window (fonts, atlas) before measuring memory.
    frame(&ctx, &mut ui_state, &mut model, Vec::new());
    let rss_empty = rss_kib();

    let room = "#tor".to_string();
    let members: Vec<String> = (0..5_000).map(|i| format!("member{i:04}")).collect();
    model.apply(
        account,
        Event::Members {
            room: room.clone(),
            members,
        },
        false,
    );
    let fill = Instant::now();
    let now = SystemTime::now();
    for i in 0..100_000u64 {
        model.apply(
            account,
            Event::Message(IncomingMessage {
                from: format!("user{}", i % 5_000),
                conversation: Conversation::Room(room.clone()),
                body: format!("message number {i}: a typical chat line of about sixty bytes"),
                kind: MessageKind::Normal,
                received: now,
            }),
            false,
        );
    }
    let fill_time = fill.elapsed();
    let id = model
        .find(account, &Conversation::Room(room))
        .expect("the room exists");
    model.activate(id);
    let rss_filled = rss_kib();
    let text_bytes = model.conversation(id).map_or(0, |c| c.log.text_bytes());

    // First frame lays out the visible rows only.
    let first = frame(&ctx, &mut ui_state, &mut model, Vec::new());
    // Scroll the messages up (from the bottom) and back, then the member list.
    let messages_at = egui::pos2(600.0, 400.0);
    let members_at = egui::pos2(1200.0, 400.0);
    let mut messages = Stats { frames: Vec::new() };
    for step in 0..600 {
        let delta = if step < 300 { 400.0 } else { -400.0 };
        messages.frames.push(frame(
            &ctx,
            &mut ui_state,
            &mut model,
            wheel(messages_at, delta),
        ));
    }
    let mut members = Stats { frames: Vec::new() };
    for step in 0..600 {
        let delta = if step < 300 { -400.0 } else { 400.0 };
        members.frames.push(frame(
            &ctx,
            &mut ui_state,
            &mut model,
            wheel(members_at, delta),
        ));
    }
    let mut idle = Stats { frames: Vec::new() };
    for _ in 0..200 {
        idle.frames
            .push(frame(&ctx, &mut ui_state, &mut model, Vec::new()));
    }
    // A second room where one message in ten is a long paragraph that wraps (about 400
    // bytes, several lines): rows of different heights, measured as they come into view.
    let wrapped_room = "#long".to_string();
    let paragraph = "a long message that people paste into a chat, with enough words to wrap \
                     over several lines of the message view so that rows have different \
                     heights; ";
    for i in 0..100_000u64 {
        let body = if i % 10 == 0 {
            format!("{i}: {}", paragraph.repeat(3))
        } else {
            format!("message number {i}: a typical chat line of about sixty bytes")
        };
        model.apply(
            account,
            Event::Message(IncomingMessage {
                from: format!("user{}", i % 5_000),
                conversation: Conversation::Room(wrapped_room.clone()),
                body,
                kind: MessageKind::Normal,
                received: now,
            }),
            false,
        );
    }
    let long_id = model
        .find(account, &Conversation::Room(wrapped_room))
        .expect("the room exists");
    model.activate(long_id);
    let first_wrapped = frame(&ctx, &mut ui_state, &mut model, Vec::new());
    let mut wrapped = Stats { frames: Vec::new() };
    for step in 0..600 {
        let delta = if step < 300 { 400.0 } else { -400.0 };
        wrapped.frames.push(frame(
            &ctx,
            &mut ui_state,
            &mut model,
            wheel(messages_at, delta),
        ));
    }
    let rss_end = rss_kib();

    println!("messenger-ui scrolling benchmark (headless egui, 1280x800, layout + tessellation)");
    println!("filling 100,000 messages took {:.1} ms", ms(fill_time));
    println!("first frame of the full room: {:.3} ms", ms(first));
    messages.print("scrolling 100,000 messages");
    members.print("scrolling 5,000 members");
    idle.print("still frames");
    println!(
        "first frame of a room of 100,000 messages, one in ten wrapping: {:.3} ms",
        ms(first_wrapped)
    );
    wrapped.print("scrolling 100,000 messages, one in ten wrapping");
    println!(
        "RSS: at start {} KiB, after an empty first frame {} KiB, after 100,000 messages and 5,000 members {} KiB (+{} KiB for {} KiB of text), after scrolling (and a second room of 100,000) {} KiB",
        rss_start,
        rss_empty,
        rss_filled,
        rss_filled.saturating_sub(rss_empty),
        text_bytes / 1024,
        rss_end
    );
}
