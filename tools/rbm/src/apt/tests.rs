use super::*;

#[test]
fn deb822_deb_stanzas_become_deb_src_and_others_are_dropped() {
    let system = "Types: deb\n# a mirror snapshot comment\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\n\
                  Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n\
                  Types: deb-src\nURIs: http://other.example/debian\nSuites: bookworm\nComponents: main\n";
    let converted = deb822_to_src(system);
    assert_eq!(
        converted,
        "Types: deb-src\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\n\
         Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
    );
}

#[test]
fn one_line_entries_become_deb822_deb_src() {
    let system = "# comment\ndeb [arch=amd64] http://mirror.example/debian bookworm main contrib\n\
                  deb-src http://mirror.example/debian bookworm main\n";
    assert_eq!(
        one_line_to_src(system),
        "Types: deb-src\nURIs: http://mirror.example/debian\nSuites: bookworm\nComponents: main contrib\n\n"
    );
}

#[test]
fn private_options_keep_the_system_configuration_untouched() {
    let sources = AptSources::new(std::path::PathBuf::from("/cache/apt"));
    let options = sources.options();
    assert!(options.contains(&"-oDir::Etc::SourceParts=/cache/apt/sources.list.d".to_string()));
    assert!(options.contains(&"-oDir::Etc::SourceList=/dev/null".to_string()));
    assert!(options.contains(&"-oDir::State::Lists=/cache/apt/lists".to_string()));
    assert!(options.contains(&"-oDir::Cache::pkgcache=".to_string()));
}
