//! Long messages split so every line fits IRC's 512 bytes, cut only on UTF-8 character
//! boundaries (preferably before a space), with nothing added or lost: the pieces concatenated
//! are the original text.

/// IRC's line limit, CR LF included (RFC 1459 2.3).
pub const MAX_LINE: usize = 512;

/// The longest user part (`~` + 9) and host (63, a DNS label or a cloak) a server may put in
/// the prefix it relays our messages with. We do not know ours for sure, so we assume the worst.
const WORST_USER_AND_HOST: usize = 10 + 1 + 63; // "~user" "@" host

/// How many bytes of text fit in one `PRIVMSG`/`NOTICE` from `nick` to `target`, once the
/// server has added its `:nick!user@host ` prefix, with `extra` bytes of framing (CTCP).
pub fn text_budget(nick: &str, target: &str, command: &str, extra: usize) -> usize {
    // ":" nick "!" user "@" host " " command " " target " :" text "\r\n"
    let overhead = 1
        + nick.len()
        + 1
        + WORST_USER_AND_HOST
        + 1
        + command.len()
        + 1
        + target.len()
        + 2
        + 2
        + extra;
    MAX_LINE.saturating_sub(overhead).max(32)
}

/// Splits `text` into pieces of at most `max_bytes` bytes (at least one character each).
pub fn split_text(text: &str, max_bytes: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > max_bytes {
        let mut cut = max_bytes;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == 0 {
            // A single character longer than the budget (impossible with UTF-8's 4 bytes and
            // a budget of at least 32); take it whole rather than loop.
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        // Prefer breaking before a space in the last quarter of the piece, for readers whose
        // client shows the pieces as separate lines. The space starts the next piece: servers
        // (ngircd among them) strip trailing spaces, never the leading ones of a trailing
        // parameter.
        if let Some(space) = rest[..cut].rfind(' ')
            && space > 0
            && space >= cut - cut / 4
        {
            cut = space;
        }
        let (head, tail) = rest.split_at(cut);
        pieces.push(head);
        rest = tail;
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest);
    }
    pieces
}

#[cfg(test)]
mod tests;
