//! Any bytes, decoded and tokenized in both configurations, and dumped as `python -m tokenize`
//! would print them: an error is fine, a panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyrs_tokenizer::{decode, dump, Config, Tokenizer};

fuzz_target!(|data: &[u8]| {
    let _ = dump::dump_file(data, "fuzz.py");
    let _ = dump::dump_stdin(data);
    if let Ok(source) = decode(data, None) {
        for config in [Config::TOKENIZE_MODULE, Config::PARSER] {
            for token in Tokenizer::new(&source.text, config) {
                if token.is_err() {
                    break;
                }
            }
        }
    }
});
