//! One learned model across many series (`fit_pool`), as the sim fits the
//! SKUs a stocking point reviews together: slow series learn the shape they
//! share with the rest, a catalogue too big for every row trains on a
//! stride of them, and the same histories give the same forecasts.

use supply_forecast::{Accuracy, Boosted, Forecaster, MAX_POOL_ROWS, Model, Period, fit_pool};

const DAYS: usize = 182;
const WARMUP: usize = 56;
/// A weekly shape (quiet Monday, busy Saturday).
const WEEK: [f64; 7] = [0.4, 1.0, 1.0, 1.0, 1.1, 2.0, 0.5];

fn day(t: usize) -> Period {
    Period {
        season_index: (t % 7) as u32,
        event: 1.0,
    }
}

/// Series `k`'s demand on day `t`: the weekly shape at a rate of
/// `rate` a day, with a deterministic ±40 % wobble per series and day.
fn demand(k: usize, t: usize, rate: f64) -> f64 {
    let mut x = ((k * 1_000_003 + t) as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    let wobble = 0.6 + 0.8 * (x % 1000) as f64 / 1000.0;
    libm::round(rate * WEEK[t % 7] * wobble)
}

/// Accuracy over `n` series of `rate` a day, each fitting alone, or all in
/// one pool refitted weekly (as the sim does).
fn accuracy(n: usize, rate: f64, pooled: bool) -> Accuracy {
    let mut fs: Vec<Forecaster> = (0..n)
        .map(|_| Forecaster::new(Model::Boosted, 7, rate, rate))
        .collect();
    if pooled {
        for f in &mut fs {
            f.boosted_mut().unwrap().join_pool();
        }
    }
    for t in 0..DAYS {
        for (k, f) in fs.iter_mut().enumerate() {
            f.observe(demand(k, t, rate), day(t), t >= WARMUP);
        }
        if pooled && fs[0].boosted_mut().unwrap().pool_due() {
            let mut pool: Vec<&mut Boosted> =
                fs.iter_mut().filter_map(Forecaster::boosted_mut).collect();
            fit_pool(&mut pool);
        }
    }
    let mut all = Accuracy::default();
    for f in &fs {
        all.merge(f.accuracy());
    }
    all
}

#[test]
fn slow_series_learn_their_shared_week_from_the_pool() {
    // Two units a day: alone, each series has too few sales to learn its
    // week from; together they do.
    let alone = accuracy(40, 2.0, false).wape().unwrap();
    let pooled = accuracy(40, 2.0, true).wape().unwrap();
    assert!(
        pooled < 0.9 * alone,
        "WAPE pooled {pooled:.3}, alone {alone:.3}"
    );
}

#[test]
fn a_pool_forecasts_the_weekly_shape() {
    let a = accuracy(20, 50.0, true);
    assert!(a.wape().unwrap() < 0.25, "WAPE {:?}", a.wape());
    assert!(a.bias().unwrap().abs() < 0.05, "bias {:?}", a.bias());
}

#[test]
fn a_big_catalogue_trains_on_a_stride_and_is_deterministic() {
    // 400 series × 60 days is more rows than one fit takes.
    const { assert!(400 * 60 > MAX_POOL_ROWS) };
    let run = || {
        let mut fs: Vec<Boosted> = (0..400).map(|_| Boosted::new(7, 10.0)).collect();
        for b in &mut fs {
            b.join_pool();
        }
        for t in 0..60 {
            for (k, b) in fs.iter_mut().enumerate() {
                b.observe(demand(k, t, 10.0), day(t));
            }
        }
        let mut pool: Vec<&mut Boosted> = fs.iter_mut().collect();
        fit_pool(&mut pool);
        assert!(
            fs.iter().all(|b| !b.pool_due()),
            "every member has the model"
        );
        fs[7].ahead(&[day(60), day(61)])
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    // Days 60 and 61 are a Friday (×1.1) and a Saturday (×2): the pooled
    // model forecasts the busy Saturday well above the Friday.
    assert!(a[0] > 0.0 && a[1] > 1.5 * a[0], "{a:?}");
}
