//! Writing to the terminal without panicking: `eprintln!` panics when stderr is closed (a
//! closed terminal, a pipe to `head`), and a panic here would kill tor mid-way. Lost output is
//! better than a launcher that dies.

use std::io::Write;

/// Writes one line to stderr, ignoring failures.
pub fn to_stderr(line: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}

/// Writes one line to stdout, ignoring failures.
pub fn to_stdout(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
}
