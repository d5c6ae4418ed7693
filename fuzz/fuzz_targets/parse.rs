//! Any bytes parsed in every mode, and a parsed tree dumped as `python -m ast -a` would print
//! it: a SyntaxError is fine, a panic or a stack overflow is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyrs_parser::{parse_bytes, Mode};

fuzz_target!(|data: &[u8]| {
    for mode in [Mode::Exec, Mode::Eval, Mode::Single, Mode::FuncType] {
        if let Ok(tree) = parse_bytes(data, mode) {
            let _ = pyrs_ast::dump(&tree);
        }
    }
});
