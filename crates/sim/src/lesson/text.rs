//! Lesson text that quotes the student's figures: `{kpi}` or
//! `{kpi:facility id}` is replaced by the figure, formatted with its unit
//! ("On time {on_time_rate}" → "On time 96.2 %"); `{{` and `}}` are
//! literal braces.

use super::goal::{Figure, Measures, Metric};

/// Each placeholder in `text`: the figure it names, or why it names none.
pub fn placeholders(text: &str) -> Vec<Result<Figure, String>> {
    let mut out = Vec::new();
    walk(text, |piece| {
        if let Piece::Placeholder(p) = piece {
            out.push(parse(p));
        }
    });
    out
}

/// `text` with each placeholder replaced by its figure in `m` ("–" where
/// the figure is not defined).
pub fn fill(text: &str, m: &Measures) -> String {
    let mut out = String::with_capacity(text.len());
    walk(text, |piece| match piece {
        Piece::Text(t) => out.push_str(t),
        Piece::Placeholder(p) => match parse(p) {
            Ok(f) => match m.get(&f) {
                Some(v) => out.push_str(&f.kpi.format(v)),
                None => out.push('–'),
            },
            Err(_) => {
                out.push('{');
                out.push_str(p);
                out.push('}');
            }
        },
    });
    out
}

enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

fn walk<'a>(mut text: &'a str, mut each: impl FnMut(Piece<'a>)) {
    while let Some(i) = text.find(['{', '}']) {
        each(Piece::Text(&text[..i]));
        let rest = &text[i..];
        if rest.starts_with("{{") || rest.starts_with("}}") {
            each(Piece::Text(&rest[..1]));
            text = &rest[2..];
        } else if let (true, Some(end)) = (rest.starts_with('{'), rest.find('}')) {
            each(Piece::Placeholder(&rest[1..end]));
            text = &rest[end + 1..];
        } else {
            each(Piece::Text(&rest[..1]));
            text = &rest[1..];
        }
    }
    each(Piece::Text(text));
}

fn parse(p: &str) -> Result<Figure, String> {
    let (kpi, facility) = match p.split_once(':') {
        Some((k, f)) => (k.trim(), Some(f.trim().to_owned())),
        None => (p.trim(), None),
    };
    let kpi = Metric::from_key(kpi).ok_or_else(|| {
        let names: Vec<&str> = Metric::ALL.iter().map(|m| m.key()).collect();
        format!("{{{p}}} names no figure; figures are {}", names.join(", "))
    })?;
    Ok(Figure { kpi, facility })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_and_braces_can_be_literal() {
        let t = "On time {on_time_rate}, factory {order_variance_ratio:factory}, {{literal}}.";
        let p = placeholders(t);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].as_ref().unwrap().facility.as_deref(), Some("factory"));
        assert!(placeholders("{nonsense}")[0].is_err());
        let filled = fill(t, &Measures::default());
        assert_eq!(filled, "On time –, factory –, {literal}.");
    }
}
