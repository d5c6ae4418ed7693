//! What the parser and compiler benches share: criterion's measurement of processor time
//! and the corpus of `.py` files (both benches include this file with `#[path]`, so that the
//! two figures `cargo xtask bench parse|compile` prints are measured the same way).

use criterion::measurement::{Measurement, ValueFormatter, WallTime};

#[path = "corpus.rs"]
mod corpus;

use corpus::processor_time;
pub(crate) use corpus::{collect, corpus_dir};
use std::time::Duration;

/// Criterion's measurement of processor time, reported as durations like its wall time.
pub(crate) struct ProcessorTime;

impl Measurement for ProcessorTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        processor_time()
    }

    fn end(&self, start: Duration) -> Duration {
        processor_time().saturating_sub(start)
    }

    fn add(&self, v1: &Duration, v2: &Duration) -> Duration {
        *v1 + *v2
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        static NANOSECONDS: WallTime = WallTime;
        NANOSECONDS.formatter()
    }
}
