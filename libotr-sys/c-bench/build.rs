//! Compiles the C reference loop against the installed libotr headers (optimised, as the
//! benchmark compares it with release Rust).

fn main() {
    println!("cargo:rerun-if-changed=src/loop.c");
    cc::Build::new()
        .file("src/loop.c")
        .opt_level(2)
        .warnings(true)
        .compile("otr_c_bench");
}
