//! Links libotr, libgcrypt and libgpg-error (statically unless `LIBOTR_SYS_DYNAMIC=1`).

fn main() {
    println!("cargo:rerun-if-env-changed=LIBOTR_SYS_DYNAMIC");
    let dynamic = std::env::var("LIBOTR_SYS_DYNAMIC").is_ok_and(|v| v == "1");
    let otr = pkg_config::Config::new()
        .range_version("4.1.1".."4.2")
        .statik(!dynamic)
        .cargo_metadata(false)
        .probe("libotr")
        .unwrap_or_else(|e| panic!("libotr 4.1.x not found (install libotr5-dev): {e}"));
    for path in &otr.link_paths {
        println!("cargo:rustc-link-search=native={}", path.display());
    }
    let kind = if dynamic { "dylib" } else { "static" };
    // Order matters for static linking: otr needs gcrypt, gcrypt needs gpg-error.
    for lib in ["otr", "gcrypt", "gpg-error"] {
        println!("cargo:rustc-link-lib={kind}={lib}");
    }
}
