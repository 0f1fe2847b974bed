//! Running child processes with the project's tool paths.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent directory")
        .to_path_buf()
}

/// Where cargo builds: `CARGO_TARGET_DIR`, or the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// PATH with the npm tools (wasm-opt from binaryen, playwright) and cargo's bin dir first.
pub fn path_env() -> String {
    let mut parts = vec![root().join("node_modules/.bin").display().to_string()];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        parts.push(Path::new(&home).join("bin").display().to_string());
    } else if let Some(home) = std::env::var_os("HOME") {
        parts.push(Path::new(&home).join(".cargo/bin").display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

/// A command run from the workspace root with the project PATH.
pub fn tool(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", path_env());
    c
}

pub fn cargo() -> Command {
    tool(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn describe(c: &Command) -> String {
    let args: Vec<_> = c.get_args().map(|a| a.to_string_lossy()).collect();
    format!("{} {}", c.get_program().to_string_lossy(), args.join(" "))
}

/// Run to completion, output inherited.
pub fn run(c: &mut Command) -> Result<(), String> {
    println!("xtask: $ {}", describe(c));
    let status = c
        .status()
        .map_err(|e| format!("cannot start `{}`: {e}", describe(c)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(c)))
    }
}

/// Run to completion, echoing stdout while keeping a copy to parse.
pub fn run_capture(c: &mut Command) -> (bool, String) {
    use std::io::{BufRead, BufReader};
    println!("xtask: $ {}", describe(c));
    let mut child = match c.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("xtask: cannot start `{}`: {e}", describe(c));
            return (false, String::new());
        }
    };
    let mut out = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            out.push_str(&line);
            out.push('\n');
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, out)
}

/// First line of a command's stdout, if it runs and succeeds.
pub fn output_line(program: &str, args: &[&str]) -> Option<String> {
    let out = tool(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout)
        .ok()?
        .lines()
        .next()
        .map(str::to_owned)
}
