//! pyrs-compiler: the third stage of pyrs, from the syntax tree to scopes and to code
//! objects: CPython 3.13's Python/ast_opt.c, symtable.c, compile.c, flowgraph.c and
//! assemble.c.
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
//! 2. **Symbol table** (src/symtable/). The context errors (`'return' outside function`…)
//!    are raised by the code generator as it meets them, as CPython's are; src/context.rs
//!    finds the same ones without generating code, for tools that stop at the symbol table.
//! 3. **Code generation** (src/codegen/): one instruction sequence per code unit, with labels
//!    and pseudo-instructions (`SETUP_FINALLY`, `POP_BLOCK`, `JUMP`…), a function per node kind
//!    named after compile.c's.
//! 4. **Flow graph** (src/flowgraph.rs): basic blocks, exception handlers per instruction,
//!    jump threading, dead code, constant tricks, `LOAD_FAST_CHECK`, superinstructions,
//!    cold blocks last, line numbers, stack depth, the fast-locals layout; then the
//!    assembler (src/flowgraph/assemble.rs) writes the code units and the location and
//!    exception tables straight from the graph.
//!
//! **Invariants**
//! - Code objects are CPython's, instruction for instruction: over CPython 3.13.0's standard
//!   library, 80346 of its 80347 code objects disassemble exactly as the reference's
//!   (`cargo xtask conformance bytecode`, or examples/bytecode_corpus.rs), every file the
//!   reference compiles compiles (1721), and the 5 it rejects are rejected. The other one is
//!   a `match` in a `try` where CPython's exception table leaves a few threaded jumps
//!   uncovered that pyrs covers (which handler a threaded jump inherits is decided by a rule
//!   of thumb: see `Cfg::jump_thread`).
//! - `co_stacksize`, `co_flags`, `co_qualname`, `co_firstlineno`, the parameter counts and the
//!   fast-locals layout (names, kinds, cells that are parameters, names both cell and free)
//!   are the reference's for every code object of the standard library, and 80325 of 80342
//!   have every instruction's position (lines and columns) identical
//!   (examples/code_attrs_corpus.rs).
//! - Every code object passes `CodeObject::validate`.
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
//! CPython's `compile()` over the same 1726 files, those either side rejects included, in one
//! session on the project's shared 2-core machine; processor time on both sides, and the
//! fastest pass on both sides: criterion's fastest of ten samples, the reference's best of ten
//! passes; the bench uses mimalloc, the `pyrs` binary's allocator). Its figure moves with the
//! machine's load (other builds raise both sides' processor time, not in proportion): 3.51× on
//! a quiet machine before the last round of work; after it, `compile: pyrs 1.531 s, CPython
//! 3.13 6.291 s, ratio 4.11×` with other builds running (load average 7 to 10), 4.00× and 3.83×
//! in two other loaded runs; the target of 5× was not reached then. For before/after
//! comparisons, count instructions instead, which load does not move: `valgrind
//! --tool=callgrind` over a fixed subset of the corpus (every 7th file,
//! compiled once) counted 1,913 M instructions before that round and 1,740 M after (-9%):
//! the assembler encodes the location table as it walks the graph (-4.4%), scopes, code units
//! and constant tables start with room for eight entries (-1.6%), the stack-depth pass
//! inlines the opcode table (-1.7%), the symbol-table analysis sizes its maps up front
//! (-0.8%), and a few passes do less (see docs/compiler-and-bytecode.md). The profile is
//! flat: parsing is about a third of the whole (the LALRPOP driver and its actions, the
//! tokenizer), the flow-graph passes and the assembler a quarter, the symbol table a tenth,
//! the rest code generation, folding and freeing the tree; allocation is about a tenth of
//! the time, more than its instruction count says (mostly the tree's nodes and the flow
//! graph's blocks). Reaching 5× takes work of another kind: identifiers interned once, at
//! tokenization, so that the symbol table and the code generator index by symbol instead
//! of hashing each name's text two or three times (symbol lookup, then `co_names` or
//! `co_varnames`); fewer, fused flow-graph walks over a graph that does not keep a vector
//! per block; and a faster parser driver.
//!
//! A later round measured the compiler alone, on trees parsed beforehand (`PYRS_ONLY=trees` in
//! examples/compile_corpus.rs, the same subset): 1,101.6 M instructions before it and 1,023.8 M
//! after (-7%), with the same code objects byte for byte: passes that walk one block while
//! writing others borrow its instructions once instead of indexing the graph per instruction,
//! `remove_unreachable` reads only the blocks' last instructions in a unit without handlers,
//! the common location-table runs are written directly (`linetable::Encoder::run_raw`), a
//! frozenset literal no longer compares each pair of items through their text, and the tree
//! walks skip their depth bookkeeping at names and constants. Of the 1,024 M: flow graph 338 M,
//! assembler and location table 140 M, code generation 294 M, symbol table 172 M (its analysis
//! 65 M), folding 39 M, context checks 21 M, the shape checks of a given tree 16 M; the
//! hash-map operations on names spread over all of them come to about a seventh. The same
//! levers remain: no single pass stands out.
//!
//! A round on the passes before the flow graph (same subset and measure) took them from 528 M
//! to 448 M instructions (-15%; the flow graph and assembler are counted apart): the code
//! generator interns each name once and keeps its name tables by interned name
//! (`symtable::names::CodeNames`), and each unit remembers per symbol its index in
//! `co_names` and `co_varnames`; the symbol-table analysis lends its sets to child scopes
//! instead of copying them and keeps each name's scope by symbol position (58 M -> 27 M);
//! code units reuse the name sets of finished ones; the constant table finds `None`,
//! `False` and `True` without hashing; the symbol table as a whole went from 162 M to 122 M,
//! code generation from 286 M to 248 M. In the same round the flow graph and assembler lost
//! about 11% (the assembler walks the graph once and lays out a unit of at most 256
//! instructions in one pass, passes go straight to the instructions they can change, a unit
//! without jumps skips the jump passes, stack effects come from a table), the parser about
//! 9% (docs/ast-and-parser.md), and the allocator is entered through mimalloc's plain
//! functions (pyrs-alloc, -2.4%). The whole pipeline over the subset went from 1,585.7 M to
//! 1,402.0 M instructions, and `cargo xtask bench compile` on a quiet machine read
//! `compile: pyrs 1.187 s, CPython 3.13 5.290 s, ratio 4.46×` (4.23× before the round).
//! 5× was still not reached then.
//!
//! The round after that brought it to about 5×, not reliably above it. Over the same subset,
//! `compile()` went from 1,338.7 M to 1,242.2 M instructions (-7.2%), but the time fell more
//! than the count: the parser runs its own parse loop over LALRPOP's tables
//! (crates/pyrs-parser/src/driver.rs), which writes each shifted token's stack entry in its
//! slot instead of building it in a temporary and copying it, and keeps the lexer's token in
//! registers; both removed stores read back at once in wider pieces, which stalled the
//! processor (parse_text 495.0 M -> 454.9 M instructions, the parse about 18% less time). The
//! code generator alone raises the errors the context-check walk looked for, so that walk no
//! longer runs (-21 M, -1.5%; tests/context_in_codegen.rs holds the equivalence over generated
//! snippets); the name table keeps its texts in one string; code units reuse the instruction
//! sequences and flow-graph buffers of finished ones (mallocs over the subset 1,299 K -> 1,175
//! K); the symbol table's analysis skips the sets a scope without children would hand down
//! (symbol table 119.7 M -> 107.0 M); several flow-graph passes do less (flow graph and
//! assembler 387.6 M -> 373.9 M). Code objects are identical byte for byte. On a quiet machine
//! `cargo xtask bench compile` read `compile: pyrs 1.085 s, CPython 3.13 6.128 s, ratio 5.65×`,
//! then 5.70× and 5.41× with the reference timing its best of three passes; once the reference
//! times as many passes as criterion takes samples (ten; see xtask/src/bench.rs), three runs
//! read 5.39× (`compile: pyrs 1.114 s, CPython 3.13 6.006 s`), 5.17× (1.173 s, 6.069 s) and
//! 4.86× (`compile: pyrs 1.141 s, CPython 3.13 5.546 s, ratio 4.86×`). Both sides move from run
//! to run on the shared host (pyrs 1.085 to 1.173 s, the reference 5.55 to 6.43 s; it read 5.29
//! s in the session before), so the ratio straddles 5×: the target is met in most runs, not in
//! every one. By the pyrs figure alone the pipeline is about 6% faster than in the round
//! before. The profile is flatter still: the flow graph and assembler are the largest part
//! (about 30% of instructions; a graph over one instruction array with blocks as ranges is the
//! change of kind left there), then the parser (its action-table reads and reductions), then
//! allocation, nearly all of it the tree's nodes.
//!
//! The round after that took the pyrs side from about 1.12 s to about 1.01-1.03 s. Over the
//! same subset, `compile()` went from 1,242.1 M to 1,191.1 M instructions (-4.1%) and made
//! about 190 K fewer allocations (945 K `mi_malloc` calls left): code objects hold their names
//! as [`pyrs_ast::Identifier`]s, which keep names of up to 22 bytes inline, so handing a unit's
//! names to its code object allocates nothing (-134 K allocations); the code generator builds
//! each unit's fast locals from its interned name sets and reuses whole finished units; the
//! constant table compares up to eight constants one by one before it hashes; the symbol table
//! keeps a scope's parameters and children as runs of shared vectors; the flow graph keeps one
//! instruction array per unit with each block a range of it (about 1% of the flow graph's time,
//! not the hoped-for third: a unit averages 53 instructions and its graph was already in
//! cache); the assembler answers its questions about an opcode from one table and compares
//! locations in one branch (assembler 125.8 M -> 106.9 M; flow graph and assembler together
//! 373.9 M -> 356.7 M); the parser calls the generated reductions through a table, reads a
//! packed goto table, finds a name's end eight bytes at a time and boxes its two largest stack
//! payloads (`parse_text` 454.9 M -> 434.5 M, about 6% less parse time); the symbol table 107.0
//! M -> 106.1 M. Code objects are identical byte for byte. On a quiet machine `cargo xtask
//! bench compile` read, in nine runs: 5.31× (`compile: pyrs 1.010 s, CPython 3.13 5.359 s`),
//! 5.64×, 4.99× (`compile: pyrs 1.011 s, CPython 3.13 5.043 s`), 5.26×, 5.91× (`compile: pyrs
//! 1.036 s, CPython 3.13 6.121 s`), 5.57×, 5.78×, 5.75×, 5.70× (`compile: pyrs 1.052 s, CPython
//! 3.13 5.998 s`); median 5.64×. The reference's best of ten ranged from 5.04 to 6.12 s across
//! those runs while pyrs stayed between 1.006 and 1.100 s, so 5× is met in eight runs of nine
//! and missed by a hair in the ninth, when the reference read faster than it ever had: the
//! margin is not yet robust. What is left is flat again: hashing each name's text twice (the
//! symbol table's and the code generator's interning, about 3% of the time; an interned number
//! carried by the tree's names would remove one), the flow graph's pass count (each ~1-2%),
//! `from_seq` (1.8%: the code generator could hand over blocks), a symbol map allocated per
//! scope, and the tree's allocation.
//!
//! The round after that made the margin hold. Over the same subset `compile()` went from
//! 1,191.1 M to 1,089.6 M instructions (-8.5%), code objects identical byte for byte: the
//! parser keeps each token in registers from the tokenizer to its loop and the state on top of
//! its stack in a local (`parse_text` 434.5 M -> 404.6 M; docs/ast-and-parser.md); a name
//! (`symtable::names::Name`) carries its text's hash, so the symbol table and the code
//! generator find a name node's symbol among the scope's symbols by its text in one probe
//! instead of interning it first (symbol table 106.1 M -> 90.8 M); the constant table keeps
//! its hashes and is searched with the tree's literal by reference, copying a string only when
//! it is new; the flow graph is built on the code generator's own instruction array, and
//! several passes do nothing where the unit gives them nothing to do (`add_checks_for_loads`
//! follows only the blocks reached from the entry in a unit where nothing unbinds a local,
//! the NOP-and-jump removal after a NOP removal looks only at blocks that end in a NOP;
//! `flowgraph::assemble` 356.7 M -> 320.6 M); constant folding tests a leaf in the walk
//! instead of calling itself on it (40.8 M -> 33.1 M). On a quiet machine eight runs of
//! `cargo xtask bench compile` read 6.00×, 6.01×, 5.73×, 5.13× (`compile: pyrs 0.989 s,
//! CPython 3.13 5.070 s`), 6.36×, 6.49× (`compile: pyrs 0.986 s, CPython 3.13 6.404 s`), 5.86×
//! and 6.24×: pyrs 0.941 to 1.014 s, the reference 5.07 to 6.40 s, median 6.0×, every run
//! above 5×. Against the fastest figure the reference has printed in any session (5.04 s),
//! pyrs's usual 0.94-0.99 s gives 5.1-5.4×, and its slowest run here (1.014 s) 4.97×: the
//! margin is a few percent when the reference runs at its fastest. What is
//! left, each about 1%: the assembler (about a third of the flow graph's instructions; a unit
//! of more than 256 instructions costs about 215 a bytecode instruction against 152 on the
//! short path), the tokenizer's fast path (about 70 instructions a token), Vec growth by
//! `realloc` across the passes (about 52 K over the subset), and the tree's allocation.
//!
//! **Not here**: no execution, no `.pyc` (marshal) output, no warnings (CPython's
//! `SyntaxWarning`s for `is` with a literal, `assert (x, y)`…, are not emitted), no
//! full validation of hand-built trees (CPython's `PyAST_Validate`): [`compile_tree`] checks
//! the shapes the passes rely on (a `Compare` with operators, a `Dict` with as many keys as
//! values, a `match` with cases…) and refuses the others, but a tree with, say, a `Store`
//! context where Python has none compiles to what the nodes say. Frozensets of non-integer
//! constants keep source order (CPython's depends on its string hashes).
//!
//! **Dependencies**: pyrs-ast (the tree), pyrs-parser (its `SyntaxError` is the error type of
//! the whole front end), pyrs-bytecode (the instruction set, `CodeObject`, the table
//! encoders, `dis`), indexmap (insertion-ordered maps, as CPython's dicts are), hashbrown (its
//! `HashTable` keeps a code unit's constants deduplicated by index, so a constant is neither
//! cloned as a key nor stored twice; indexmap already depends on it). The maps of names hash
//! with a small Fx-style hasher written in src/consts.rs, not SipHash: their keys are short
//! identifiers and interned ids, and resistance to collisions buys nothing here.

mod ast_opt;
mod codegen;
mod compile;
mod consts;
pub mod context;
mod flowgraph;
mod messages;
mod stack;
pub mod symtable;
mod validate;

pub use codegen::warn::Warning;
pub use compile::{compile, compile_tree, compile_with_warnings, dump_file, Source};
pub use pyrs_parser::Mode;
