//! A number in a scenario, addressed by the path problems use
//! (`policies[0].rule.z`, `lanes[3].vehicles`): read it, or set it in the
//! scenario's JSON. An absent optional field may be set if its object is
//! there.

use serde_json::Value;

/// One step of a path: a field or an index.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Result<Vec<Step<'_>>, String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if name.is_empty() && out.is_empty() {
            return Err(format!("\"{path}\" does not start with a field name"));
        }
        if !name.is_empty() {
            out.push(Step::Field(name));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner
                .find(']')
                .ok_or_else(|| format!("\"{path}\" has an unclosed ["))?;
            let i = inner[..close]
                .parse()
                .map_err(|_| format!("\"{path}\" has an index that is not a whole number"))?;
            out.push(Step::Index(i));
            rest = &inner[close + 1..];
        }
        if !rest.is_empty() {
            return Err(format!("\"{path}\" has text after an index"));
        }
    }
    Ok(out)
}

/// The value at `path`, if the path leads somewhere.
pub fn get<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    steps(path).ok()?.iter().try_fold(doc, |v, s| match s {
        Step::Field(f) => v.get(*f),
        Step::Index(i) => v.get(*i),
    })
}

/// Set the number at `path` to `x`. The path must lead to a number or to
/// an absent field of an object that is there.
pub fn set(doc: &mut Value, path: &str, x: f64) -> Result<(), String> {
    let steps = steps(path)?;
    let (last, parents) = steps.split_last().ok_or("the path is empty")?;
    let mut at = doc;
    for s in parents {
        at = match s {
            Step::Field(f) => at.get_mut(*f),
            Step::Index(i) => at.get_mut(*i),
        }
        .ok_or_else(|| format!("the scenario has nothing at \"{path}\""))?;
    }
    let number = number(x)?;
    let slot = match last {
        Step::Field(f) => match at.as_object_mut() {
            Some(o) => o.entry(f.to_string()).or_insert(Value::Null),
            None => return Err(format!("the scenario has nothing at \"{path}\"")),
        },
        Step::Index(i) => at
            .get_mut(*i)
            .ok_or_else(|| format!("the scenario has nothing at \"{path}\""))?,
    };
    if !(slot.is_number() || slot.is_null()) {
        return Err(format!("\"{path}\" is not a number"));
    }
    *slot = Value::Number(number);
    Ok(())
}

/// Whole numbers are written as integers, so that counts (`vehicles`)
/// read back; others as floats.
fn number(x: f64) -> Result<serde_json::Number, String> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if x.fract() == 0.0 && x.abs() < EXACT {
        return Ok(serde_json::Number::from(x as i64));
    }
    serde_json::Number::from_f64(x)
        .ok_or_else(|| format!("{x} is not a number a scenario can hold"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_and_write_numbers() {
        let mut doc =
            json!({"policies": [{"rule": {"type": "base_stock", "z": 1.0}}], "lanes": [{}]});
        assert_eq!(get(&doc, "policies[0].rule.z"), Some(&json!(1.0)));
        set(&mut doc, "policies[0].rule.z", 2.5).unwrap();
        assert_eq!(doc["policies"][0]["rule"]["z"], json!(2.5));
        // An absent optional field of an object that is there.
        set(&mut doc, "lanes[0].vehicles", 4.0).unwrap();
        assert_eq!(doc["lanes"][0]["vehicles"], json!(4));
    }

    #[test]
    fn bad_paths_are_named() {
        let mut doc = json!({"policies": [{"rule": {"type": "base_stock"}}]});
        let e = set(&mut doc, "policies[3].rule.z", 1.0).unwrap_err();
        assert!(e.contains("nothing at \"policies[3].rule.z\""), "{e}");
        let e = set(&mut doc, "policies[0].rule.type", 1.0).unwrap_err();
        assert!(e.contains("is not a number"), "{e}");
        assert!(
            set(&mut doc, "policies[x]", 1.0)
                .unwrap_err()
                .contains("whole number")
        );
        assert!(set(&mut doc, "[0]", 1.0).is_err());
        assert!(set(&mut doc, "policies[0", 1.0).is_err());
        assert!(set(&mut doc, "policies[0].rule.z", f64::NAN).is_err());
    }
}
