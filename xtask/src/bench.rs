//! `cargo xtask bench [STAGE]`: a pyrs stage's throughput next to the reference's.
//!
//! For `tokens`: the reference's `tokenize` module is timed in process over the whole corpus
//! (`bench_tokenize.py`), then the criterion bench of the tokenizer crate runs over the same
//! corpus (`cargo bench -p pyrs-tokenizer --bench tokenize`, which reads `PYRS_CORPUS_DIR`), and
//! its mean time per iteration is read back from criterion's `estimates.json`. The summary line
//! is `tokenize: pyrs X MB/s, CPython 3.13 Y MB/s, ratio Z×`, with 1 MB = 10^6 bytes.
//!
//! For `parse` the same again, with the reference's `ast.parse` (`bench_parse.py`) against the
//! parser crate's bench (`cargo bench -p pyrs-parser --bench parse`): source bytes to syntax
//! trees. Both sides time every file, those the parser rejects included, so the figures are
//! times of one pass over the corpus: `parse: pyrs X s, CPython 3.13 Y s, ratio Z×`, the ratio
//! being how many times faster pyrs is. Both count processor time rather than wall time
//! (`time.process_time`, and a criterion measurement of the process's clock), so that other
//! work on the machine does not move the ratio as much.
//!
//! For `compile` the same again, with the reference's `compile()` (`bench_compile.py`) against
//! the compiler crate's bench (`cargo bench -p pyrs-compiler --bench compile`): source bytes to
//! code objects, every file timed on both sides, processor time on both sides. Here both sides
//! also state the same statistic, the fastest pass: the reference's best of ten passes, and
//! criterion's fastest of its ten samples (a sample's time over its iterations) rather than
//! its mean, so that a burst of load during one pass moves neither figure and neither side
//! has more tries at a fast one. `compile: pyrs X s, CPython 3.13 Y s,
//! ratio Z×`.
//!
//! Each reference script runs after `bench_common.py`, which reads the corpus list from stdin,
//! times the best of three passes (ten for `compile`) and prints the `RESULT` line read back
//! here.
//!
//! `programs` runs the Python programs of `benches/` whole ([`crate::bench_programs`]).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::{Duration, SystemTime};

use anyhow::{anyhow, bail, Context, Result};

use crate::reference::Reference;
use crate::{json, usage_error, workspace, EXIT_USAGE};

/// One stage's bench.
struct Bench {
    stage: &'static str,
    run: fn(&Reference) -> Result<()>,
}

/// Every bench, in the order `cargo xtask bench` runs them.
const BENCHES: &[Bench] = &[
    Bench {
        stage: "tokens",
        run: tokens,
    },
    Bench {
        stage: "parse",
        run: parse,
    },
    Bench {
        stage: "compile",
        run: compile,
    },
    Bench {
        stage: "programs",
        run: crate::bench_programs::run,
    },
];

/// The criterion group of the tokenizer bench (`benchmark_group`).
const TOKENIZE_GROUP: &str = "tokenize";
/// The criterion bench within that group: one iteration tokenizes the whole corpus.
const TOKENIZE_BENCH: &str = "stdlib";

/// What the reference side of every bench starts with: reading the corpus, timing, the
/// result line.
const COMMON_SCRIPT: &str = include_str!("bench_common.py");

/// The reference side of the tokenizer bench.
const TOKENIZE_SCRIPT: &str = include_str!("bench_tokenize.py");

/// The reference side of the parser bench, and its criterion group and bench.
const PARSE_SCRIPT: &str = include_str!("bench_parse.py");
const PARSE_GROUP: &str = "parse";
const PARSE_BENCH: &str = "stdlib";

/// The reference side of the compiler bench, and its criterion group and bench.
const COMPILE_SCRIPT: &str = include_str!("bench_compile.py");
const COMPILE_GROUP: &str = "compile";
const COMPILE_BENCH: &str = "stdlib";

/// One stage measured on both sides: the reference script, the criterion bench.
struct Measure {
    label: &'static str,
    figure: Figure,
    script: &'static str,
    package: &'static str,
    bench_target: &'static str,
    group: &'static str,
    bench: &'static str,
    statistic: Statistic,
}

