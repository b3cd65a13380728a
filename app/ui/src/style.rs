//! The theme and text size of the settings, applied to egui's style.

use crate::settings::{Settings, Theme};

/// Remembers which theme and text size egui's style has, so they are set only when they
/// change (setting them every frame would cost a relayout).
#[derive(Debug, Default)]
pub(crate) struct AppliedStyle {
    applied: Option<(Theme, u32)>,
}

impl AppliedStyle {
    /// Sets theme and text sizes from `settings` unless they are already in force.
    pub(crate) fn apply(&mut self, ctx: &egui::Context, settings: &Settings) {
        let wanted = (settings.theme, settings.font_size.to_bits());
        if self.applied == Some(wanted) {
            return;
        }
        self.applied = Some(wanted);
        ctx.set_theme(match settings.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
        let size = settings
            .font_size
            .clamp(*Settings::FONT_SIZES.start(), *Settings::FONT_SIZES.end());
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            style.text_styles = [
                (
                    TextStyle::Small,
                    FontId::new(size * 0.75, FontFamily::Proportional),
                ),
                (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                (
                    TextStyle::Button,
                    FontId::new(size, FontFamily::Proportional),
                ),
                (
                    TextStyle::Heading,
                    FontId::new(size * 1.45, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(size, FontFamily::Monospace),
                ),
            ]
            .into();
            // egui's light theme draws text fields without a border, white on white:
            // give idle widgets the separator's stroke so every field can be seen.
            let stroke = style.visuals.widgets.noninteractive.bg_stroke.color;
            style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, stroke);
        });
    }
}
