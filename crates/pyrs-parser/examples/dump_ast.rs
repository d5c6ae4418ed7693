//! Prints what `pyrs_parser::dump_file` makes of a file (`-` for standard input): the tree as
//! `python3.13 -m ast -a` prints it, or the error.
//!
//! ```text
//! cargo run -p pyrs-parser --example dump_ast -- FILE
//! ```

use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).expect("stdin");
    } else {
        bytes = std::fs::read(&path).expect("readable file");
    }
    let out = pyrs_parser::dump_file(&bytes, &path);
    print!("{}", out.stdout);
    if let Some(err) = out.stderr {
        eprint!("{err}");
        std::process::exit(1);
    }
}
