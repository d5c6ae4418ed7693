//! Judging one file: normalising both outputs, deciding whether they agree, describing how not.
//!
//! The rules: a file is identical when stdout is byte-identical and the exit statuses are equal;
//! when the reference rejects the file (non-zero exit) its stderr must be identical too. Before
//! comparing, the file's path is replaced by [`PLACEHOLDER`] in both streams of both sides,
//! because the reference's output is cached by content and the same content may sit at
//! several paths (the stderr of a rejected file reads `PATH:LINE:COL: error: MESSAGE`).
//!
//! When a rejected file's stderr is a Python traceback, only its last entry for the file
//! itself — from the last `  File "<FILE>"` line on: the source line, the carets and the
//! `SyntaxError: …` line — is compared. The frames above it belong to the reference's own
//! module machinery (`runpy`, `ast.py`, `symtable.py`), which pyrs's `--dump` has no
//! counterpart for.

use std::fmt;

use crate::process::{Captured, Status};

/// What a file's path becomes in normalised output.
pub(crate) const PLACEHOLDER: &[u8] = b"<FILE>";

/// A stage's own rewriting of stdout (e.g. to drop object addresses), applied to both sides.
pub(crate) type Normaliser = fn(&[u8]) -> Vec<u8>;

/// The bytecode stage's normaliser: object addresses (`<code object f at 0x7f…>`) differ from
/// run to run and from pyrs to CPython; each becomes `0xADDR`. The items of each
/// `frozenset({…})` are sorted, because CPython prints a frozenset of strings in the order of
/// their hashes, which change from run to run.
pub(crate) fn without_addresses(stdout: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(stdout);
    let mut sorted = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.contains("frozenset({") {
            sorted.push_str(&sorted_frozensets(line));
        } else {
            sorted.push_str(line);
        }
    }
    let stdout = sorted.as_bytes();
    let mut out = Vec::with_capacity(stdout.len());
    let mut rest = stdout;
    while let Some(at) = find(rest, b" at 0x") {
        out.extend_from_slice(&rest[..at + 6]);
        out.extend_from_slice(b"ADDR");
        rest = &rest[at + 6..];
        let hex = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        rest = &rest[hex..];
    }
    out.extend_from_slice(rest);
    out
}

