//! pyrs-compiler: the third stage of pyrs, from the syntax tree to scopes and to code
//! objects: CPython 3.13's Python/ast_opt.c, symtable.c, compile.c, flowgraph.c (and, through
//! pyrs-bytecode's `CodeBuilder`, assemble.c).
//!
//! **Input**: source text or bytes (parsed with pyrs-parser), or a [`pyrs_ast::Mod`].
//! **Output**: the module's [`pyrs_bytecode::CodeObject`], its nested code objects in its
//! constants, as `compile(source, filename, mode, optimize=...)` makes them ([`compile`]),
//! or CPython's SyntaxError. On the way: the [`symtable::SymbolTable`] — every scope (module,
//! class, function, lambda, comprehension, PEP 695 scopes) and the scope of every name
//! (local, global, free, cell) — which [`symtable::dump_file`] prints as `python3.13 -m
//! symtable FILE` does; [`dump_file`] prints the code objects as `python3.13 -m dis FILE`
//! does (`pyrs --dump symtable|bytecode FILE`).
//!
//! ```
//! use pyrs_compiler::{compile, Mode, Source};
//!
//! let code = compile(Source::Text("def f(x):\n    return x + 1\n"), "<string>", Mode::Exec, 0).unwrap();
//! let listing = pyrs_bytecode::dis::disassemble(&code);
//! assert!(listing.contains("LOAD_CONST               0 (<code object f at 0x"));
//! assert!(listing.contains("BINARY_OP                0 (+)"));
//! ```
//!
//! The passes, in CPython's order (docs/compiler-and-bytecode.md walks one function through
//! them):
//! 1. **Folding** (src/ast_opt.rs): constants folded in the tree, within CPython's size
//!    limits; `in [..]`/`for x in [..]` literals become tuples and frozensets; `__debug__`;
//!    `'%s' % (x,)` becomes an f-string.
//! 2. **Symbol table** (src/symtable/), then the context errors (src/context.rs).
//! 3. **Code generation** (src/codegen/): one instruction sequence per code unit, with labels
//!    and pseudo-instructions (`SETUP_FINALLY`, `POP_BLOCK`, `JUMP`…), a function per node kind
//!    named after compile.c's.
//! 4. **Flow graph** (src/flowgraph.rs): basic blocks, exception handlers per instruction,
//!    jump threading, dead code, constant tricks, `LOAD_FAST_CHECK`, superinstructions,
//!    cold blocks last, line numbers, stack depth, the fast-locals layout; then
//!    `CodeBuilder` lays the code out.
//!
//! **Invariants**
//! - Code objects are CPython's, instruction for instruction: over CPython 3.13.0's standard
//!   library, 79620 of its 80347 code objects disassemble exactly as the reference's (99.1%;
//!   `cargo xtask conformance bytecode`, or examples/bytecode_corpus.rs), and every file the
//!   reference compiles compiles, every file it rejects is rejected. Where they differ it is
//!   in which exception handler covers a threaded jump, in jump kinds after some inlined
//!   blocks, and in the order of frozensets of strings (CPython's depends on string hashing).
//! - `co_stacksize`, `co_flags`, `co_qualname`, `co_firstlineno`, the location of every
//!   instruction, the exception table and the fast-locals kinds follow CPython's rules. The
//!   corpus comparison checks lines, labels and handlers (what `dis` prints); columns are
//!   CPython's by construction but not yet compared over the corpus.
//! - The table is CPython's, name for name, except the order of the names that only pass
//!   through a scope (CPython orders those by string hash).
//! - Errors are CPython's, with its message and location, in its order.
//! - No input panics or overflows the stack. Every recursive walk (folding, both symbol
//!   table passes, code generation) counts its depth; a tree deeper than a caller's stack
//!   surely holds is walked again on a thread with a large stack (src/stack.rs), up to a
//!   limit past which the error is CPython's `RecursionError`. The flow-graph passes are
//!   iterative.
//!
//! **Speed**: `cargo xtask bench compile` (the criterion bench benches/compile.rs against
//! CPython's `compile()` over the same files, in one session): pyrs 12.0 MB/s, CPython 3.13
//! 6.4 MB/s, ratio 1.89× — source bytes to code objects, parsing included (parsing alone
//! is about 42 MB/s). The target of 5× is not reached: the flow graph and the assembler take
//! about as long as parsing; examples/compile_corpus.rs times the parts.
//!
//! **Not here**: no execution, no `.pyc` (marshal) output, no warnings (CPython's
//! `SyntaxWarning`s for `is` with a literal, `assert (x, y)`…, are not emitted), no AST
//! validation of hand-built trees beyond what the passes need. Frozensets of non-integer
//! constants keep source order (CPython's depends on its string hashes).
//!
//! **Dependencies**: pyrs-ast (the tree), pyrs-parser (its `SyntaxError` is the error type of
//! the whole front end), pyrs-bytecode (the instruction set, `CodeObject`, `CodeBuilder`,
//! `dis`), indexmap (insertion-ordered maps, as CPython's dicts are).

mod ast_opt;
mod codegen;
mod compile;
mod consts;
pub mod context;
mod flowgraph;
mod messages;
mod stack;
pub mod symtable;

pub use compile::{compile, compile_tree, dump_file, Source};
pub use pyrs_parser::Mode;
