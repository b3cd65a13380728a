use super::*;

#[test]
fn layout() {
    let bundle = Bundle::at("/b");
    assert_eq!(bundle.tor(), Path::new("/b/tor/tor"));
    assert_eq!(
        bundle.torrc_defaults_template(),
        Path::new("/b/tor/torrc-defaults")
    );
    assert_eq!(bundle.default_data_dir(), Path::new("/b/Data"));
    assert_eq!(
        bundle.app_candidates()[0],
        Path::new("/b/app/tor-messenger")
    );
}

#[test]
fn current_exe_has_a_bundle_dir() {
    let bundle = Bundle::of_current_exe().unwrap();
    assert!(bundle.dir().is_dir());
}
