use super::*;

#[test]
fn unmeasured_rows_count_as_one_line() {
    let mut rows = RowHeights::default();
    rows.prepare(10, 500.0, 20.0);
    assert_eq!(rows.total(), 200.0);
    assert_eq!(rows.first_below(45.0), (2, 40.0));
    assert_eq!(rows.first_below(1000.0), (10, 200.0));
}

#[test]
fn measured_rows_move_the_rows_after_them() {
    let mut rows = RowHeights::default();
    rows.prepare(10, 500.0, 20.0);
    rows.set(1, 60.0);
    assert_eq!(rows.total(), 240.0);
    assert_eq!(rows.first_below(30.0), (1, 20.0));
    assert_eq!(rows.first_below(79.0), (1, 20.0));
    assert_eq!(rows.first_below(80.0), (2, 80.0));
}

#[test]
fn the_first_visible_row_is_the_same_from_either_end() {
    let mut rows = RowHeights::default();
    rows.prepare(1000, 500.0, 20.0);
    for index in (0..1000).step_by(7) {
        rows.set(index, 20.0 + (index % 5) as f32 * 13.0);
    }
    rows.set(14, 50.0);
    let mut top = 0.0;
    for index in 0..1000 {
        let height = rows.height(rows.heights[index]);
        for y in [top, top + height / 2.0, top + height - 0.5] {
            let (found, found_top) = rows.first_below(y);
            assert_eq!(found, index, "y {y}");
            assert!(
                (found_top - top).abs() < 0.01,
                "y {y}: {found_top} vs {top}"
            );
        }
        top += height;
    }
    assert!((rows.total() - top).abs() < 0.01);
}

#[test]
fn another_width_forgets_and_new_rows_are_added() {
    let mut rows = RowHeights::default();
    rows.prepare(3, 500.0, 20.0);
    rows.set(0, 60.0);
    rows.prepare(4, 500.0, 20.0);
    assert_eq!(rows.measured(0), Some(60.0));
    assert_eq!(rows.total(), 120.0);
    rows.prepare(4, 300.0, 20.0);
    assert_eq!(rows.measured(0), None);
    rows.set(0, 60.0);
    rows.prepare(2, 300.0, 20.0);
    assert_eq!(rows.measured(0), None, "a shorter log starts again");
}
