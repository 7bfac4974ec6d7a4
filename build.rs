//! Build script: gives the binary its `--version` line, "samtal 0.1.0 (abc1234)", with the
//! commit it was built from when built from a git checkout, or "samtal 0.1.0" otherwise (a
//! source tarball, `cargo install` from crates.io, or no `git` on the PATH).

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !text.is_empty()).then_some(text)
}

/// Tells Cargo to run this script again when the checked-out commit changes: HEAD, the
/// branch it points to, and packed refs. Only files that exist are named (Cargo reruns the
/// script on every build for a missing one).
fn rerun_on_new_commit() {
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"]), git(&["rev-parse", "--git-path", "packed-refs"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    for path in watched.into_iter().flatten() {
        let path = Path::new(&dir).join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SAMTAL_COMMIT");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    // A release build may name its commit itself (SAMTAL_COMMIT), e.g. from CI's checkout.
    let commit = std::env::var("SAMTAL_COMMIT").ok().filter(|c| !c.trim().is_empty()).or_else(|| {
        rerun_on_new_commit();
        git(&["rev-parse", "--short=7", "HEAD"])
    });
    let line = match commit {
        Some(commit) => format!("{version} ({})", commit.trim()),
        None => version,
    };
    println!("cargo:rustc-env=SAMTAL_VERSION={line}");
}
