//! The cache of reference outputs: the reference runs once per file content, not once per run.
//!
//! An entry lives in `target/conformance-cache/<stage>/<key>`, where the key is a hash of
//! everything the reference's output depends on: the cache format, the interpreter's
//! `sys.version`, the stage's reference arguments and the file's bytes. The file's path is not
//! part of it, so outputs are stored with the path already replaced by a placeholder.
//! The hash is 64-bit FNV-1a, written here because std's `DefaultHasher` may change between
//! Rust releases and the cache must outlive them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::process::{Captured, Status};

/// Changes whenever the meaning or layout of an entry changes, so old entries are not read.
const FORMAT: &str = "pyrs-conformance-cache 1";

/// 64-bit FNV-1a over a sequence of byte strings, each followed by a 0xff separator byte
/// (which never occurs in UTF-8 text) so that `["ab", "c"]` and `["a", "bc"]` differ.
pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// The directory of one stage's cache entries.
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of `stage` under `target_dir`, created if missing.
    pub(crate) fn open(target_dir: &Path, stage: &str) -> Result<Cache> {
        let dir = target_dir.join("conformance-cache").join(stage);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Cache { dir })
    }

    /// The key of a file's reference output.
    pub(crate) fn key(version: &str, reference_args: &[&str], contents: &[u8]) -> u64 {
        let mut parts: Vec<&[u8]> = vec![FORMAT.as_bytes(), version.as_bytes()];
        parts.extend(reference_args.iter().map(|arg| arg.as_bytes()));
        parts.push(contents);
        fnv1a(&parts)
    }

    /// The stored output for `key`, if there is a readable one.
    pub(crate) fn load(&self, key: u64) -> Option<Captured> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        decode(&bytes)
    }

    /// Stores the output for `key`; written to a temporary name first, then renamed, so a
    /// concurrent or interrupted run never sees half an entry.
    pub(crate) fn store(&self, key: u64, captured: &Captured) -> Result<()> {
        let path = self.path(key);
        let temporary = self.dir.join(format!(
            "{key:016x}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&temporary, encode(captured))
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        std::fs::rename(&temporary, &path)
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Where the entries are.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: u64) -> PathBuf {
        self.dir.join(format!("{key:016x}"))
    }
}

/// Serialises an entry: a header line, the status line, then each stream as a
/// `stdout LEN` / `stderr LEN` line followed by exactly LEN bytes and a newline.
fn encode(captured: &Captured) -> Vec<u8> {
    let status = match captured.status {
        Status::Exit(code) => format!("exit {code}"),
        Status::Signal(signal) => format!("signal {signal}"),
        Status::TimedOut => "timeout 0".to_string(),
    };
    let mut out = format!("{FORMAT}\nstatus {status}\n").into_bytes();
    for (name, bytes) in [("stdout", &captured.stdout), ("stderr", &captured.stderr)] {
        out.extend_from_slice(format!("{name} {}\n", bytes.len()).as_bytes());
        out.extend_from_slice(bytes);
        out.push(b'\n');
    }
    out
}

/// Reads back what [`encode`] wrote; `None` for anything else.
fn decode(bytes: &[u8]) -> Option<Captured> {
    let mut rest = bytes;
    let mut line = || -> Option<&str> {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let text = std::str::from_utf8(&rest[..end]).ok()?;
        rest = &rest[end + 1..];
        Some(text)
    };
    if line()? != FORMAT {
        return None;
    }
    let (kind, number) = line()?.strip_prefix("status ")?.split_once(' ')?;
    let number: i32 = number.parse().ok()?;
    let status = match kind {
        "exit" => Status::Exit(number),
        "signal" => Status::Signal(number),
        "timeout" => Status::TimedOut,
        _ => return None,
    };
    let mut streams = Vec::new();
    for name in ["stdout", "stderr"] {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&rest[..end]).ok()?;
        let len: usize = header.strip_prefix(name)?.strip_prefix(' ')?.parse().ok()?;
        let body = rest.get(end + 1..)?;
        if body.len() <= len || body[len] != b'\n' {
            return None;
        }
        streams.push(body[..len].to_vec());
        rest = &body[len + 1..];
    }
    if !rest.is_empty() {
        return None;
    }
    let stderr = streams.pop()?;
    let stdout = streams.pop()?;
    Some(Captured {
        stdout,
        stderr,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // FNV-1a 64 of "" and "a" without the separator, from the FNV reference test suite.
        let plain = |bytes: &[u8]| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in bytes {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            hash
        };
        assert_eq!(plain(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(plain(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(plain(b"foobar"), 0x8594_4171_f739_67e8);
        // Our hash is the same function over the parts with a separator after each.
        assert_eq!(fnv1a(&[b"a"]), plain(b"a\xff"));
        assert_eq!(fnv1a(&[b"foo", b"bar"]), plain(b"foo\xffbar\xff"));
    }

    #[test]
    fn parts_are_not_confused_with_each_other() {
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
        assert_ne!(fnv1a(&[b"", b"x"]), fnv1a(&[b"x", b""]));
    }

    #[test]
    fn keys_depend_on_version_arguments_and_contents() {
        let key = Cache::key("3.13.0 (main)", &["-m", "tokenize"], b"x = 1\n");
        assert_eq!(
            key,
            Cache::key("3.13.0 (main)", &["-m", "tokenize"], b"x = 1\n")
        );
        assert_ne!(
            key,
            Cache::key("3.13.1 (main)", &["-m", "tokenize"], b"x = 1\n")
        );
        assert_ne!(key, Cache::key("3.13.0 (main)", &["-m", "ast"], b"x = 1\n"));
        assert_ne!(
            key,
            Cache::key("3.13.0 (main)", &["-m", "tokenize"], b"x = 2\n")
        );
    }

    #[test]
    fn entries_round_trip() {
        for captured in [
            Captured {
                stdout: b"1,0-1,1: NAME 'x'\n".to_vec(),
                stderr: Vec::new(),
                status: Status::Exit(0),
            },
            Captured {
                stdout: b"no final newline\n\nstdout 3\n".to_vec(),
                stderr: b"<FILE>:2:7: error: unterminated string literal\n".to_vec(),
                status: Status::Exit(1),
            },
            Captured {
                stdout: vec![0, 255, b'\n'],
                stderr: b"\n".to_vec(),
                status: Status::Signal(11),
            },
        ] {
            assert_eq!(decode(&encode(&captured)), Some(captured));
        }
    }

    #[test]
    fn damaged_entries_are_not_read() {
        let entry = encode(&Captured {
            stdout: b"abc".to_vec(),
            stderr: b"def".to_vec(),
            status: Status::Exit(0),
        });
        for end in 0..entry.len() {
            assert_eq!(decode(&entry[..end]), None, "truncated at {end}");
        }
        let mut longer = entry.clone();
        longer.push(b'x');
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(b"pyrs-conformance-cache 0\nstatus exit 0\n"), None);
    }
}
