//! Small drawn symbols. egui 0.37's default fonts have no emoji or geometric shapes, and
//! loading an emoji font for a dot and a lock would cost memory: these are painted instead.

/// A presence or state dot: filled when `on`, a ring otherwise.
pub(crate) fn dot(ui: &mut egui::Ui, colour: egui::Color32, on: bool) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(size * 0.7, size), egui::Sense::hover());
    let radius = size * 0.22;
    if on {
        ui.painter().circle_filled(rect.center(), radius, colour);
    } else {
        ui.painter()
            .circle_stroke(rect.center(), radius, egui::Stroke::new(1.2, colour));
    }
    response
}

/// A padlock, shut or open, in `colour`.
pub(crate) fn lock(ui: &mut egui::Ui, colour: egui::Color32, shut: bool) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 1.3;
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(size * 0.8, size), egui::Sense::hover());
    let painter = ui.painter();
    let body = egui::Rect::from_min_max(
        egui::pos2(rect.left() + size * 0.05, rect.center().y - size * 0.05),
        egui::pos2(rect.right() - size * 0.05, rect.bottom() - size * 0.05),
    );
    painter.rect_filled(body, size * 0.08, colour);
    let stroke = egui::Stroke::new(size * 0.1, colour);
    let radius = body.width() * 0.3;
    let centre_x = body.center().x;
    let top = rect.top() + size * 0.1 + radius;
    // The shackle: a half circle on two legs; an open lock lifts and shifts its right leg.
    let points: Vec<egui::Pos2> = (0..=12)
        .map(|i| {
            let angle = std::f32::consts::PI * (i as f32 / 12.0);
            egui::pos2(centre_x - radius * angle.cos(), top - radius * angle.sin())
        })
        .collect();
    painter.add(egui::Shape::line(points, stroke));
    painter.line_segment(
        [
            egui::pos2(centre_x - radius, top),
            egui::pos2(centre_x - radius, body.top()),
        ],
        stroke,
    );
    let right_end = if shut { body.top() } else { top + size * 0.05 };
    painter.line_segment(
        [
            egui::pos2(centre_x + radius, top),
            egui::pos2(centre_x + radius, right_end),
        ],
        stroke,
    );
    response
}
