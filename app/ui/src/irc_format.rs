//! Removes IRC formatting (colours, bold, underline...) so messages show as plain text.

/// `text` without IRC formatting codes and without other control characters.
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Colour: ^C, then up to two digits, optionally a comma and up to two digits.
            '\x03' => {
                if skip_digits(&mut chars, 2) > 0 && chars.peek() == Some(&',') {
                    let mut lookahead = chars.clone();
                    lookahead.next();
                    if lookahead.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                        skip_digits(&mut chars, 2);
                    }
                }
            }
            // Hex colour: ^D RRGGBB[,RRGGBB].
            '\x04' => {
                if skip_hex(&mut chars, 6) == 6 && chars.peek() == Some(&',') {
                    chars.next();
                    skip_hex(&mut chars, 6);
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

fn skip_digits(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, max: usize) -> usize {
    let mut taken = 0;
    while taken < max && chars.peek().is_some_and(char::is_ascii_digit) {
        chars.next();
        taken += 1;
    }
    taken
}

fn skip_hex(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, max: usize) -> usize {
    let mut taken = 0;
    while taken < max && chars.peek().is_some_and(char::is_ascii_hexdigit) {
        chars.next();
        taken += 1;
    }
    taken
}

#[cfg(test)]
mod tests;
