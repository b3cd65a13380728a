//! The Python peer (python-omemo, pinned in `testdata/requirements.txt`) in a private virtual
//! environment under the target directory, made on first use the way the harness makes its
//! tools: `python3 -m venv` then `pip install -r requirements.txt`. A failure is a test
//! failure with the reason, never a skip.
#![allow(dead_code)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

static SETUP: Mutex<()> = Mutex::new(());

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// The virtual environment's interpreter, made if missing or out of date.
pub(crate) fn python() -> PathBuf {
    let _guard = SETUP.lock().unwrap_or_else(|e| e.into_inner());
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("..")
        .join("omemo-venv");
    let python = venv.join("bin").join("python");
    let requirements = testdata().join("requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("requirements.txt");
    let marker = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) && python.exists()
    {
        return python;
    }
    eprintln!(
        "making the python-omemo virtual environment in {}",
        venv.display()
    );
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "python3 -m venv failed: {status}");
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            "-r",
        ])
        .arg(&requirements)
        .status()
        .expect("pip runs");
    assert!(
        status.success(),
        "pip install -r testdata/requirements.txt failed: {status}"
    );
    std::fs::write(&marker, wanted).expect("marker");
    python
}

/// A running `testdata/peer.py`.
pub(crate) struct Peer {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Peer {
    pub(crate) fn start() -> Self {
        let mut child = Command::new(python())
            .arg(testdata().join("peer.py"))
            .env("PYTHONPATH", testdata())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("peer.py starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Self {
            child,
            stdin,
            stdout,
        }
    }

    pub(crate) fn request(&mut self, request: serde_json::Value) -> serde_json::Value {
        writeln!(self.stdin, "{request}").expect("write to peer");
        self.stdin.flush().expect("flush");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("read from peer");
        assert!(!line.is_empty(), "the Python peer exited");
        serde_json::from_str(&line).expect("peer answers JSON")
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
