//! Reads the font a language needs, from the bundle's `fonts/` folder or the system.

use messenger_ui::Script;
use messenger_ui::fonts::{ScriptFont, candidates};
use std::path::Path;

/// The fonts for `scripts`; a script whose file is nowhere is skipped (its text shows as
/// boxes, and the language menu names it in Latin letters).
pub(crate) fn load(bundle_fonts: &Path, scripts: &[Script]) -> Vec<ScriptFont> {
    scripts
        .iter()
        .filter_map(|script| {
            candidates(*script).iter().find_map(|name| {
                let path = if name.starts_with('/') {
                    Path::new(name).to_path_buf()
                } else {
                    bundle_fonts.join(name)
                };
                std::fs::read(path).ok().map(|bytes| ScriptFont {
                    script: *script,
                    bytes,
                })
            })
        })
        .collect()
}
