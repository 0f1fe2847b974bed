//! A minimal static file server on loopback for `cargo xtask serve` and the
//! end-to-end suite, so the tests hit the exact release build in `dist/`
//! with no extra dependency. Every response carries the page's Content
//! Security Policy as a header (the meta tag's, written by
//! `web/tools/csp.mjs` at build time) with `frame-ancestors`, which only a
//! header can set.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

/// Serve `dir` on 127.0.0.1 at an OS-chosen port; returns the port. The
/// server thread lives until the process exits.
pub fn spawn(dir: PathBuf) -> Result<u16, String> {
    spawn_at(dir, 0)
}

/// Serve `dir` on 127.0.0.1:`port` (0: one the OS chooses); returns the port.
pub fn spawn_at(dir: PathBuf, port: u16) -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot bind 127.0.0.1:{port}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    // Read now, so a build without its policy is refused at once; read
    // again for each request, so a rebuild's new hash is served.
    policy(&dir)?;
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            thread::spawn(move || {
                let _ = handle(stream, &dir);
            });
        }
    });
    Ok(port)
}

/// Who may frame the page: the sandbox is made to be embedded in course
/// pages (an LMS, a wiki, slides exported to HTML), so any HTTPS page and
/// this machine may; a plain-HTTP site elsewhere may not.
pub const FRAME_ANCESTORS: &str =
    "frame-ancestors 'self' https: http://localhost:* http://127.0.0.1:*";

/// The built page's policy (its meta tag's) with `frame-ancestors`.
fn policy(dir: &Path) -> Result<String, String> {
    let html = std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("cannot read {}: {e}", dir.join("index.html").display()))?;
    let start = html
        .find(r#"<meta http-equiv="Content-Security-Policy" content=""#)
        .ok_or("dist/index.html has no Content-Security-Policy (web/tools/csp.mjs did not run)")?;
    let rest = &html[start..];
    let content = rest
        .split_once(r#"content=""#)
        .and_then(|(_, c)| c.split_once('"'))
        .map(|(c, _)| c)
        .ok_or("the Content-Security-Policy meta tag is not closed")?;
    Ok(format!("{content}; {FRAME_ANCESTORS}"))
}

/// The policy for a path: the course pages in `examples/` embed the app in
/// an iframe and load their own module (no inline script); everything else
/// is the app's.
fn policy_for(dir: &Path, path: &str) -> String {
    if path.starts_with("/examples/") {
        format!(
            "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; object-src 'none'; {FRAME_ANCESTORS}"
        )
    } else {
        policy(dir).unwrap_or_else(|_| "default-src 'none'".into())
    }
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain headers; the body of a GET is empty.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let csp = policy_for(dir, path);
    let (status, mime, body) =
        match resolve(dir, path).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
            Some((p, body)) => ("200 OK", mime(&p), body),
            None => ("404 Not Found", "text/plain", b"not found".to_vec()),
        };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nContent-Security-Policy: {csp}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// Map a URL path to a file under `dir`, refusing `..` and defaulting to index.html.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = Path::new(url_path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let p = dir.join(rel);
    if p.is_dir() {
        Some(p.join("index.html"))
    } else {
        Some(p)
    }
}

fn mime(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}
