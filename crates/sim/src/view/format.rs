//! Numbers as people write them, shared by the page, lessons and the CLI.

/// A whole number with thousands separators: 35836 → "35,836".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A share as a percentage with one decimal ("95.6 %"), or "–" when
/// there is none.
pub fn percent(share: Option<f64>) -> String {
    share.map_or("–".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

/// Days of the week, Monday first (sim time 0 is Monday 00:00).
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A sim time as the clock shows it: "Day 3 (Wed) 14:05".
pub fn clock(t: crate::time::SimTime) -> String {
    use crate::time::{DAY, HOUR, MINUTE};
    let day = t / DAY;
    let (h, m) = ((t % DAY) / HOUR, (t % HOUR) / MINUTE);
    format!(
        "Day {} ({}) {h:02}:{m:02}",
        day + 1,
        WEEKDAYS[(day % 7) as usize]
    )
}

/// Pounds as people write them: "£3.38", "£1,204".
pub fn pounds(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("£{}", thousands(v.round() as i64))
    } else {
        format!("£{v:.2}")
    }
}
