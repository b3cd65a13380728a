//! The lifecycle with a scripted connection: each attempt ends the way the script says, so the
//! loop's decisions (retry, wait, stay idle, end) are seen one by one.

use std::collections::VecDeque;
use std::time::Duration;

use super::*;
use crate::{AccountHandle, account_channels};

/// Ends each attempt with the next scripted ending; remembers offline commands.
struct Scripted {
    endings: VecDeque<Ending>,
    attempts: u32,
    offline: Vec<Command>,
}

impl Scripted {
    fn new(endings: Vec<Ending>) -> Scripted {
        Scripted {
            endings: endings.into(),
            attempts: 0,
            offline: Vec::new(),
        }
    }
}

impl AccountConnection for Scripted {
    async fn connect_once(
        &mut self,
        commands: &mut mpsc::Receiver<Command>,
        _events: &mpsc::Sender<Event>,
        _backoff: &mut Backoff,
    ) -> Ending {
        self.attempts += 1;
        match self.endings.pop_front() {
            Some(ending) => ending,
            // Out of script: stay "connected" until the user or the handle ends it.
            None => loop {
                match commands.recv().await {
                    None => return Ending::Closed,
                    Some(Command::Disconnect) => return Ending::User,
                    Some(_) => {}
                }
            },
        }
    }

    async fn offline_command(&mut self, command: Command, events: &mpsc::Sender<Event>) -> bool {
        if let Command::Send { id, .. } = command {
            return events
                .send(not_sent(id, "You are not connected"))
                .await
                .is_ok();
        }
        self.offline.push(command);
        true
    }
}

const QUICK: ReconnectPolicy = ReconnectPolicy {
    initial: Duration::from_millis(20),
    max: Duration::from_millis(40),
};

/// Retries only after an hour: the wait is always interrupted by the test.
const SLOW: ReconnectPolicy = ReconnectPolicy {
    initial: Duration::from_secs(3600),
    max: Duration::from_secs(3600),
};

fn lost() -> Ending {
    Ending::Lost(DisconnectReason::ConnectionLost("gone".into()))
}

async fn next(events: &mut mpsc::Receiver<Event>) -> Event {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("an event within 10 s")
        .expect("the task is running")
}

/// Runs the lifecycle on a scripted account; the task returns the account when it ends.
fn start(
    script: Vec<Ending>,
    reconnect: ReconnectPolicy,
) -> (AccountHandle, tokio::task::JoinHandle<Scripted>) {
    let (commands, events, handle) = account_channels(16);
    let task = tokio::spawn(async move {
        let mut account = Scripted::new(script);
        run_lifecycle(&mut account, "test", reconnect, commands, events).await;
        account
    });
    (handle, task)
}

/// Connect, then the first attempt ends as scripted: returns the `Disconnected` event.
async fn connect_and_lose(handle: &mut AccountHandle) -> Event {
    handle.commands.send(Command::Connect).await.unwrap();
    assert_eq!(next(&mut handle.events).await, Event::Connecting);
    next(&mut handle.events).await
}

const USER_DISCONNECTED: Event = Event::Disconnected {
    reason: DisconnectReason::UserRequest,
    retry_in: None,
};

#[tokio::test]
async fn nothing_happens_before_connect_and_offline_commands_are_handled() {
    let (mut handle, task) = start(vec![], QUICK);
    let join = Command::Join {
        room: "#tor".into(),
        password: None,
    };
    handle.commands.send(join.clone()).await.unwrap();
    handle
        .commands
        .send(Command::Send {
            id: OutgoingId(3),
            to: crate::Conversation::Room("#tor".into()),
            body: "hello".into(),
            kind: crate::MessageKind::Normal,
        })
        .await
        .unwrap();
    assert_eq!(
        next(&mut handle.events).await,
        not_sent(OutgoingId(3), "You are not connected")
    );
    drop(handle);
    let account = task.await.unwrap();
    assert_eq!(account.attempts, 0, "never connects on its own");
    assert_eq!(account.offline, [join]);
}

#[tokio::test]
async fn a_lost_connection_is_retried_after_the_backoff_a_fatal_one_is_not() {
    let fatal = DisconnectReason::AuthenticationFailed("no".into());
    let (mut handle, task) = start(vec![lost(), Ending::Fatal(fatal.clone())], QUICK);
    let Event::Disconnected { reason, retry_in } = connect_and_lose(&mut handle).await else {
        panic!("expected a disconnect");
    };
    assert_eq!(reason, DisconnectReason::ConnectionLost("gone".into()));
    let retry_in = retry_in.expect("a lost connection is retried");
    assert!(retry_in <= QUICK.initial, "{retry_in:?}");
    // The wait ends by itself: a new attempt, which fails for good.
    assert_eq!(next(&mut handle.events).await, Event::Connecting);
    assert_eq!(
        next(&mut handle.events).await,
        Event::Disconnected {
            reason: fatal,
            retry_in: None
        }
    );
    // Idle again: only the user's Connect starts another attempt, which the user ends.
    assert_eq!(
        connect_and_lose_to_user(&mut handle).await,
        USER_DISCONNECTED
    );
    drop(handle);
    assert_eq!(task.await.unwrap().attempts, 3);
}

/// Connect, then disconnect while the (unscripted) attempt runs.
async fn connect_and_lose_to_user(handle: &mut AccountHandle) -> Event {
    handle.commands.send(Command::Connect).await.unwrap();
    assert_eq!(next(&mut handle.events).await, Event::Connecting);
    handle.commands.send(Command::Disconnect).await.unwrap();
    next(&mut handle.events).await
}

/// Connect; the first attempt is lost and a retry is announced (after an hour with `SLOW`).
async fn connect_and_wait_to_retry(handle: &mut AccountHandle) {
    let retry = connect_and_lose(handle).await;
    assert!(
        matches!(
            retry,
            Event::Disconnected {
                retry_in: Some(_),
                ..
            }
        ),
        "{retry:?}"
    );
}

#[tokio::test]
async fn disconnect_during_the_wait_stops_retrying() {
    let (mut handle, task) = start(vec![lost()], SLOW);
    connect_and_wait_to_retry(&mut handle).await;
    handle.commands.send(Command::Disconnect).await.unwrap();
    assert_eq!(next(&mut handle.events).await, USER_DISCONNECTED);
    drop(handle);
    assert_eq!(
        task.await.unwrap().attempts,
        1,
        "no attempt after the user's disconnect"
    );
}

#[tokio::test]
async fn connect_during_the_wait_retries_at_once_and_a_dropped_handle_ends_the_task() {
    let (mut handle, task) = start(vec![lost(), Ending::Closed], SLOW);
    connect_and_wait_to_retry(&mut handle).await;
    handle.commands.send(Command::Connect).await.unwrap();
    assert_eq!(next(&mut handle.events).await, Event::Connecting);
    // The second attempt says the handle is gone: the task returns.
    assert_eq!(task.await.unwrap().attempts, 2);
}