/// Which of criterion's figures stands for the pyrs side.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Statistic {
    /// The mean time of one iteration (`estimates.json`).
    Mean,
    /// The fastest sample's time per iteration (`sample.json`), to set beside the reference's
    /// best of its passes.
    Best,
}

/// What a summary line states for each side.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Figure {
    /// Throughput in MB/s over the files each side accepts; the ratio is pyrs's over the
    /// reference's.
    Throughput,
    /// Seconds per pass over the same files (of processor time: each side's script or bench
    /// chooses its clock); the ratio is the reference's time over pyrs's.
    Seconds,
}

/// The task's entry point.
pub(crate) fn main(args: &[OsString]) -> Result<ExitCode> {
    let benches: Vec<&Bench> = match args {
        [] => BENCHES.iter().collect(),
        [stage] => match stage.to_str() {
            Some(name) => match BENCHES.iter().find(|bench| bench.stage == name) {
                Some(bench) => vec![bench],
                None => {
                    if crate::conformance::stage_name_is_known(name) {
                        eprintln!("stage {name} has no bench yet");
                        return Ok(ExitCode::from(EXIT_USAGE));
                    }
                    return Ok(usage_error(&format!("unknown stage `{name}`")));
                }
            },
            None => return Ok(usage_error("the stage name is not valid UTF-8")),
        },
        _ => return Ok(usage_error("bench takes at most one stage")),
    };
    let reference = Reference::find()?;
    for bench in benches {
        (bench.run)(&reference)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The tokenizer bench.
fn tokens(reference: &Reference) -> Result<()> {
    measure(
        reference,
        &Measure {
            label: "tokenize",
            figure: Figure::Throughput,
            script: TOKENIZE_SCRIPT,
            package: "pyrs-tokenizer",
            bench_target: "tokenize",
            group: TOKENIZE_GROUP,
            bench: TOKENIZE_BENCH,
            statistic: Statistic::Mean,
        },
    )
}

/// The parser bench: source bytes to syntax trees.
fn parse(reference: &Reference) -> Result<()> {
    measure(
        reference,
        &Measure {
            label: "parse",
            figure: Figure::Seconds,
            script: PARSE_SCRIPT,
            package: "pyrs-parser",
            bench_target: "parse",
            group: PARSE_GROUP,
            bench: PARSE_BENCH,
            statistic: Statistic::Mean,
        },
    )
}

/// The compiler bench: source bytes to code objects.
fn compile(reference: &Reference) -> Result<()> {
    measure(
        reference,
        &Measure {
            label: "compile",
            figure: Figure::Seconds,
            script: COMPILE_SCRIPT,
            package: "pyrs-compiler",
            bench_target: "compile",
            group: COMPILE_GROUP,
            bench: COMPILE_BENCH,
            statistic: Statistic::Best,
        },
    )
}

fn measure(reference: &Reference, m: &Measure) -> Result<()> {
    let corpus = reference.corpus()?;
    eprintln!(
        "{}: timing the reference over {} files of {}",
        m.label,
        corpus.len(),
        reference.stdlib.display()
    );
    let cpython = reference_script(reference, m.script, &corpus)?;

    let criterion_home = workspace::target_dir().join("criterion");
    let started = SystemTime::now();
    workspace::run_cargo(
        &["bench", "-p", m.package, "--bench", m.bench_target],
        &[
            ("PYRS_CORPUS_DIR", &reference.stdlib),
            ("CRITERION_HOME", &criterion_home),
        ],
    )?;
    let dir = criterion_home.join(m.group).join(m.bench).join("new");
    let estimates = dir.join("estimates.json");
    let fresh = std::fs::metadata(&estimates)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| modified + Duration::from_secs(2) >= started);
    if !fresh {
        bail!(
            "the bench did not write {}; is its criterion group `{}` and its bench `{}`?",
            estimates.display(),
            m.group,
            m.bench
        );
    }
    let mean_ns = match m.statistic {
        Statistic::Mean => read_mean_ns(&estimates)?,
        Statistic::Best => read_best_ns(&dir.join("sample.json"))?,
    };
    let bytes = match read_throughput_bytes(&dir.join("benchmark.json")) {
        Some(bytes) => bytes,
        None => {
            let total = corpus_bytes(&corpus)?;
            eprintln!(
                "note: the bench declares no Throughput::Bytes; using the corpus size, {total} bytes"
            );
            total
        }
    };
    let pyrs = Measured {
        bytes,
        seconds: mean_ns * 1e-9,
    };
    if m.figure == Figure::Seconds && pyrs.bytes != cpython.bytes {
        bail!(
            "the two sides did not read the same files: {} bytes for pyrs, {} for the reference",
            pyrs.bytes,
            cpython.bytes
        );
    }
    println!("{}", summary(m.label, m.figure, &pyrs, &cpython));
    Ok(())
}

/// What the reference script measured.
#[derive(Debug, PartialEq)]
struct Measured {
    bytes: f64,
    seconds: f64,
}

/// Runs a reference script and returns what it measured.
fn reference_script(reference: &Reference, script: &str, corpus: &[PathBuf]) -> Result<Measured> {
    let mut child = reference
        .command()
        .args(["-c", &format!("{COMMON_SCRIPT}\n{script}")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("cannot run {}", reference.python.display()))?;
    let mut list = Vec::new();
    for path in corpus {
        list.extend_from_slice(path.as_os_str().as_encoded_bytes());
        list.push(b'\n');
    }
    let mut stdin = child.stdin.take().ok_or_else(|| anyhow!("no stdin pipe"))?;
    let writer = std::thread::spawn(move || stdin.write_all(&list));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| anyhow!("the writing thread panicked"))?
        .context("cannot send the corpus list to the reference")?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("the reference bench failed ({})\n{text}", output.status);
    }
    let mut measured = None;
    for line in text.lines() {
        match parse_result(line) {
            Some(result) => measured = Some(result),
            None => println!("{line}"),
        }
    }
    measured.ok_or_else(|| anyhow!("the reference bench printed no result:\n{text}"))
}

