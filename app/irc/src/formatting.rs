//! mIRC formatting codes removed for display (bold, colours, italics...), and other control
//! characters with them: we show plain text only.

/// Removes mIRC formatting codes and control characters (tab kept) from a message.
pub fn strip_formatting(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Colour: \x03 then up to two digits, optionally ",", up to two digits.
            '\x03' => {
                if skip_digits(&mut chars, 2) > 0 {
                    skip_background(&mut chars, |c| c.is_ascii_digit(), 2);
                }
            }
            // Hex colour: \x04 then six hex digits, optionally "," and six more.
            '\x04' => {
                if skip_hex(&mut chars, 6) > 0 {
                    skip_background(&mut chars, |c| c.is_ascii_hexdigit(), 6);
                }
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_digits(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, max: usize) -> usize {
    let mut n = 0;
    while n < max && chars.peek().is_some_and(|c| c.is_ascii_digit()) {
        chars.next();
        n += 1;
    }
    n
}

fn skip_hex(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, max: usize) -> usize {
    let mut n = 0;
    while n < max && chars.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
        chars.next();
        n += 1;
    }
    n
}

/// Skips ",NN" only when a digit follows the comma (a lone comma is text).
fn skip_background(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    is_digit: impl Fn(char) -> bool,
    max: usize,
) {
    if chars.peek() != Some(&',') {
        return;
    }
    let mut lookahead = chars.clone();
    lookahead.next();
    if lookahead.peek().is_some_and(|c| is_digit(*c)) {
        chars.next();
        let mut n = 0;
        while n < max && chars.peek().is_some_and(|c| is_digit(*c)) {
            chars.next();
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests;
