//! Layout helpers every view may use: a mirrored layout for right-to-left languages, rows
//! in reading order, and wrapped paragraphs broken into lines in reading order.

/// Runs `add` in a layout mirrored for a right-to-left language: widgets flow from the
/// right (every `ui.horizontal` inside becomes right to left) and labels align right.
/// Grids, checkboxes and radio buttons stay as egui draws them (left to right).
pub(crate) fn mirror<R>(
    right_to_left: bool,
    ui: &mut egui::Ui,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    if right_to_left {
        ui.with_layout(egui::Layout::top_down(egui::Align::Max), add)
            .inner
    } else {
        add(ui)
    }
}

/// Runs `add` left to right even in a mirrored screen: egui's `Grid` lays its cells out
/// left to right only, and a right-to-left row inside a grid cell has no width to fill.
pub(crate) fn grid_scope<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), add)
        .inner
}

/// The layout of one row of widgets, in reading order.
pub(crate) fn row_layout(right_to_left: bool) -> egui::Layout {
    if right_to_left {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    }
}

/// A wrapped paragraph of `logical` text (UI strings from `Localizer::logical`, names or
/// messages). A right-to-left paragraph is broken into lines here, in reading order, and each
/// line is then ordered for display and aligned right: egui would break the already ordered
/// text from the left, putting the end of the sentence on the first line. `style` styles it.
pub(crate) fn paragraph(
    ui: &mut egui::Ui,
    ui_right_to_left: bool,
    logical: &str,
    style: impl FnOnce(String) -> egui::RichText,
) -> egui::Response {
    let right_to_left = crate::bidi::is_right_to_left_paragraph(logical)
        || (ui_right_to_left && logical.chars().any(crate::bidi::is_right_to_left));
    if !right_to_left {
        let shown = crate::bidi::visual(logical).into_owned();
        return ui.add(egui::Label::new(style(shown)).wrap());
    }
    let width = ui.available_width();
    let font = egui::FontSelection::Default.resolve(ui.style());
    let lines = ui.fonts_mut(|fonts| {
        crate::bidi::break_lines(logical, width, |piece| {
            fonts
                .layout_no_wrap(
                    crate::bidi::visual_in(piece, true).into_owned(),
                    font.clone(),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
                .x
        })
    });
    let shown = lines
        .iter()
        .map(|line| crate::bidi::visual_in(line, true))
        .collect::<Vec<_>>()
        .join("\n");
    ui.add(
        egui::Label::new(style(shown))
            .wrap()
            .halign(egui::Align::RIGHT),
    )
}
