//! Timing helper shared by the bench examples: runs `f` `runs` times and returns the median
//! and minimum wall time with the last result.

use std::time::{Duration, Instant};

pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut ds = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let v = f();
        ds.push(t.elapsed());
        last = Some(v);
    }
    ds.sort();
    (ds[ds.len() / 2], ds[0], last.expect("at least one run"))
}
