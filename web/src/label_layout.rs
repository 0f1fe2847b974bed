//! Where map labels go: each label tries a few spots round its point, in
//! order of priority, and is hidden if every spot would overlap a label
//! already placed, an icon, or the edge of the map. Plain `std` Rust, so it
//! is tested natively and in wasm alike.

/// An axis-aligned box in CSS pixels: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// A square of half-side `r` round (x, y): an icon.
    pub fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x: x - r,
            y: y - r,
            w: 2.0 * r,
            h: 2.0 * r,
        }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    fn inside(&self, width: f64, height: f64) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= width && self.y + self.h <= height
    }
}

/// A label to place: the point it names, the radius of the icon there (0
/// for a town dot), the text's size, its priority (lower goes first), and
/// the size of a shorter form (the first line only) to fall back on.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub w: f64,
    pub h: f64,
    pub priority: u32,
    pub short: Option<(f64, f64)>,
    /// Shown even with no free spot (the hovered or selected site): it then
    /// takes its best spot on the map, over whatever is there.
    pub must: bool,
}

/// Where a label went, and whether in full or in its short form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub rect: Rect,
    pub full: bool,
}

/// Gap between an icon and its label, CSS px.
const GAP: f64 = 4.0;

impl Label {
    /// The spots a label `w` × `h` may take, best first: right, left,
    /// above, below. Beside the icon, the first line is level with it and
    /// any more lines hang below.
    fn spots(&self, w: f64, h: f64, line: f64) -> [Rect; 4] {
        let (x, y, r) = (self.x, self.y, self.r);
        let top = y - line / 2.0;
        [
            Rect {
                x: x + r + GAP,
                y: top,
                w,
                h,
            },
            Rect {
                x: x - r - GAP - w,
                y: top,
                w,
                h,
            },
            Rect {
                x: x - w / 2.0,
                y: y - r - GAP - h,
                w,
                h,
            },
            Rect {
                x: x - w / 2.0,
                y: y + r + GAP,
                w,
                h,
            },
        ]
    }
}

/// Side of a cell of the grid that finds nearby boxes, CSS px.
const CELL: f64 = 64.0;

/// Labels tried at most, by priority: a map has room for far fewer, and the
/// cap keeps a frame's work bounded however many sites are in view.
pub const MAX_TRIED: usize = 800;

/// Boxes already on the map, bucketed by grid cell so a test for overlap
/// looks only at its neighbours.
struct Grid {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<Rect>>,
}

impl Grid {
    fn new(width: f64, height: f64) -> Grid {
        let cols = (width / CELL).ceil().max(1.0) as usize;
        let rows = (height / CELL).ceil().max(1.0) as usize;
        Grid {
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        }
    }

    /// The cells a box covers, clamped to the grid.
    fn span(&self, r: &Rect) -> impl Iterator<Item = usize> + '_ {
        let cell = |v: f64, n: usize| ((v / CELL).floor().max(0.0) as usize).min(n - 1);
        let (c0, c1) = (cell(r.x, self.cols), cell(r.x + r.w, self.cols));
        let (r0, r1) = (cell(r.y, self.rows), cell(r.y + r.h, self.rows));
        (r0..=r1).flat_map(move |row| (c0..=c1).map(move |col| row * self.cols + col))
    }

    fn insert(&mut self, r: Rect) {
        let cells: Vec<usize> = self.span(&r).collect();
        for c in cells {
            self.cells[c].push(r);
        }
    }

    fn hits(&self, r: &Rect) -> bool {
        self.span(r)
            .any(|c| self.cells[c].iter().any(|o| o.overlaps(r)))
    }
}

