//! Packaging: which box each order is packed in, and what the box adds.
//!
//! A scenario may name a set of corrugated boxes (regular slotted
//! containers, by inside dimensions). With right-sizing on, an order goes
//! in the smallest box it fits; off, in the default box whenever it fits
//! (the next larger one that fits otherwise). An order no box fits ships in
//! its own carton (its items' volume, no extra board). The box's volume is
//! the parcel's volume on every vehicle, and its board is added to the
//! parcel's weight; the board is reported in kg and kg CO2e.

use crate::problem::Problem;
use crate::scenario::{BoxSize, Packaging};
use crate::validate::check::{At, Checker};

/// Weight of single-wall corrugated board, kg per m². Single-wall board
/// weighs 0.4-0.6 kg/m² by grade (combined grammage of two liners and a
/// fluted medium, e.g. 125/100/125 g/m² papers with the flute's take-up);
/// the middle of that range.
pub const BOARD_KG_PER_M2: f64 = 0.5;

/// Cradle-to-grave carbon of corrugated packaging, kg CO2e per kg: FEFCO
/// and Cepi ContainerBoard, *European Database for Corrugated Board Life
/// Cycle Studies 2021* (announced July 2022): 491 kg CO2e per tonne.
pub const BOARD_CO2E_KG_PER_KG: f64 = 0.491;

/// The largest share of a box's volume an order's items may take: items are
/// not box-shaped and need some cushioning. A quarter of the box left as
/// air is what right-sized packing achieves; studies of ordinary e-commerce
/// parcels find 40 % air on average (Packsize 2013) and 40-58 % void fill
/// (FreightWaves, "Thinking inside the box", 2023).
pub const PACKING_EFFICIENCY: f64 = 0.75;

/// Most boxes a set may hold (a parcel names its box in a byte).
pub const MAX_BOXES: usize = 64;

/// Width of the glued manufacturer's joint of a slotted box, m.
const GLUE_FLAP_M: f64 = 0.035;

/// A box with what it holds and what it weighs.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxInfo {
    pub name: String,
    /// Inside volume, m³ (the parcel's volume on a vehicle).
    pub volume_m3: f64,
    /// Board in one box, kg.
    pub board_kg: f64,
}

impl BoxInfo {
    /// A regular slotted container of inside `cm`: its blank is the four
    /// sides and the glue flap long, and height plus width wide (the flaps
    /// meet in the middle).
    pub fn of(b: &BoxSize) -> BoxInfo {
        let [l, w, h] = b.cm.map(|x| x / 100.0);
        let blank_m2 = (2.0 * (l + w) + GLUE_FLAP_M) * (h + w);
        BoxInfo {
            name: b.name.clone(),
            volume_m3: l * w * h,
            board_kg: blank_m2 * BOARD_KG_PER_M2,
        }
    }
}

/// The box set, smallest first, and how it is used.
#[derive(Clone, Debug, PartialEq)]
pub struct PackagingInfo {
    pub boxes: Vec<BoxInfo>,
    pub right_sizing: bool,
    /// The default box (index into `boxes`).
    pub default: usize,
}

/// An order as a parcel: its box (if any), weight and volume.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parcel {
    pub box_ix: Option<u8>,
    pub kg: f64,
    pub m3: f64,
}

/// Items of `kg` and `m3` as a parcel: boxed by `packaging`, or as they are.
pub fn parcel(packaging: Option<&PackagingInfo>, kg: f64, m3: f64) -> Parcel {
    let boxed = packaging.and_then(|p| Some((p.pack(m3)?, p)));
    match boxed {
        Some((i, p)) => Parcel {
            box_ix: Some(i as u8),
            kg: kg + p.boxes[i].board_kg,
            m3: p.boxes[i].volume_m3,
        },
        None => Parcel {
            box_ix: None,
            kg,
            m3,
        },
    }
}

impl PackagingInfo {
    /// The box for items of `items_m3` (`None`: their own carton).
    pub fn pack(&self, items_m3: f64) -> Option<usize> {
        let fits = |b: &BoxInfo| items_m3 <= b.volume_m3 * PACKING_EFFICIENCY;
        let from = if self.right_sizing { 0 } else { self.default };
        (from..self.boxes.len()).find(|&i| fits(&self.boxes[i]))
    }
}

