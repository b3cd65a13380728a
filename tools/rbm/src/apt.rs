//! Fetches one file of a Debian source package with `apt-get source --download-only`, or a
//! binary package with `apt-get download`.
//!
//! The system's apt configuration is left untouched: the runner writes `deb-src` copies of
//! the system's own `deb` entries into a private directory and points apt at it (and at
//! private lists) with `-o` options. The mirror is whatever the system already uses; the
//! pinned SHA-256 decides whether what came back is acceptable.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result, io};

/// A private apt state directory under the cache.
pub struct AptSources {
    dir: PathBuf,
    updated: bool,
}

impl AptSources {
    /// Uses (and creates when needed) `dir` for the private sources and lists.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            updated: false,
        }
    }

    fn options(&self) -> Vec<String> {
        let d = self.dir.display();
        vec![
            format!("-oDir::Etc::SourceParts={d}/sources.list.d"),
            "-oDir::Etc::SourceList=/dev/null".into(),
            format!("-oDir::State::Lists={d}/lists"),
            "-oDir::Cache::pkgcache=".into(),
            "-oDir::Cache::srcpkgcache=".into(),
            "-oAPT::Sandbox::User=root".into(),
        ]
    }

    /// Writes the deb-src entries and runs `apt-get update` on the private lists (once).
    fn update(&mut self, file: &str) -> Result<()> {
        if self.updated {
            return Ok(());
        }
        let parts = self.dir.join("sources.list.d");
        fs::create_dir_all(&parts).map_err(io(&parts))?;
        let lists = self.dir.join("lists/partial");
        fs::create_dir_all(&lists).map_err(io(&lists))?;
        let stanzas = system_deb_src_entries()?;
        if stanzas.is_empty() {
            return Err(Error::Fetch {
                file: file.into(),
                message:
                    "the system's apt sources have no `deb` entry to derive a deb-src entry from"
                        .into(),
            });
        }
        let target = parts.join("rbm-deb-src.sources");
        fs::write(&target, stanzas).map_err(io(&target))?;
        let output = Command::new("apt-get")
            .args(self.options())
            .args(["-q", "update"])
            .output()
            .map_err(|e| Error::Tool {
                tool: "apt-get".into(),
                message: e.to_string(),
            })?;
        if !output.status.success() {
            return Err(Error::Fetch {
                file: file.into(),
                message: format!(
                    "apt-get update failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
            });
        }
        self.updated = true;
        Ok(())
    }

    /// Downloads the source package `package` into a scratch directory and moves `file`
    /// out of it to `dest`. Other files of the package (and a failure to fetch them, as
    /// with a Debian diff no longer on the mirror) do not matter.
    pub fn download(&mut self, package: &str, file: &str, dest: &Path) -> Result<()> {
        self.update(file)?;
        let scratch = self.dir.join("download");
        let mut args = self.options();
        args.extend(["-q", "source", "--download-only", package].map(String::from));
        let output = apt_get_in(&scratch, &args)?;
        let got = scratch.join(file);
        if !got.is_file() {
            return Err(Error::Fetch {
                file: file.into(),
                message: format!(
                    "`apt-get source --download-only {package}` did not provide it (is the package name or version right?): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
            });
        }
        fs::rename(&got, dest).map_err(io(dest))?;
        fs::remove_dir_all(&scratch).map_err(io(&scratch))?;
        Ok(())
    }

    /// Downloads the binary package `package` (`name=version`) with the system's own apt
    /// lists into a scratch directory and moves the one `.deb` it gives to `dest` (`file`
    /// names it in messages; apt's own file name escapes an epoch's colon as `%3a`).
    pub fn download_binary(&mut self, package: &str, file: &str, dest: &Path) -> Result<()> {
        let scratch = self.dir.join("download-binary");
        let output = apt_get_in(&scratch, &["-q", "download", package].map(String::from))?;
        let debs: Vec<PathBuf> = fs::read_dir(&scratch)
            .map_err(io(&scratch))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "deb"))
            .collect();
        let [got] = debs.as_slice() else {
            return Err(Error::Fetch {
                file: file.into(),
                message: format!(
                    "`apt-get download {package}` did not provide one .deb (is the version still on the mirror? `apt-cache policy` lists the ones it has): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
            });
        };
        fs::rename(got, dest).map_err(io(dest))?;
        fs::remove_dir_all(&scratch).map_err(io(&scratch))?;
        Ok(())
    }
}

/// Runs `apt-get ARGS` in `scratch`, emptied first (a download lands in the working
/// directory; only what this run fetched may be picked up from it).
fn apt_get_in(scratch: &Path, args: &[String]) -> Result<std::process::Output> {
    if scratch.exists() {
        fs::remove_dir_all(scratch).map_err(io(scratch))?;
    }
    fs::create_dir_all(scratch).map_err(io(scratch))?;
    Command::new("apt-get")
        .args(args)
        .current_dir(scratch)
        .output()
        .map_err(|e| Error::Tool {
            tool: "apt-get".into(),
            message: e.to_string(),
        })
}

/// The system's `deb` entries turned into `deb-src` entries, in deb822 form.
fn system_deb_src_entries() -> Result<String> {
    let mut out = String::new();
    let mut files = Vec::new();
    let parts = Path::new("/etc/apt/sources.list.d");
    if let Ok(entries) = fs::read_dir(parts) {
        for entry in entries.flatten() {
            files.push(entry.path());
        }
    }
    files.sort();
    files.insert(0, PathBuf::from("/etc/apt/sources.list"));
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some("sources") => out.push_str(&deb822_to_src(&text)),
            Some("list") => out.push_str(&one_line_to_src(&text)),
            _ => {}
        }
    }
    Ok(out)
}

/// `Types: deb` stanzas of a deb822 file with their type changed to `deb-src`.
pub fn deb822_to_src(text: &str) -> String {
    let mut out = String::new();
    for stanza in text.split("\n\n") {
        let is_deb = stanza.lines().any(|line| {
            line.strip_prefix("Types:")
                .is_some_and(|types| types.split_whitespace().any(|t| t == "deb"))
        });
        if !is_deb {
            continue;
        }
        for line in stanza.lines() {
            if line.starts_with("Types:") {
                out.push_str("Types: deb-src\n");
            } else if !line.trim_start().starts_with('#') {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}

/// `deb URI SUITE COMPONENTS` lines turned into deb822 `deb-src` stanzas.
pub fn one_line_to_src(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("deb") {
            continue;
        }
        let rest: Vec<&str> = words.collect();
        // Options in brackets ([signed-by=...]) are skipped: deb822 needs them spelled out.
        let rest: Vec<&str> = rest
            .into_iter()
            .skip_while(|w| w.starts_with('['))
            .filter(|w| !w.ends_with(']'))
            .collect();
        if rest.len() < 3 {
            continue;
        }
        out.push_str(&format!(
            "Types: deb-src\nURIs: {}\nSuites: {}\nComponents: {}\n\n",
            rest[0],
            rest[1],
            rest[2..].join(" ")
        ));
    }
    out
}

#[cfg(test)]
mod tests;
