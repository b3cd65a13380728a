//! Compiles the C probe against the installed libotr headers.

fn main() {
    println!("cargo:rerun-if-changed=src/probe.c");
    cc::Build::new()
        .file("src/probe.c")
        .warnings(true)
        .compile("otr_layout_probe");
}