/// Reads the script's `RESULT … bytes=B seconds=S` line.
fn parse_result(line: &str) -> Option<Measured> {
    let fields = line.strip_prefix("RESULT ")?;
    let field = |name: &str| -> Option<f64> {
        fields
            .split_whitespace()
            .find_map(|f| f.strip_prefix(name)?.strip_prefix('='))?
            .parse()
            .ok()
    };
    Some(Measured {
        bytes: field("bytes")?,
        seconds: field("seconds")?,
    })
}

/// The mean time of one iteration in nanoseconds, from criterion's `estimates.json`.
fn read_mean_ns(path: &Path) -> Result<f64> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value = json::parse(&text)
        .map_err(|at| anyhow!("{} is not JSON (at byte {at})", path.display()))?;
    value
        .get("mean")
        .and_then(|mean| mean.get("point_estimate"))
        .and_then(json::Value::as_f64)
        .filter(|ns| *ns > 0.0)
        .ok_or_else(|| anyhow!("{} has no positive mean.point_estimate", path.display()))
}

/// The fastest sample's time per iteration in nanoseconds, from criterion's `sample.json`
/// (`iters` and `times`, one entry per sample).
fn read_best_ns(path: &Path) -> Result<f64> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value = json::parse(&text)
        .map_err(|at| anyhow!("{} is not JSON (at byte {at})", path.display()))?;
    let list = |name: &str| -> Option<Vec<f64>> {
        value
            .get(name)?
            .as_array()?
            .iter()
            .map(json::Value::as_f64)
            .collect()
    };
    let (Some(iters), Some(times)) = (list("iters"), list("times")) else {
        bail!("{} has no lists `iters` and `times`", path.display());
    };
    iters
        .iter()
        .zip(&times)
        .filter(|(n, _)| **n > 0.0)
        .map(|(n, t)| t / n)
        .filter(|ns| *ns > 0.0)
        .min_by(f64::total_cmp)
        .ok_or_else(|| anyhow!("{} has no positive sample", path.display()))
}

