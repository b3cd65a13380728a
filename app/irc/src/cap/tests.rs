use super::*;

#[test]
fn multi_line_ls_with_values() {
    let mut caps = Capabilities::default();
    assert_eq!(
        caps.listed("multi-prefix sasl=PLAIN,EXTERNAL away-notify", true),
        Listing::More
    );
    assert_eq!(
        caps.listed("server-time echo-message typing", false),
        Listing::Complete
    );
    assert_eq!(
        caps.sasl_mechanisms(),
        Some(vec!["PLAIN".to_owned(), "EXTERNAL".to_owned()])
    );
    let asked = caps.to_request();
    assert_eq!(asked, vec!["server-time", "echo-message", "multi-prefix"]);
    assert!(!asked.contains(&"away-notify") && !asked.contains(&"typing"));
}

#[test]
fn ack_new_and_del() {
    let mut caps = Capabilities::default();
    caps.listed("server-time sasl", false);
    assert_eq!(caps.sasl_mechanisms(), None);
    caps.acknowledged("server-time sasl");
    assert!(caps.enabled("server-time"));
    caps.added("echo-message batch");
    assert_eq!(caps.to_request(), vec!["echo-message", "batch"]);
    caps.removed("server-time");
    assert!(!caps.enabled("server-time") && !caps.offers("server-time"));
    caps.acknowledged("-sasl");
    assert!(!caps.enabled("sasl"));
}

#[test]
fn an_endless_list_is_cut() {
    let mut caps = Capabilities::default();
    let mut last = Listing::More;
    for _ in 0..1000 {
        last = caps.listed("a b c", true);
        if last != Listing::More {
            break;
        }
    }
    assert_eq!(last, Listing::Endless);
    let mut huge = Capabilities::default();
    assert_eq!(
        huge.listed(&"x".repeat(MAX_LS_BYTES + 1), true),
        Listing::Endless
    );
}
