//! Tor's `--defaults-torrc`, written at each start from the bundle's `tor/torrc-defaults`
//! template (or the copy built into the launcher), with the ports, data directory and owning
//! process filled in.

use std::path::{Path, PathBuf};

use crate::error::LaunchError;

/// The template shipped in the launcher (`launcher/torrc-defaults`), used when the bundle
/// has none (as in a development checkout).
pub const BUILT_IN_TEMPLATE: &str = include_str!("../torrc-defaults");

/// The values filled into the template.
#[derive(Debug, Clone)]
pub struct DefaultsValues<'a> {
    /// `@SOCKS_PORT@`.
    pub socks_port: u16,
    /// `@CONTROL_PORT@`.
    pub control_port: u16,
    /// `@DATA_DIRECTORY@`.
    pub data_directory: &'a Path,
    /// `@OWNER_PID@`: the launcher's process id.
    pub owner_pid: u32,
    /// `--torrc FILE`: included at the end, after the defaults.
    pub extra_torrc: Option<&'a Path>,
    /// The `ClientTransportPlugin` lines of the transports available
    /// (`messenger_bridges::plugin_lines`), added after the template.
    pub plugin_lines: &'a [String],
}

/// Reads the bundle's template if it exists, else the built-in one. Returns the text and a
/// name for errors.
pub fn load_template(bundle_template: &Path) -> Result<(String, String), LaunchError> {
    match std::fs::read_to_string(bundle_template) {
        Ok(text) => Ok((text, bundle_template.display().to_string())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok((BUILT_IN_TEMPLATE.to_owned(), "built-in".to_owned()))
        }
        Err(error) => Err(LaunchError::Template {
            source_name: bundle_template.display().to_string(),
            detail: error.to_string(),
        }),
    }
}

/// Fills in the template.
pub fn render(
    template: &str,
    source_name: &str,
    values: &DefaultsValues<'_>,
) -> Result<String, LaunchError> {
    let data_directory = quote_torrc_path(values.data_directory)?;
    let mut text = template
        .replace("@SOCKS_PORT@", &values.socks_port.to_string())
        .replace("@CONTROL_PORT@", &values.control_port.to_string())
        .replace("@DATA_DIRECTORY@", &data_directory)
        .replace("@OWNER_PID@", &values.owner_pid.to_string());
    if let Some(name) = first_placeholder(&text) {
        return Err(LaunchError::Template {
            source_name: source_name.to_owned(),
            detail: format!("unknown placeholder {name}"),
        });
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if !values.plugin_lines.is_empty() {
        text.push_str(
            "# Pluggable transports (tor/pluggable_transports/pt_config); tor starts one only \
             when a bridge uses it.\n",
        );
    }
    for line in values.plugin_lines {
        if line.chars().any(char::is_control) {
            return Err(LaunchError::Template {
                source_name: "pluggable transports".to_owned(),
                detail: "a plugin line contains a control character".to_owned(),
            });
        }
        text.push_str(line);
        text.push('\n');
    }
    if let Some(extra) = values.extra_torrc {
        text.push_str("# Added by --torrc\n%include ");
        text.push_str(&quote_torrc_path(extra)?);
        text.push('\n');
    }
    Ok(text)
}

/// The first `@NAME@` left in a non-comment line (a placeholder this launcher does not know).
fn first_placeholder(text: &str) -> Option<&str> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .find_map(|line| {
            let start = line.find('@')?;
            let length = line[start + 1..].find('@')?;
            let name = &line[start..start + length + 2];
            let inner = &name[1..name.len() - 1];
            let is_name = !inner.is_empty()
                && inner
                    .bytes()
                    .all(|byte| byte.is_ascii_uppercase() || byte == b'_');
            is_name.then_some(name)
        })
}

/// Writes the rendered defaults to `path`.
pub fn write(path: &Path, text: &str) -> Result<(), LaunchError> {
    private_file::write(path, text.as_bytes()).map_err(|source| LaunchError::DataDir {
        path: path.to_path_buf(),
        source,
    })
}

/// A path as a quoted torrc value (tor unescapes `\\` and `\"` in quoted values), so spaces
/// and `#` in folder names survive.
pub fn quote_torrc_path(path: &Path) -> Result<String, LaunchError> {
    let unusable = |detail| LaunchError::UnusablePath {
        path: PathBuf::from(path),
        detail,
    };
    let text = path
        .to_str()
        .ok_or_else(|| unusable("it is not valid UTF-8"))?;
    if text.chars().any(char::is_control) {
        return Err(unusable("it contains a control character"));
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '\\' | '"') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    Ok(quoted)
}

#[cfg(test)]
mod tests;
