//! Throwaway minisign keys made by the real `minisign` CLI, for tests.

use crate::keys::TrustedKeys;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A key pair made by `minisign -G -W` in a temporary folder.
pub(crate) struct CliKey {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) public: PathBuf,
    pub(crate) secret: PathBuf,
    pub(crate) id: String,
}

impl CliKey {
    pub(crate) fn generate() -> CliKey {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("test.pub");
        let secret = dir.path().join("test.key");
        let status = Command::new("minisign")
            .args(["-G", "-W", "-p"])
            .arg(&public)
            .arg("-s")
            .arg(&secret)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("the minisign CLI is installed (make deps)");
        assert!(status.success());
        let text = std::fs::read_to_string(&public).unwrap();
        let id = text
            .lines()
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .to_owned();
        CliKey {
            dir,
            public,
            secret,
            id,
        }
    }

    pub(crate) fn trusted(&self) -> TrustedKeys {
        let mut keys = TrustedKeys::empty();
        keys.add_minisign_pub(&std::fs::read_to_string(&self.public).unwrap())
            .unwrap();
        keys
    }

    /// Signs `file` into `file.minisig`; `legacy` makes a non-prehashed signature.
    pub(crate) fn sign(&self, file: &Path, legacy: bool) {
        let mut command = Command::new("minisign");
        command
            .arg("-S")
            .arg("-s")
            .arg(&self.secret)
            .arg("-m")
            .arg(file);
        if legacy {
            command.arg("-l");
        }
        let status = command
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
}