/// Sorts the items of every `frozenset({…})` in a line: CPython prints a frozenset of strings
/// in the order of their hashes, which change from run to run (`PYTHONHASHSEED`).
fn sorted_frozensets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("frozenset({") {
        out.push_str(&rest[..at + 11]);
        rest = &rest[at + 11..];
        // The items up to the matching `})`, split at top-level commas, quotes respected.
        let mut items: Vec<String> = Vec::new();
        let mut item = String::new();
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if let Some(q) = quote {
                item.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' => {
                    quote = Some(c);
                    item.push(c);
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    item.push(c);
                }
                ')' | ']' | '}' if depth > 0 => {
                    depth -= 1;
                    item.push(c);
                }
                '}' => {
                    end = i;
                    break;
                }
                ',' if depth == 0 => {
                    items.push(item.trim().to_string());
                    item.clear();
                }
                _ => item.push(c),
            }
        }
        if !item.trim().is_empty() {
            items.push(item.trim().to_string());
        }
        items.sort();
        out.push_str(&items.join(", "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The bytecode stage's unit counter: a `dis` listing is one section per code object (the
/// module's first, then each `Disassembly of <code object …>:`), in the same order on both
/// sides; counts the reference's sections and those pyrs prints identically at the same place.
pub(crate) fn same_code_objects(pyrs: &[u8], reference: &[u8]) -> (usize, usize) {
    fn sections(listing: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut at = 0;
        while let Some(found) = find(&listing[at..], b"\nDisassembly of ") {
            let cut = at + found + 1;
            out.push(&listing[start..cut]);
            start = cut;
            at = cut;
        }
        out.push(&listing[start..]);
        out
    }
    let (got, want) = (sections(pyrs), sections(reference));
    let same = want
        .iter()
        .enumerate()
        .filter(|(i, w)| got.get(*i) == Some(*w))
        .count();
    (same, want.len())
}

/// The longest part of a line shown in a report, in characters.
const SHOWN_CHARS: usize = 160;

/// Replaces every occurrence of `path` in `bytes` by [`PLACEHOLDER`].
pub(crate) fn replace_path(bytes: &[u8], path: &[u8]) -> Vec<u8> {
    if path.is_empty() {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = find(rest, path) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(PLACEHOLDER);
        rest = &rest[at + path.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Replaces the file's path in both streams of a raw run, as stored in the cache.
pub(crate) fn without_path(captured: Captured, path: &[u8]) -> Captured {
    Captured {
        stdout: replace_path(&captured.stdout, path),
        stderr: replace_path(&captured.stderr, path),
        status: captured.status,
    }
}

/// Applies a stage's normaliser to stdout, if it has one, and cuts a traceback on stderr to its
/// entry for the file itself (see the module doc).
pub(crate) fn normalised(captured: &Captured, normaliser: Option<Normaliser>) -> Captured {
    Captured {
        stdout: match normaliser {
            Some(normalise) => normalise(&captured.stdout),
            None => captured.stdout.clone(),
        },
        stderr: traceback_tail(&captured.stderr).to_vec(),
        status: captured.status,
    }
}

/// The part of `stderr` from its last `  File "<FILE>"` line on, when it is a traceback; all
/// of it otherwise.
pub(crate) fn traceback_tail(stderr: &[u8]) -> &[u8] {
    const START: &[u8] = b"Traceback (most recent call last):\n";
    if !stderr.starts_with(START) {
        return stderr;
    }
    let mut marker = b"\n  File \"".to_vec();
    marker.extend_from_slice(PLACEHOLDER);
    marker.push(b'"');
    let mut last = None;
    let mut from = 0;
    while let Some(i) = find(&stderr[from..], &marker) {
        last = Some(from + i + 1);
        from += i + 1;
    }
    match last {
        Some(i) => &stderr[i..],
        None => stderr,
    }
}

/// Which output a difference was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// The first line where two outputs differ: its number (from 1) and both sides, `None` for a
/// side that has already ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineDifference {
    pub(crate) stream: Stream,
    pub(crate) line: usize,
    pub(crate) pyrs: Option<Vec<u8>>,
    pub(crate) reference: Option<Vec<u8>>,
}

/// Why a file is not identical.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Difference {
    /// The exit statuses differ; with the first differing line of stderr (or of stdout when
    /// stderr agrees), which usually says why.
    Status {
        pyrs: Status,
        reference: Status,
        line: Option<LineDifference>,
    },
    /// The statuses agree but an output differs.
    Output(LineDifference),
}

/// Compares pyrs's normalised output with the reference's; `None` means identical.
pub(crate) fn judge(pyrs: &Captured, reference: &Captured) -> Option<Difference> {
    let stdout = || first_difference(Stream::Stdout, &pyrs.stdout, &reference.stdout);
    let stderr = || first_difference(Stream::Stderr, &pyrs.stderr, &reference.stderr);
    if pyrs.status != reference.status {
        return Some(Difference::Status {
            pyrs: pyrs.status,
            reference: reference.status,
            line: stderr().or_else(stdout),
        });
    }
    if let Some(line) = stdout() {
        return Some(Difference::Output(line));
    }
    if !reference.status.success() {
        return stderr().map(Difference::Output);
    }
    None
}

/// The first line (split on `\n`) where `pyrs` and `reference` differ.
pub(crate) fn first_difference(
    stream: Stream,
    pyrs: &[u8],
    reference: &[u8],
) -> Option<LineDifference> {
    if pyrs == reference {
        return None;
    }
    let mut left = pyrs.split(|&b| b == b'\n');
    let mut right = reference.split(|&b| b == b'\n');
    let mut line = 0;
    loop {
        line += 1;
        match (left.next(), right.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return None,
            (a, b) => {
                return Some(LineDifference {
                    stream,
                    line,
                    pyrs: a.map(<[u8]>::to_vec),
                    reference: b.map(<[u8]>::to_vec),
                })
            }
        }
    }
}

/// One side of a line, quoted so that whitespace shows, and cut to [`SHOWN_CHARS`].
fn show(line: &Option<Vec<u8>>) -> String {
    match line {
        None => "<end of output>".to_string(),
        Some(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            let mut chars = text.chars();
            let shown: String = chars.by_ref().take(SHOWN_CHARS).collect();
            if chars.next().is_some() {
                format!("{shown:?}…")
            } else {
                format!("{shown:?}")
            }
        }
    }
}

impl fmt::Display for LineDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stream = match self.stream {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        };
        write!(
            f,
            "{stream} line {}: pyrs {} | python3.13 {}",
            self.line,
            show(&self.pyrs),
            show(&self.reference)
        )
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Status {
                pyrs,
                reference,
                line,
            } => {
                write!(f, "status: pyrs {pyrs} | python3.13 {reference}")?;
                match line {
                    Some(line) => write!(f, "; {line}"),
                    None => Ok(()),
                }
            }
            Difference::Output(line) => write!(f, "{line}"),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_bytecode_normaliser_blanks_addresses_and_sorts_frozensets() {
        let line = b"LOAD_CONST 1 (<code object f at 0x7f12ab, file \"x.py\", line 1>)\n\
                     LOAD_CONST 2 (frozenset({'b', 'a, c', (1, 2)}))\n";
        assert_eq!(
            String::from_utf8(without_addresses(line)).unwrap(),
            "LOAD_CONST 1 (<code object f at 0xADDR, file \"x.py\", line 1>)\n\
             LOAD_CONST 2 (frozenset({'a, c', 'b', (1, 2)}))\n"
        );
        assert_eq!(
            same_code_objects(b"a\nDisassembly of x\nb\n", b"a\nDisassembly of x\nc\n"),
            (1, 2)
        );
    }

    use super::*;

    fn run(stdout: &str, stderr: &str, code: i32) -> Captured {
        Captured {
            stdout: stdout.as_bytes().to_vec(),
            stderr: stderr.as_bytes().to_vec(),
            status: Status::Exit(code),
        }
    }

    #[test]
    fn the_path_is_replaced_everywhere_it_occurs() {
        let path = b"/lib/python3.13/a.py";
        assert_eq!(
            replace_path(
                b"/lib/python3.13/a.py:2:7: error: unterminated string",
                path
            ),
            b"<FILE>:2:7: error: unterminated string"
        );
        assert_eq!(
            replace_path(b"x /lib/python3.13/a.py y /lib/python3.13/a.py", path),
            b"x <FILE> y <FILE>"
        );
        assert_eq!(
            replace_path(b"/lib/python3.13/a.pyc", path),
            b"<FILE>c",
            "replacement is textual"
        );
        assert_eq!(replace_path(b"nothing here", path), b"nothing here");
        assert_eq!(replace_path(b"", path), b"");
        assert_eq!(replace_path(b"abc", b""), b"abc");
    }

    #[test]
    fn the_same_error_at_two_paths_is_the_same_after_replacement() {
        let a = without_path(run("", "/x/a.py:1:1: error: boom\n", 1), b"/x/a.py");
        let b = without_path(run("", "/y/b.py:1:1: error: boom\n", 1), b"/y/b.py");
        assert_eq!(a, b);
        assert_eq!(judge(&a, &b), None);
    }

    #[test]
    fn a_stage_normaliser_rewrites_stdout_only() {
        fn drop_digits(bytes: &[u8]) -> Vec<u8> {
            bytes
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_digit())
                .collect()
        }
        let captured = run("at 0x1234\n", "line 5\n", 0);
        let out = normalised(&captured, Some(drop_digits));
        assert_eq!(out.stdout, b"at x\n");
        assert_eq!(out.stderr, b"line 5\n");
        assert_eq!(normalised(&captured, None), captured);
    }

    #[test]
    fn a_traceback_is_cut_to_the_files_own_entry() {
        let reference = "Traceback (most recent call last):\n  File \"<frozen runpy>\", line 198, in _run\n  \
                         File \"<FILE>\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n";
        let tail = traceback_tail(reference.as_bytes());
        assert_eq!(
            tail,
            b"  File \"<FILE>\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n"
        );
        assert_eq!(traceback_tail(tail), tail);
        assert_eq!(
            traceback_tail(b"<FILE>:1:2: error: x\n"),
            b"<FILE>:1:2: error: x\n"
        );
    }

    #[test]
    fn identical_runs_are_identical() {
        let reference = run("a\nb\n", "", 0);
        assert_eq!(judge(&reference, &reference), None);
    }

    #[test]
    fn stderr_is_ignored_when_the_reference_accepts_the_file() {
        assert_eq!(
            judge(&run("a\n", "a warning\n", 0), &run("a\n", "", 0)),
            None
        );
    }

    #[test]
    fn stderr_must_match_when_the_reference_rejects_the_file() {
        let reference = run("", "<FILE>:3:4: error: unindent does not match\n", 1);
        assert_eq!(judge(&reference, &reference), None);
        let pyrs = run("", "<FILE>:3:5: error: unindent does not match\n", 1);
        let difference = judge(&pyrs, &reference).unwrap();
        assert_eq!(
            difference.to_string(),
            "stderr line 1: pyrs \"<FILE>:3:5: error: unindent does not match\" \
             | python3.13 \"<FILE>:3:4: error: unindent does not match\""
        );
    }

    #[test]
    fn a_status_difference_shows_the_first_stderr_difference() {
        let pyrs = run("x\n", "thread 'main' panicked\n", 101);
        let reference = run("x\ny\n", "", 0);
        assert_eq!(
            judge(&pyrs, &reference).unwrap().to_string(),
            "status: pyrs exit 101 | python3.13 exit 0; \
             stderr line 1: pyrs \"thread 'main' panicked\" | python3.13 \"\""
        );
        let silent = run("x\n", "", 1);
        assert_eq!(
            judge(&silent, &reference).unwrap().to_string(),
            "status: pyrs exit 1 | python3.13 exit 0; \
             stdout line 2: pyrs \"\" | python3.13 \"y\""
        );
        let timed_out = Captured {
            status: Status::TimedOut,
            ..run("x\ny\n", "", 0)
        };
        assert_eq!(
            judge(&timed_out, &reference).unwrap().to_string(),
            "status: pyrs timed out | python3.13 exit 0"
        );
    }

    #[test]
    fn the_first_differing_line_is_reported_with_both_sides() {
        let difference = first_difference(Stream::Stdout, b"a\nb\nc\n", b"a\nB\nc\n").unwrap();
        assert_eq!(difference.line, 2);
        assert_eq!(difference.pyrs.as_deref(), Some(&b"b"[..]));
        assert_eq!(difference.reference.as_deref(), Some(&b"B"[..]));
    }

    #[test]
    fn a_shorter_output_ends_first() {
        let difference = first_difference(Stream::Stdout, b"a\n", b"a\nb\n").unwrap();
        assert_eq!(
            difference.to_string(),
            "stdout line 2: pyrs \"\" | python3.13 \"b\""
        );
        let difference = first_difference(Stream::Stdout, b"a\nb", b"a\nb\n").unwrap();
        assert_eq!(
            difference.to_string(),
            "stdout line 3: pyrs <end of output> | python3.13 \"\""
        );
    }

    #[test]
    fn long_lines_are_cut_and_whitespace_shows() {
        let long = "x".repeat(SHOWN_CHARS + 10);
        let difference = first_difference(Stream::Stdout, long.as_bytes(), b"tab\there  ").unwrap();
        let text = difference.to_string();
        assert!(text.contains(&format!("\"{}\"…", "x".repeat(SHOWN_CHARS))));
        assert!(text.ends_with("python3.13 \"tab\\there  \""));
    }
}
