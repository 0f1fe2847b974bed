//! Colours and shapes per facility kind and transport mode, shared by the map,
//! the palette and the legend.

use supply_sim::emissions::Mode;
use supply_sim::scenario::FacilityKind;

pub fn kind_colour(kind: FacilityKind) -> &'static str {
    match kind {
        FacilityKind::Supplier => "#7d3c98",
        FacilityKind::Port => "#1f3a5f",
        FacilityKind::FulfillmentCenter => "#d35400",
        FacilityKind::SortationCenter => "#2471a3",
        FacilityKind::DeliveryStation => "#1e8449",
        FacilityKind::CustomerZone => "#b7950b",
    }
}

/// A one-character glyph used in the palette and list (the map draws shapes).
pub fn kind_glyph(kind: FacilityKind) -> &'static str {
    match kind {
        FacilityKind::Supplier => "◆",
        FacilityKind::Port => "⚓",
        FacilityKind::FulfillmentCenter => "■",
        FacilityKind::SortationCenter => "⬢",
        FacilityKind::DeliveryStation => "▲",
        FacilityKind::CustomerZone => "●",
    }
}

pub fn mode_colour(mode: Mode) -> &'static str {
    match mode {
        Mode::Ocean => "#1b4f72",
        Mode::ElectricRail => "#6c3483",
        Mode::DieselHgv => "#616a6b",
        Mode::ElectricHgv => "#117a65",
        Mode::DieselVan => "#a04000",
        Mode::ElectricVan => "#27ae60",
        Mode::Crowdsourced => "#e67e22",
        Mode::Drone => "#c0392b",
    }
}

/// Canvas line dash per mode: solid road, dashed rail and sea, dotted gig and air.
pub fn mode_dash(mode: Mode) -> &'static [f64] {
    match mode {
        Mode::Ocean => &[10.0, 6.0],
        Mode::ElectricRail => &[8.0, 3.0, 2.0, 3.0],
        Mode::Crowdsourced | Mode::Drone => &[2.0, 4.0],
        _ => &[],
    }
}

/// The selection: a selected facility's or vehicle's ring, a van's round.
pub const SELECTION_BLUE: &str = "#1f6feb";