/// The box each label takes, or `None` where it is hidden. `obstacles`
/// (icons) are never covered; a label never covers another or leaves the
/// `width` × `height` map. A label with no room in full tries its short
/// form. Only the first [`MAX_TRIED`] labels by priority are tried.
pub fn place(labels: &[Label], obstacles: &[Rect], width: f64, height: f64) -> Vec<Option<Placed>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| (labels[i].priority, i));
    let mut icons = Grid::new(width, height);
    for o in obstacles.iter().filter(|o| {
        o.overlaps(&Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
        })
    }) {
        icons.insert(*o);
    }
    let mut taken = Grid::new(width, height);
    let mut out = vec![None; labels.len()];
    for i in order.into_iter().take(MAX_TRIED) {
        let l = &labels[i];
        let line = l.short.map_or(l.h, |s| s.1);
        let forms = std::iter::once((l.w, l.h, true)).chain(l.short.map(|(w, h)| (w, h, false)));
        let found = forms
            .flat_map(|(w, h, full)| l.spots(w, h, line).map(|r| (r, full)))
            .find(|(r, _)| r.inside(width, height) && !taken.hits(r) && !icons.hits(r));
        let forced = || {
            let spots = l.spots(l.w, l.h, line);
            let inside = spots.iter().find(|r| r.inside(width, height));
            (*inside.unwrap_or(&spots[0]), true)
        };
        if let Some((rect, full)) = found.or_else(|| l.must.then(forced)) {
            taken.insert(rect);
            out[i] = Some(Placed { rect, full });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn label(x: f64, y: f64, priority: u32) -> Label {
        Label {
            x,
            y,
            r: 6.0,
            w: 60.0,
            h: 14.0,
            priority,
            short: None,
            must: false,
        }
    }

    #[test]
    fn labels_never_overlap_each_other_icons_or_the_edge() {
        // A dense, seeded cloud of labelled points.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        let labels: Vec<Label> = (0..200)
            .map(|i| label(next() * 400.0, next() * 300.0, i % 3))
            .collect();
        let icons: Vec<Rect> = labels.iter().map(|l| Rect::around(l.x, l.y, l.r)).collect();
        let placed = place(&labels, &icons, 400.0, 300.0);
        let boxes: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(
            boxes.len() > 10 && boxes.len() < 200,
            "{} placed",
            boxes.len()
        );
        for (a, ra) in boxes.iter().enumerate() {
            assert!(ra.inside(400.0, 300.0));
            assert!(icons.iter().all(|o| !o.overlaps(ra)));
            assert!(boxes[a + 1..].iter().all(|rb| !rb.overlaps(ra)));
        }
    }

    #[test]
    fn the_higher_priority_label_wins_and_the_other_moves_or_hides() {
        // Two points side by side: the first label's right spot covers the
        // second's icon, so it goes left; the second keeps its right spot.
        let (a, b) = (label(100.0, 50.0, 1), label(130.0, 50.0, 0));
        let icons = [
            Rect::around(100.0, 50.0, 6.0),
            Rect::around(130.0, 50.0, 6.0),
        ];
        let placed = place(&[a, b], &icons, 400.0, 300.0);
        let (pa, pb) = (placed[0].unwrap().rect, placed[1].unwrap().rect);
        assert_eq!(pb.x, 130.0 + 6.0 + GAP, "the priority label sits right");
        assert!(pa.x + pa.w <= 100.0, "the other moves left: {pa:?}");
        // At the right edge a label flips left rather than run off the map.
        let edge = place(&[label(390.0, 50.0, 0)], &[], 400.0, 300.0)[0]
            .unwrap()
            .rect;
        assert!(edge.x + edge.w <= 390.0);
        // With nowhere to go, a label hides.
        let crowd = [label(100.0, 50.0, 0), label(100.0, 50.0, 1)];
        assert!(place(&crowd, &[], 400.0, 300.0)[1].is_some());
        let walls = [Rect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 300.0,
        }];
        assert_eq!(place(&crowd, &walls, 400.0, 300.0), vec![None, None]);
        // Unless it must show (the site under the pointer): then it takes
        // its first spot on the map, walls or not.
        let hovered = Label {
            must: true,
            ..label(100.0, 50.0, 0)
        };
        let p = place(&[hovered], &walls, 400.0, 300.0)[0].unwrap();
        assert_eq!(p.rect.x, 100.0 + 6.0 + GAP);
    }

    #[test]
    fn a_label_with_no_room_in_full_falls_back_to_its_first_line() {
        // A two-line label between two icons 40 px apart above and below:
        // only the one-line form fits beside its point.
        let tall = Label {
            h: 30.0,
            short: Some((60.0, 14.0)),
            ..label(100.0, 100.0, 0)
        };
        let icons = [
            Rect::around(100.0, 100.0, 6.0),
            Rect::around(130.0, 125.0, 6.0),
            Rect::around(70.0, 125.0, 6.0),
        ];
        let walls = [
            Rect {
                x: 0.0,
                y: 0.0,
                w: 400.0,
                h: 80.0,
            },
            Rect {
                x: 0.0,
                y: 112.0,
                w: 60.0,
                h: 200.0,
            },
        ];
        let obstacles: Vec<Rect> = icons.iter().chain(&walls).copied().collect();
        let p = place(&[tall], &obstacles, 400.0, 300.0)[0].unwrap();
        assert!(!p.full && p.rect.h == 14.0, "{p:?}");
        let roomy = place(&[tall], &icons[..1], 400.0, 300.0)[0].unwrap();
        assert!(roomy.full && roomy.rect.h == 30.0);
    }
}
