//! Supply Sandbox in the browser: a map you edit, demand you tweak, and a
//! simulation you watch (Leptos, client-side rendered).

mod app;
mod asset_reader;
mod basemap;
mod basemap_layer;
mod charts;
mod edit;
mod embed_api;
mod files;
mod frame_loop;
mod gestures;
mod history;
mod label_layout;
mod labels;
mod lane_ends;
mod lesson_run;
mod map;
mod panels;
mod perf;
mod persist;
mod places;
mod prefs;
mod sandbox;
mod share;
mod sim_worker;
mod style;
mod ui;
mod viewport;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
