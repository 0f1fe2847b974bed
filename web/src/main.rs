//! Supply Sandbox web app: the shell (header, map canvas, side panel).

mod map;

use leptos::html::Canvas;
use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let sites = map::demo_sites();
    let lanes = map::demo_lanes(&sites);
    let total_km: f64 = lanes.iter().map(|l| l.km).sum();

    {
        let (sites, lanes) = (sites.clone(), lanes.clone());
        Effect::new(move |_| {
            if let Some(el) = canvas.get() {
                map::draw(&el, &sites, &lanes);
            }
        });
    }

    view! {
        <header class="topbar">
            <h1>"Supply Sandbox"</h1>
            <span class="tagline">"A supply-chain simulator that runs in your browser"</span>
        </header>
        <main class="workspace">
            <section class="map" data-testid="map">
                <canvas node_ref=canvas data-testid="map-canvas" width="900" height="640"></canvas>
            </section>
            <aside class="panel" data-testid="side-panel">
                <h2>"Network"</h2>
                <ul class="lanes">
                    {lanes
                        .iter()
                        .map(|l| {
                            view! {
                                <li>
                                    <span>{format!("{} → {}", l.from, l.to)}</span>
                                    <span class="num">{format!("{:.0} km", l.km)}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="total">
                    "Linehaul distance (great-circle, computed by the sim core): "
                    <strong data-testid="sim-total-km">{format!("{total_km:.0}")}</strong>
                    " km"
                </p>
            </aside>
        </main>
    }
}
