//! Generates the LALR(1) parser from src/grammar.lalrpop into OUT_DIR at build time, and puts
//! the crate's own parse loop (src/driver.rs) inside the generated module, next to the tables
//! and reductions it drives (which LALRPOP keeps private to that module).

use std::path::PathBuf;

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar must generate");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = out.join("grammar.rs");
    let generated = std::fs::read_to_string(&path).expect("LALRPOP wrote grammar.rs");
    const MODULE: &str = "mod __parse__Top {\n";
    let driver = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("src/driver.rs");
    let include = format!(
        "    #[path = {:?}]\n    pub(crate) mod driver;\n",
        driver.display().to_string()
    );
    if generated.contains("pub(crate) mod driver;") {
        // Patched by an earlier run (LALRPOP leaves an up-to-date file alone).
        return;
    }
    let at = generated
        .find(MODULE)
        .expect("LALRPOP's generated parser has its `__parse__Top` module")
        + MODULE.len();
    let patched = format!(
        "{}{include}{}\npub(crate) use self::__parse__Top::driver::drive;\n",
        &generated[..at],
        &generated[at..]
    );
    std::fs::write(&path, patched).expect("grammar.rs is writable");
}
