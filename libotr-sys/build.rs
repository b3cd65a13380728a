//! Links libotr, libgcrypt and libgpg-error: statically by default (the bundle carries no
//! shared libotr), dynamically with `LIBOTR_SYS_DYNAMIC=1`.

/// Every environment variable this script (or pkg-config on its behalf) reads.
const WATCHED_VARIABLES: &[&str] = &[
    "LIBOTR_SYS_DYNAMIC",
    "PKG_CONFIG",
    "PKG_CONFIG_PATH",
    "PKG_CONFIG_LIBDIR",
    "PKG_CONFIG_SYSROOT_DIR",
    "PKG_CONFIG_ALL_STATIC",
];

fn main() {
    for variable in WATCHED_VARIABLES {
        println!("cargo:rerun-if-env-changed={variable}");
    }
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
    // Dependents (the benchmark's C loop) find the headers through DEP_OTR_INCLUDE.
    let include = otr
        .include_paths
        .first()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "/usr/include".to_owned());
    println!("cargo:include={include}");
    let kind = if dynamic { "dylib" } else { "static" };
    // Lets the tests check the mode they were linked in.
    println!("cargo::rustc-check-cfg=cfg(libotr_static)");
    if !dynamic {
        println!("cargo:rustc-cfg=libotr_static");
    }
    // Order matters for static linking: otr needs gcrypt, gcrypt needs gpg-error.
    // libotr's .pc file does not name gcrypt, so both are listed here.
    for lib in ["otr", "gcrypt", "gpg-error"] {
        println!("cargo:rustc-link-lib={kind}={lib}");
    }
}
