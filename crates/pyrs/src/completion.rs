//! Tab completion and the coloured prompt of the interactive prompt's line editor: names of
//! `__main__` and of builtins, keywords, attributes (`obj.<TAB>`, as Lib/rlcompleter.py:
//! the part before the dot is a dotted name, looked up, never evaluated as an expression),
//! and module names after `import` and `from` (built-in modules, files and packages on
//! `sys.path`, found without importing anything).

use std::borrow::Cow;

use pyrs_objects::dict::DictData;
use pyrs_objects::{protocol, str as pystr, Value};
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::Context;

/// Python's keywords (Lib/keyword.py's `kwlist`) and soft keywords.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "case", "match",
];

/// The line editor's helper: completion and the coloured prompt.
pub(crate) struct Helper {
    main: Value,
    colour: bool,
}

impl Helper {
    pub(crate) fn new(main: Value, colour: bool) -> Helper {
        Helper { main, colour }
    }

    /// The names visible at the prompt: `__main__`'s, then the builtins'.
    fn global_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        let globals = pyrs_vm::run::main_globals(&self.main);
        for dict in [globals, pyrs_vm::builtins::builtins_dict().clone()] {
            if let Some(d) = dict.downcast::<DictData>() {
                names.extend(d.keys().iter().filter_map(pystr::text_of));
            }
        }
        names
    }

    /// The value of a dotted name (`os.path`), looked up in `__main__` and the builtins.
    fn lookup(&self, dotted: &str) -> Option<Value> {
        let mut parts = dotted.split('.');
        let first = pystr::intern(parts.next()?);
        let globals = pyrs_vm::run::main_globals(&self.main);
        let mut value = globals
            .downcast::<DictData>()
            .and_then(|d| d.get_str(&first))
            .or_else(|| {
                pyrs_vm::builtins::builtins_dict()
                    .downcast::<DictData>()
                    .and_then(|d| d.get_str(&first))
            })?;
        for part in parts {
            value = protocol::getattr(&value, &pystr::new(part)).ok()?;
        }
        Some(value)
    }

    /// `dir(value)`.
    fn attributes(value: &Value) -> Vec<String> {
        let Ok(dir) = protocol::getattr_str(pyrs_vm::builtins::builtins_module(), "dir") else {
            return Vec::new();
        };
        protocol::call1(&dir, std::slice::from_ref(value))
            .and_then(|names| protocol::collect(&names))
            .map(|names| names.iter().filter_map(pystr::text_of).collect())
            .unwrap_or_default()
    }

    /// Module names starting with `prefix` (which may be dotted: `os.pa`).
    fn module_names(prefix: &str) -> Vec<String> {
        let (package, start) = match prefix.rfind('.') {
            Some(i) => (&prefix[..i], &prefix[i + 1..]),
            None => ("", prefix),
        };
        let mut names = Vec::new();
        if package.is_empty() {
            if let Some(builtin) = pyrs_vm::sys::get("builtin_module_names") {
                if let Ok(items) = protocol::collect(&builtin) {
                    names.extend(items.iter().filter_map(pystr::text_of));
                }
            }
        }
        let path = pyrs_vm::sys::get("path")
            .and_then(|p| protocol::collect(&p).ok())
            .unwrap_or_default();
        for entry in path.iter().filter_map(pystr::text_of) {
            let mut dir = std::path::PathBuf::from(if entry.is_empty() { "." } else { &entry });
            for part in package.split('.').filter(|p| !p.is_empty()) {
                dir.push(part);
            }
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                if let Some(stem) = name.strip_suffix(".py") {
                    if stem != "__init__" {
                        names.push(stem.to_string());
                    }
                } else if path.join("__init__.py").is_file() {
                    names.push(name);
                }
            }
        }
        let mut names: Vec<String> = names
            .into_iter()
            .filter(|n| n.starts_with(start) && is_identifier(n))
            .map(|n| {
                if package.is_empty() {
                    n
                } else {
                    format!("{package}.{n}")
                }
            })
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Candidates as rustyline's pairs: the whole word shown and inserted.
fn pairs(words: Vec<String>) -> Vec<Pair> {
    words
        .into_iter()
        .map(|w| Pair {
            display: w.clone(),
            replacement: w,
        })
        .collect()
}

impl Completer for Helper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[start..];
        let statement = before[..start]
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .trim_start();
        // `import x`, `from x`, `import a, b`: module names.
        let words: Vec<&str> = statement.split_whitespace().collect();
        let importing = matches!(words.as_slice(), ["import", ..] | ["from"])
            && !statement.trim_end().ends_with(" import");
        if importing {
            return Ok((start, pairs(Self::module_names(word))));
        }
        if let Some(dot) = word.rfind('.') {
            let (object, attr) = (&word[..dot], &word[dot + 1..]);
            let Some(value) = self.lookup(object) else {
                return Ok((start, Vec::new()));
            };
            let mut names: Vec<String> = Self::attributes(&value)
                .into_iter()
                .filter(|n| n.starts_with(attr) && (attr.starts_with('_') || !n.starts_with('_')))
                .collect();
            names.sort();
            names.dedup();
            let words = names
                .into_iter()
                .map(|n| {
                    let callable = protocol::getattr(&value, &pystr::new(&n))
                        .is_ok_and(|v| protocol::is_callable(&v));
                    format!("{object}.{n}{}", if callable { "(" } else { "" })
                })
                .collect();
            return Ok((start, pairs(words)));
        }
        if word.is_empty() {
            return Ok((start, Vec::new()));
        }
        let mut names: Vec<String> = KEYWORDS
            .iter()
            .map(|k| k.to_string())
            .filter(|k| k.starts_with(word))
            .collect();
        let mut globals: Vec<String> = self
            .global_names()
            .into_iter()
            .filter(|n| n.starts_with(word) && (word.starts_with('_') || !n.starts_with("__")))
            .collect();
        globals.sort();
        globals.dedup();
        for name in globals {
            if names.contains(&name) {
                continue;
            }
            let callable = self
                .lookup(&name)
                .is_some_and(|v| protocol::is_callable(&v));
            names.push(if callable { format!("{name}(") } else { name });
        }
        Ok((start, pairs(names)))
    }
}

impl Hinter for Helper {
    type Hint = String;
}

impl Validator for Helper {}

impl Highlighter for Helper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if self.colour {
            // 3.13's prompt colour (Lib/_pyrepl: theme's "prompt", bold magenta).
            Cow::Owned(format!("\x1b[1;35m{prompt}\x1b[0m"))
        } else {
            Cow::Borrowed(prompt)
        }
    }
}

impl rustyline::Helper for Helper {}
