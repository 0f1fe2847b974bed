//! Idempotent installs. Each check is a version probe that takes milliseconds
//! when the tool is already there; an install prints what it does.
//!
//! Versions are pinned because this machine reaches only the package
//! registries: trunk 0.22 needs a newer rustc; wasm-bindgen-cli must equal the
//! `wasm-bindgen` crate in Cargo.lock; Debian's wasm-opt 108 breaks the
//! externref table, so wasm-opt comes from npm's binaryen 132.

use crate::cmd::{self, output_line, tool};
use std::path::Path;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// GNU parallel: the shard test runs an experiment's shards with it, as
/// the README's recipe does over SSH.
pub const PARALLEL: &str = "/usr/bin/parallel";

#[derive(Clone, Copy, PartialEq)]
pub enum Need {
    /// What `serve` needs: the wasm toolchain.
    Build,
    /// What `test` needs as well: Chromium, ChromeDriver and GNU parallel.
    Everything,
}

pub fn ensure_all(need: Need) -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    ensure_npm_packages()?;
    if need == Need::Everything {
        ensure_debian_packages()?;
    }
    println!("xtask: tools ready");
    Ok(())
}

fn ensure_wasm_target() -> Result<(), String> {
    let targets = tool("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !targets.contains("wasm32-unknown-unknown") {
        println!("xtask: installing the wasm32-unknown-unknown target");
        cmd::run(tool("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if output_line("cargo", &["clippy", "--version"]).is_none()
        || output_line("cargo", &["fmt", "--version"]).is_none()
    {
        println!("xtask: installing the clippy and rustfmt components");
        cmd::run(tool("rustup").args(["component", "add", "clippy", "rustfmt"]))?;
    }
    Ok(())
}

/// The `wasm-bindgen` version locked in Cargo.lock.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(cmd::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let want = locked_wasm_bindgen()?;
    let have = output_line("wasm-bindgen", &["--version"]);
    let runner = output_line("wasm-bindgen-test-runner", &["--version"]);
    let ok = |v: &Option<String>| v.as_deref().is_some_and(|v| v.ends_with(&want));
    if ok(&have) && ok(&runner) {
        return Ok(());
    }
    println!(
        "xtask: installing wasm-bindgen-cli {want} (found {}) to match Cargo.lock",
        have.as_deref().unwrap_or("none")
    );
    // Not --locked: its lockfile pins a crate version the registry lacks.
    cmd::run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]))
}

fn ensure_trunk() -> Result<(), String> {
    let have = output_line("trunk", &["--version"]);
    if have.as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    println!("xtask: installing trunk {TRUNK_VERSION} (takes about 6 minutes on 2 cores)");
    cmd::run(cmd::cargo().args([
        "install",
        "--locked",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--force",
    ]))
}

fn ensure_npm_packages() -> Result<(), String> {
    let root = cmd::root();
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => match (s.modified(), l.modified()) {
            (Ok(s), Ok(l)) => s >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        return Ok(());
    }
    println!(
        "xtask: installing npm packages (binaryen's wasm-opt, Playwright; no browser download)"
    );
    cmd::run(
        tool("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

fn ensure_debian_packages() -> Result<(), String> {
    let wanted = [
        (CHROMIUM, "chromium"),
        (CHROMEDRIVER, "chromium-driver"),
        (PARALLEL, "parallel"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!(
        "xtask: installing Debian's {} with apt-get",
        missing.join(", ")
    );
    let root_user = output_line("id", &["-u"]).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut c = if root_user {
            tool("apt-get")
        } else {
            tool("sudo")
        };
        if !root_user {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd::run(&mut c)
    };
    apt(&["update"])?;
    let mut args = vec!["install", "-y"];
    args.extend(missing);
    apt(&args)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cargo_lock_wasm_bindgen_matches_the_pinned_cli() {
        // Cargo.toml pins wasm-bindgen = "=0.2.130" and Trunk.toml names the
        // same CLI version; the lock must agree or trunk refuses to build.
        assert_eq!(super::locked_wasm_bindgen().as_deref(), Ok("0.2.130"));
        let trunk_toml = std::fs::read_to_string(crate::cmd::root().join("Trunk.toml")).unwrap();
        assert!(trunk_toml.contains("wasm_bindgen = \"0.2.130\""));
    }
}
