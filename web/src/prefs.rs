//! The person's view preferences, kept in the browser: whether the run
//! plays when the page opens, and large text for a projector. A link can
//! override them (`?autoplay=0`, `?large=1`), for an instructor's slides.

use crate::app::query_value;

const AUTOPLAY_KEY: &str = "supply-sandbox/prefs/autoplay";
const LARGE_KEY: &str = "supply-sandbox/prefs/large-text";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A flag from the link if it has one, else the kept preference, else `default`.
fn flag(query: &str, key: &str, default: bool) -> bool {
    let parse = |v: &str| !matches!(v, "0" | "false" | "off" | "no");
    if let Some(v) = query_value(query) {
        return parse(&v);
    }
    storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .map_or(default, |v| parse(&v))
}

fn keep(key: &str, on: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, if on { "1" } else { "0" });
    }
}

/// Does the run start playing when the page opens?
pub fn autoplay() -> bool {
    flag("autoplay", AUTOPLAY_KEY, true)
}

pub fn set_autoplay(on: bool) {
    keep(AUTOPLAY_KEY, on);
}

/// Is the page in large-text (projector) mode?
pub fn large_text() -> bool {
    flag("large", LARGE_KEY, false)
}

/// Switch large text on or off, now and for the next visit.
pub fn set_large_text(on: bool) {
    keep(LARGE_KEY, on);
    apply_large_text(on);
}

/// Large text is a class on the root element; the style sheet scales from it.
pub fn apply_large_text(on: bool) {
    apply_root_class("large-text", on);
}

/// Set or clear a class on the root element, which the style sheet keys
/// page-wide modes from (large text, embedded).
pub fn apply_root_class(class: &str, on: bool) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.class_list().toggle_with_force(class, on);
    }
}

/// How much larger than normal the page's text is: the root element's font
/// size over the style sheet's normal 14 px (1 normally, 18/14 in large text).
pub fn text_scale() -> f64 {
    /// The root font size of the style sheet, CSS px.
    const NORMAL_ROOT_PX: f64 = 14.0;
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    match root {
        Some(r) if r.class_list().contains("large-text") => LARGE_ROOT_PX / NORMAL_ROOT_PX,
        _ => 1.0,
    }
}

/// The root font size in large-text mode, CSS px (`:root.large-text` in
/// the style sheet).
const LARGE_ROOT_PX: f64 = 18.0;
