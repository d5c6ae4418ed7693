//! Tab completion at the interactive prompt: as 3.13's REPL, Lib/rlcompleter.py's
//! `Completer` over `__main__`'s namespace gives the names, keywords and attributes
//! (`obj.<TAB>`: the part before the dot a dotted name); after `import` and `from`, module
//! names instead (built-in modules, files and packages on `sys.path`, found without
//! importing anything).

use pyrs_objects::{protocol, str as pystr, Value};

/// Completes words for the line editor.
pub(crate) struct Completer {
    main: Value,
    /// `rlcompleter.Completer(__main__.__dict__).complete`, made on first use.
    complete: std::cell::OnceCell<Option<Value>>,
}

impl Completer {
    pub(crate) fn new(main: Value) -> Completer {
        Completer {
            main,
            complete: std::cell::OnceCell::new(),
        }
    }

    /// The completions of `stem`, sorted; `line` is the text of the line before it.
    pub(crate) fn completions(&self, stem: &str, line: &str) -> Vec<String> {
        let statement = line.trim_start();
        let words: Vec<&str> = statement.split_whitespace().collect();
        let importing = matches!(words.as_slice(), ["import", ..] | ["from"])
            && !statement.trim_end().ends_with(" import");
        if importing {
            return Self::module_names(stem);
        }
        let Some(complete) = self.complete.get_or_init(|| self.rlcompleter()).as_ref() else {
            return Vec::new();
        };
        // `_ReadlineAlikeReader.get_completions`: the completer asked for state 0, 1, ...
        // until it gives something other than a string; an exception ends the list too.
        let mut found = Vec::new();
        let text = pystr::new(stem);
        for state in 0.. {
            let Ok(word) = protocol::call1(
                complete,
                &[text.clone(), pyrs_objects::int::from_i64(state)],
            ) else {
                break;
            };
            match pystr::text_of(&word) {
                Some(word) => found.push(word),
                None => break,
            }
        }
        found.sort();
        found
    }

    fn rlcompleter(&self) -> Option<Value> {
        let module = pyrs_vm::import::import_absolute("rlcompleter").ok()?;
        let class = protocol::getattr_str(&module, "Completer").ok()?;
        let namespace = pyrs_vm::run::main_globals(&self.main);
        let completer = protocol::call1(&class, &[namespace]).ok()?;
        protocol::getattr_str(&completer, "complete").ok()
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
