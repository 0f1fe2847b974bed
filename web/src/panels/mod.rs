//! The panels around the map. Each reads the shared [`crate::ui::Ui`] signals
//! and edits the scenario only through `Ui::edit`.

mod beer;
pub(crate) mod breakdown;
mod controls;
mod demand;
pub(crate) mod experiments;
mod inspector;
pub(crate) mod kpis;
mod lesson;
mod palette;
pub(crate) mod print_report;
pub(crate) mod stock_plan;

pub use beer::BeerGame;
pub use controls::Controls;
pub use demand::MAX_DEMAND_MULTIPLIER;
pub use inspector::Inspector;
pub use kpis::{KpiPanel, PerfOverlay};
pub use lesson::LessonPanel;
pub use palette::{FacilityList, Palette};
