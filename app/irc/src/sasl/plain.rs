//! SASL PLAIN (RFC 4616): `authzid NUL authcid NUL password`, with the account as both names.

/// The PLAIN message for `account` and `password`.
pub(crate) fn plain_message(account: &str, password: &str) -> Vec<u8> {
    format!("{account}\0{account}\0{password}").into_bytes()
}

#[cfg(test)]
mod tests;
