//! Finding the external programs the harness runs, with the Debian package that provides each.

use std::env;
use std::path::{Path, PathBuf};

use crate::HarnessError;

/// The Debian package that ships `program`, for the "install it" hint of a missing program.
pub fn debian_package(program: &str) -> &'static str {
    let name = Path::new(program)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(program);
    match name {
        "tor" | "tor-gencert" => "tor",
        "ngircd" => "ngircd",
        "prosody" | "prosodyctl" => "prosody",
        "ejabberdctl" => "ejabberd",
        // erl comes with ejabberd's dependencies; ejabberd is what the harness needs it for.
        "erl" => "ejabberd",
        "inspircd" => "inspircd",
        "atheme-services" => "atheme-services",
        "ircd-hybrid" => "ircd-hybrid",
        "python3" => "python3",
        "openssl" => "openssl",
        _ => "(unknown package)",
    }
}

/// Resolves `program` to an executable path.
///
/// A name with a slash is taken as a path (this is how tests override a program); a bare name
/// is looked up in `PATH` and then in `/usr/sbin` and `/sbin`, where Debian puts `tor` and
/// `ngircd` and which a non-root `PATH` often lacks.
pub fn find_program(component: &str, program: &Path) -> Result<PathBuf, HarnessError> {
    let missing = || HarnessError::MissingProgram {
        component: component.to_owned(),
        program: program.display().to_string(),
        package: debian_package(&program.to_string_lossy()),
    };
    if program.components().count() > 1 || program.is_absolute() {
        return if is_executable(program) {
            Ok(program.to_path_buf())
        } else {
            Err(missing())
        };
    }
    let path_dirs = env::var_os("PATH")
        .map(|paths| env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    path_dirs
        .into_iter()
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/sbin")])
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(missing)
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests;
