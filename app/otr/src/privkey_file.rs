//! Removing one account from the private key file. libotr can read the whole file and write
//! it only while adding a new key, so dropping a key is done here on the file's text: the
//! S-expression `(privkeys (account (name N) (protocol P) (private-key ...)) ...)` is split
//! into its account entries, the one named N/P is left out, and the others are kept byte for
//! byte. Anything this parser does not understand is refused (the file stays as it is).

/// One parsed element: a list (with its byte range) or an atom's decoded bytes.
#[derive(Debug)]
enum Node {
    List {
        start: usize,
        end: usize,
        children: Vec<Node>,
    },
    Atom(Vec<u8>),
}

impl Node {
    fn atom(&self) -> Option<&[u8]> {
        match self {
            Node::Atom(bytes) => Some(bytes),
            Node::List { .. } => None,
        }
    }

    /// A list's head atom, e.g. `account` in `(account ...)`.
    fn head(&self) -> Option<&[u8]> {
        match self {
            Node::List { children, .. } => children.first().and_then(Node::atom),
            Node::Atom(_) => None,
        }
    }

    /// The value of a `(key value)` child of this list.
    fn field(&self, key: &[u8]) -> Option<&[u8]> {
        let Node::List { children, .. } = self else {
            return None;
        };
        children.iter().find_map(|child| match child {
            Node::List { children, .. } if child.head() == Some(key) && children.len() == 2 => {
                children[1].atom()
            }
            _ => None,
        })
    }
}

/// The key file without `account`/`protocol`'s key, or `None` if it holds no such key.
/// Fails (with a reason free of key material) when the text is not a key file it can read.
pub(crate) fn without_account(
    text: &[u8],
    account: &str,
    protocol: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut parser = Parser { text, at: 0 };
    parser.skip_space();
    let root = parser.node()?;
    parser.skip_space();
    if parser.at != text.len() {
        return Err("it has data after the key list".into());
    }
    let Node::List { children, .. } = &root else {
        return Err("it is not a key list".into());
    };
    if root.head() != Some(b"privkeys".as_slice()) {
        return Err("it is not a key list".into());
    }
    let mut kept = Vec::new();
    let mut removed = false;
    for entry in &children[1..] {
        let Node::List { start, end, .. } = entry else {
            return Err("it has an unexpected entry".into());
        };
        let ours = entry.head() == Some(b"account".as_slice())
            && entry.field(b"name") == Some(account.as_bytes())
            && entry.field(b"protocol") == Some(protocol.as_bytes());
        if ours {
            removed = true;
        } else {
            kept.push(&text[*start..*end]);
        }
    }
    if !removed {
        return Ok(None);
    }
    let mut out = b"(privkeys\n".to_vec();
    for entry in kept {
        out.push(b' ');
        out.extend_from_slice(entry);
        out.push(b'\n');
    }
    out.extend_from_slice(b")\n");
    Ok(Some(out))
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

/// Nesting deeper than this is not a key file (and would only grow the stack).
const MAX_DEPTH: usize = 16;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn node(&mut self) -> Result<Node, String> {
        self.node_at(0)
    }

    fn node_at(&mut self, depth: usize) -> Result<Node, String> {
        if depth > MAX_DEPTH {
            return Err("it is nested too deeply".into());
        }
        match self.peek() {
            Some(b'(') => {
                let start = self.at;
                self.at += 1;
                let mut children = Vec::new();
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b')') => {
                            self.at += 1;
                            return Ok(Node::List {
                                start,
                                end: self.at,
                                children,
                            });
                        }
                        Some(_) => children.push(self.node_at(depth + 1)?),
                        None => return Err("it ends inside a list".into()),
                    }
                }
            }
            Some(b'"') => self.quoted().map(Node::Atom),
            Some(b'#') => self.hex().map(Node::Atom),
            Some(b) if is_token_byte(b) => Ok(Node::Atom(self.token())),
            _ => Err(format!(
                "it has an unexpected character at byte {}",
                self.at
            )),
        }
    }

    fn token(&mut self) -> Vec<u8> {
        let start = self.at;
        while self.peek().is_some_and(is_token_byte) {
            self.at += 1;
        }
        // Canonical `3:abc` (a length, a colon, the bytes) is not what libotr writes, but
        // it is valid S-expression syntax: read it rather than misparse it.
        let token = &self.text[start..self.at];
        if let Some(colon) = token.iter().position(|&b| b == b':')
            && colon > 0
            && token[..colon].iter().all(u8::is_ascii_digit)
            && let Ok(length) = std::str::from_utf8(&token[..colon])
                .unwrap_or("x")
                .parse::<usize>()
        {
            let data = start + colon + 1;
            if let Some(bytes) = self.text.get(data..data + length) {
                self.at = data + length;
                return bytes.to_vec();
            }
        }
        token.to_vec()
    }

    fn hex(&mut self) -> Result<Vec<u8>, String> {
        self.at += 1;
        let mut digits = Vec::new();
        loop {
            match self.peek() {
                Some(b'#') => {
                    self.at += 1;
                    break;
                }
                Some(b) if b.is_ascii_hexdigit() => digits.push(b),
                Some(b) if b.is_ascii_whitespace() => {}
                _ => return Err("it has a damaged hex string".into()),
            }
            self.at += 1;
        }
        if digits.len() % 2 != 0 {
            return Err("it has a damaged hex string".into());
        }
        Ok(digits
            .chunks(2)
            .map(|pair| hex_value(pair[0]) << 4 | hex_value(pair[1]))
            .collect())
    }

    fn quoted(&mut self) -> Result<Vec<u8>, String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err("it ends inside a string".into());
            };
            self.at += 1;
            match b {
                b'"' => return Ok(out),
                b'\\' => {
                    let Some(escaped) = self.peek() else {
                        return Err("it ends inside a string".into());
                    };
                    self.at += 1;
                    match escaped {
                        b'b' => out.push(0x08),
                        b't' => out.push(b'\t'),
                        b'v' => out.push(0x0b),
                        b'n' => out.push(b'\n'),
                        b'f' => out.push(0x0c),
                        b'r' => out.push(b'\r'),
                        b'"' | b'\'' | b'\\' => out.push(escaped),
                        b'x' => out.push(self.escaped_number(16, 2)?),
                        b'0'..=b'7' => {
                            self.at -= 1;
                            out.push(self.escaped_number(8, 3)?);
                        }
                        // A backslash before a line break continues the string.
                        b'\n' | b'\r' => {}
                        _ => return Err("it has an unknown escape in a string".into()),
                    }
                }
                other => out.push(other),
            }
        }
    }

    fn escaped_number(&mut self, radix: u32, digits: usize) -> Result<u8, String> {
        let bad = || "it has a damaged escape in a string".to_string();
        let text = self.text.get(self.at..self.at + digits).ok_or_else(bad)?;
        let text = std::str::from_utf8(text).map_err(|_| bad())?;
        let value = u8::from_str_radix(text, radix).map_err(|_| bad())?;
        self.at += digits;
        Ok(value)
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-./_:*+=".contains(&b)
}

fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    }
}

#[cfg(test)]
mod tests;