/// The byte count of `Throughput::Bytes` (or `BytesDecimal`) in criterion's `benchmark.json`.
fn read_throughput_bytes(path: &Path) -> Option<f64> {
    let value = json::parse(&std::fs::read_to_string(path).ok()?).ok()?;
    let throughput = value.get("throughput")?;
    throughput
        .get("Bytes")
        .or_else(|| throughput.get("BytesDecimal"))?
        .as_f64()
}

fn corpus_bytes(corpus: &[PathBuf]) -> Result<f64> {
    let mut total = 0u64;
    for path in corpus {
        total += std::fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .len();
    }
    Ok(total as f64)
}

impl Measured {
    /// Throughput in MB/s (10^6 bytes per second).
    fn mb_per_s(&self) -> f64 {
        self.bytes / self.seconds / 1e6
    }
}

/// The last line of a bench.
fn summary(label: &str, figure: Figure, pyrs: &Measured, cpython: &Measured) -> String {
    match figure {
        Figure::Throughput => {
            let (pyrs, cpython) = (pyrs.mb_per_s(), cpython.mb_per_s());
            format!(
                "{label}: pyrs {pyrs:.1} MB/s, CPython 3.13 {cpython:.1} MB/s, ratio {:.2}×",
                pyrs / cpython
            )
        }
        Figure::Seconds => format!(
            "{label}: pyrs {:.3} s, CPython 3.13 {:.3} s, ratio {:.2}×",
            pyrs.seconds,
            cpython.seconds,
            cpython.seconds / pyrs.seconds
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_result_line_is_read() {
        assert_eq!(
            parse_result("RESULT files=1720 rejected=6 bytes=33000000 seconds=2.5"),
            Some(Measured {
                bytes: 33_000_000.0,
                seconds: 2.5
            })
        );
        assert_eq!(parse_result("CPython 3.13.0 tokenize: …"), None);
        assert_eq!(parse_result("RESULT files=3 bytes=10"), None);
    }

    #[test]
    fn the_best_sample_is_the_fastest_time_per_iteration() {
        let path =
            std::env::temp_dir().join(format!("pyrs-xtask-sample-{}.json", std::process::id()));
        std::fs::write(
            &path,
            r#"{"sampling_mode":"Flat","iters":[2.0,2.0,4.0],"times":[30.0,26.0,48.0]}"#,
        )
        .unwrap();
        let best = read_best_ns(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(best.unwrap(), 12.0);
    }

    #[test]
    fn the_summary_line_has_its_fixed_shape() {
        let side = |bytes: f64, seconds: f64| Measured { bytes, seconds };
        assert_eq!(side(50_000_000.0, 2.0).mb_per_s(), 25.0);
        assert_eq!(
            summary(
                "tokenize",
                Figure::Throughput,
                &side(25e6, 0.1),
                &side(20e6, 2.0)
            ),
            "tokenize: pyrs 250.0 MB/s, CPython 3.13 10.0 MB/s, ratio 25.00×"
        );
        assert_eq!(
            summary("parse", Figure::Seconds, &side(33e6, 0.4), &side(33e6, 5.0)),
            "parse: pyrs 0.400 s, CPython 3.13 5.000 s, ratio 12.50×"
        );
    }

    #[test]
    fn the_script_is_embedded() {
        assert!(TOKENIZE_SCRIPT.contains("tokenize.tokenize(io.BytesIO(data).readline)"));
        assert!(COMPILE_SCRIPT.contains("compile(data, path, \"exec\", dont_inherit=True)"));
        assert!(PARSE_SCRIPT.contains("ast.parse(data, path, type_comments=True)"));
        assert!(PARSE_SCRIPT.contains("clock=time.process_time"));
        assert!(COMMON_SCRIPT.contains("RESULT files="));
        assert!(COMMON_SCRIPT
            .contains("def best_of(run, sources, clock=time.perf_counter, passes=PASSES):"));
    }
}
