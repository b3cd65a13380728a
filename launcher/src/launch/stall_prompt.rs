//! Asking the person what to do about a stall, on the launcher's standard input: a number for
//! a choice, then, for "enter bridges", the lines and an empty line. Only when standard input
//! is a terminal or a pipe (a launcher started from a desktop file has neither; the
//! messenger's window then offers the same choices).

use std::os::unix::fs::FileTypeExt;

use tokio::sync::mpsc;

use crate::stall_advice::StallChoice;

/// What a typed line meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A choice was made.
    Chose(StallChoice),
    /// Bridge lines were pasted (ended by an empty line).
    Pasted(String),
    /// Not one of the numbers; the text says so.
    Invalid(String),
    /// A line of pasted bridges; more may follow.
    Collecting,
    /// Standard input ended: no more answers will come.
    Closed,
}

#[derive(Debug)]
enum State {
    Idle,
    Choosing(Vec<StallChoice>),
    Pasting(String),
}

/// The launcher's questions on standard input.
#[derive(Debug)]
pub(crate) struct StallPrompt {
    interactive: bool,
    lines: Option<mpsc::Receiver<String>>,
    state: State,
}

/// Whether standard input can answer: a terminal, or a pipe (scripts and tests).
fn stdin_can_answer() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
        || std::fs::metadata("/dev/stdin").is_ok_and(|metadata| metadata.file_type().is_fifo())
}

impl StallPrompt {
    /// A prompt that asks when standard input can answer.
    pub(crate) fn new() -> StallPrompt {
        StallPrompt {
            interactive: stdin_can_answer(),
            lines: None,
            state: State::Idle,
        }
    }

    /// Whether the person can answer here.
    pub(crate) fn interactive(&self) -> bool {
        self.interactive
    }

    /// Whether a question is open.
    pub(crate) fn is_asking(&self) -> bool {
        !matches!(self.state, State::Idle)
    }

    /// Opens the question with these choices (starts reading standard input the first time).
    pub(crate) fn ask(&mut self, choices: Vec<StallChoice>) {
        if self.lines.is_none() {
            let (sender, receiver) = mpsc::channel(16);
            // A thread of its own, not tokio's stdin: a read that waits for the person would
            // keep the runtime from shutting down when the launcher is done. The thread ends
            // with the process.
            let spawned = std::thread::Builder::new()
                .name("stdin".to_owned())
                .spawn(move || {
                    use std::io::BufRead;
                    for line in std::io::stdin().lock().lines() {
                        let Ok(line) = line else { return };
                        if sender.blocking_send(line).is_err() {
                            return;
                        }
                    }
                });
            if spawned.is_err() {
                self.interactive = false;
                return;
            }
            self.lines = Some(receiver);
        }
        self.state = State::Choosing(choices);
    }

    /// Closes the question (the choice was applied, or tor reached 100%).
    pub(crate) fn close(&mut self) {
        self.state = State::Idle;
    }

    /// The next typed line; never returns while nothing is asked. Cancel-safe.
    pub(crate) async fn next_line(&mut self) -> Option<String> {
        match (&self.state, self.lines.as_mut()) {
            (State::Idle, _) | (_, None) => std::future::pending().await,
            (_, Some(lines)) => lines.recv().await,
        }
    }

    /// Interprets `line` (`None`: standard input ended).
    pub(crate) fn answer(&mut self, line: Option<String>) -> Answer {
        let Some(line) = line else {
            self.interactive = false;
            self.lines = None;
            self.state = State::Idle;
            return Answer::Closed;
        };
        match &mut self.state {
            State::Idle => Answer::Collecting,
            State::Pasting(text) => {
                if line.trim().is_empty() {
                    let text = std::mem::take(text);
                    self.state = State::Idle;
                    Answer::Pasted(text)
                } else {
                    text.push_str(&line);
                    text.push('\n');
                    Answer::Collecting
                }
            }
            State::Choosing(choices) => {
                let picked = line
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|number| number.checked_sub(1))
                    .and_then(|index| choices.get(index).copied());
                match picked {
                    Some(StallChoice::EnterBridges) => {
                        self.state = State::Pasting(String::new());
                        Answer::Chose(StallChoice::EnterBridges)
                    }
                    Some(choice) => {
                        self.state = State::Idle;
                        Answer::Chose(choice)
                    }
                    None => Answer::Invalid(format!(
                        "{:?} is not one of the choices: type a number from 1 to {} and Enter",
                        line.trim(),
                        choices.len()
                    )),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