/// The scenario's box set, checked: each box named once with positive
/// dimensions, and the default box one of them.
pub(crate) fn build(p: &Packaging, ck: &mut Checker) -> Option<PackagingInfo> {
    let at = At::part("packaging");
    if p.boxes.is_empty() || p.boxes.len() > MAX_BOXES {
        let n = p.boxes.len();
        ck.err(
            &at,
            "boxes",
            format!("needs 1 to {MAX_BOXES} boxes, not {n}"),
        );
        return None;
    }
    let mut ok = true;
    for (i, b) in p.boxes.iter().enumerate() {
        let field = format!("boxes[{i}].cm");
        if b.cm.iter().any(|x| !(x.is_finite() && *x > 0.0)) {
            ck.err(
                &at,
                &field,
                format!(
                    "box \"{}\": each dimension must be a positive number of cm",
                    b.name
                ),
            );
            ok = false;
        }
        if p.boxes[..i].iter().any(|o| o.name == b.name) {
            ck.err(
                &at,
                &format!("boxes[{i}].name"),
                format!("box \"{}\" is named twice", b.name),
            );
            ok = false;
        }
    }
    let mut boxes: Vec<BoxInfo> = p.boxes.iter().map(BoxInfo::of).collect();
    boxes.sort_by(|a, b| a.volume_m3.total_cmp(&b.volume_m3));
    let default = match &p.default_box {
        None => boxes.len() - 1,
        Some(name) => match boxes.iter().position(|b| &b.name == name) {
            Some(i) => i,
            None => {
                ck.err(&at, "default_box", format!("no box is named \"{name}\""));
                return None;
            }
        },
    };
    ok.then_some(PackagingInfo {
        boxes,
        right_sizing: p.right_sizing,
        default,
    })
}

/// Check a box set on its own (the inspector's inline validation).
pub fn problems(p: &Packaging) -> Vec<Problem> {
    let mut ck = Checker::default();
    build(p, &mut ck);
    ck.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(right_sizing: bool) -> PackagingInfo {
        let b = |name: &str, cm: [f64; 3]| BoxSize {
            name: name.into(),
            cm,
        };
        let p = Packaging {
            right_sizing,
            boxes: vec![b("L", [40.0, 30.0, 20.0]), b("S", [20.0, 15.0, 10.0])],
            default_box: Some("L".into()),
        };
        let mut ck = Checker::default();
        build(&p, &mut ck).expect("valid")
    }

    #[test]
    fn right_sizing_picks_the_smallest_box_that_fits() {
        let p = set(true);
        assert_eq!(p.boxes[0].name, "S", "sorted smallest first");
        assert_eq!(p.pack(0.002), Some(0), "2 L fits 3 L × 0.75");
        assert_eq!(p.pack(0.0023), Some(1), "2.3 L does not");
        assert_eq!(p.pack(0.02), None, "own carton");
    }

    #[test]
    fn without_right_sizing_the_default_box_takes_what_fits() {
        let p = set(false);
        assert_eq!(p.pack(0.0005), Some(1));
        assert_eq!(p.pack(0.02), None);
    }

    #[test]
    fn a_box_weighs_its_blank() {
        // 40 × 30 × 20 cm: blank (1.4 + 0.035) m × 0.5 m at 0.5 kg/m².
        let b = BoxInfo::of(&BoxSize {
            name: "L".into(),
            cm: [40.0, 30.0, 20.0],
        });
        assert!((b.board_kg - 1.435 * 0.5 * 0.5).abs() < 1e-12);
        assert!((b.volume_m3 - 0.024).abs() < 1e-12);
    }

    #[test]
    fn bad_boxes_are_named() {
        let p = Packaging {
            right_sizing: true,
            boxes: vec![BoxSize {
                name: "A".into(),
                cm: [10.0, -1.0, 5.0],
            }],
            default_box: Some("Z".into()),
        };
        let paths: Vec<String> = problems(&p).into_iter().map(|p| p.path).collect();
        assert_eq!(paths, ["packaging.boxes[0].cm", "packaging.default_box"]);
    }
}
