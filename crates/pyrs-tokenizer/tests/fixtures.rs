//! The fixture suite: every `.py` file under `tests/tokenizer/ok` and `tests/tokenizer/err` is
//! dumped as `pyrs --dump tokens` dumps it and compared with the snapshot beside it, which
//! `cargo xtask bless tokens` records by running `python3.13 -m tokenize` on the same file.

use pyrs_tokenizer::dump::{dump_file, Dump};
use std::path::{Path, PathBuf};

/// What a snapshot holds: standard output, then standard error under a marker when the
/// reference rejected the file.
fn render(dump: &Dump) -> String {
    match &dump.stderr {
        None => dump.stdout.clone(),
        Some(err) => format!("{}--- stderr ---\n{err}", dump.stdout),
    }
}

fn fixtures(dir: &str) -> (PathBuf, Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/tokenizer")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", root.display());
    (root, files)
}

/// Checks every fixture of `dir`; `rejected` says whether the reference rejects them all.
fn check(dir: &str, rejected: bool) {
    let (root, files) = fixtures(dir);
    for path in files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 fixture name");
        let file_name = path
            .file_name()
            .and_then(|s| s.to_str())
            .expect("UTF-8 fixture name");
        let bytes = std::fs::read(&path).expect("fixture is readable");
        let dump = dump_file(&bytes, file_name);
        assert_eq!(
            dump.stderr.is_some(),
            rejected,
            "{file_name}: expected it to be {}",
            if rejected { "rejected" } else { "accepted" }
        );
        insta::with_settings!({
            snapshot_path => root.clone(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, render(&dump));
        });
    }
}

#[test]
fn accepted_sources_tokenize_as_the_reference_does() {
    check("ok", false);
}

#[test]
fn rejected_sources_fail_as_the_reference_does() {
    check("err", true);
}
