use super::*;

#[test]
fn irc_fragments_smaller_than_a_line() {
    assert!(ProtocolKind::Irc.max_message_size() < 512);
    assert!(ProtocolKind::Xmpp.max_message_size() > ProtocolKind::Irc.max_message_size());
}

#[tokio::test]
async fn channels_carry_commands_down_and_events_up() {
    let (mut commands, events, mut handle) = account_channels(4);
    handle.commands.send(Command::Connect).await.unwrap();
    assert_eq!(commands.recv().await, Some(Command::Connect));
    events.send(Event::Connecting).await.unwrap();
    assert_eq!(handle.events.recv().await, Some(Event::Connecting));
}
