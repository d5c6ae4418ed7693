//! CPython 3.13's instruction set and code objects: the data the compiler writes and the VM
//! runs.
//!
//! **Input**: nothing to read. pyrs-compiler builds code objects with [`CodeBuilder`]; the VM
//! (pyrs-vm) executes them; [`CodeObject::from_bytes`] reads them back from the crate's own
//! serialised form.
//! **Output**: the types and their facts — [`Opcode`] with every instruction's number,
//! operand, stack effect, inline cache and specialization family; [`CodeObject`] with
//! CPython's attributes, its location table ([`linetable`]) and exception table
//! ([`exception_table`]); [`CodeObject::to_bytes`]; and [`dis`], a disassembler whose output
//! is `python3.13 -m dis`'s, character for character.
//!
//! # The instruction set
//! [`Opcode`] numbers instructions exactly as CPython 3.13 does (`opcode.opmap`, the
//! specialized instructions of PEP 659 from 150, the instrumented ones from 236, the
//! compiler's pseudo-instructions from 256), so a listing reads like `dis` output and the VM
//! can specialise an instruction in place by rewriting its opcode byte. One table,
//! src/opcode/table.rs, states every fact about every instruction once; the enum and all its
//! methods are generated from it by a macro, and tests/opcodes.rs checks the table against
//! what gen/record_reference.py recorded from the reference interpreter
//! (tests/data/opcodes.json).
//!
//! ```
//! use pyrs_bytecode::{Opcode, OperandKind};
//!
//! let op = Opcode::from_name("LOAD_GLOBAL").unwrap();
//! assert_eq!(op.number(), 91);
//! assert_eq!(op.operand(), OperandKind::GlobalName);
//! assert_eq!(op.cache_entries(), 4);
//! assert_eq!(op.specializations(), [Opcode::LOAD_GLOBAL_MODULE, Opcode::LOAD_GLOBAL_BUILTIN]);
//! assert_eq!(Opcode::LOAD_GLOBAL_MODULE.deopt(), op);
//! let effect = op.stack_effect(1).unwrap(); // oparg 1: also push NULL
//! assert_eq!((effect.popped, effect.pushed), (0, 2));
//! ```
//!
//! # Code objects
//! A [`CodeObject`] holds what Python code sees of CPython's (`co_argcount` … `co_qualname`,
//! 3.13's fast-locals layout with kinds, `co_code` as 16-bit [`CodeUnit`]s with room for the
//! inline caches, `co_linetable`, `co_exceptiontable`), and decodes the tables:
//! [`CodeObject::positions`] is `co_positions()`, [`CodeObject::lines`] is `co_lines()`,
//! [`CodeObject::exception_entries`] is what `dis` prints under `ExceptionTable:`. Its
//! constants are [`Constant`]s: the literals of the syntax tree, big [`Int`]s, tuples,
//! frozensets and nested code objects.
//!
//! # Invariants
//! - Opcode numbers, names, flags, stack effects and cache sizes are CPython 3.13.0's; so are
//!   the encodings of the location and exception tables, byte for byte (tests rebuild the
//!   reference's code objects from their instructions and compare the bytes).
//! - Code objects made by [`CodeBuilder::finish`] and [`CodeObject::from_bytes`] pass
//!   [`CodeObject::validate`]: every opcode is real, opargs index inside their tables, jumps
//!   and handlers land inside the code. Walking, disassembling or decoding any code object,
//!   valid or not, never panics; neither does [`CodeObject::from_bytes`] on any input, which
//!   also bounds how deeply constants and code objects nest (a hand-built object nested
//!   thousands deep is recursed into as deep by `repr`, `==` and `drop`).
//! - Every cache unit of compiled code is zero, as in `co_code`.
//!
//! # What it does not do
//! It does not compile (no symbol tables, no flow-graph optimisation, no decision of which
//! handler covers an instruction: pyrs-compiler does that and hands over the final sequence)
//! and it does not execute (pyrs-vm). Its serialised form is its own, not CPython's
//! marshal/`.pyc` format. Python objects are not modelled here: constants are plain data the
//! VM turns into objects.
//!
//! # Dependencies
//! One: pyrs-ast, the syntax tree's data crate, for four things the project keeps in one
//! place — [`pyrs_ast::StrValue`], the `str` value with lone surrogates that AST constants
//! already use (so the compiler moves string literals into `co_consts` without conversion);
//! [`pyrs_ast::Identifier`], the name type that keeps short names inline, which code objects
//! use for their names (so that the compiler fills `co_names` and the fast locals without
//! an allocation per name); [`pyrs_ast::repr`], the project's one implementation of Python's
//! `repr()` of `str`, `bytes`, `float` and `complex`, which the disassembler prints; and
//! [`pyrs_ast::Location`], which converts into [`Positions`]. pyrs-ast depends only on
//! pyrs-tokenizer, so this keeps the crate before the compiler in the pipeline. Its `Int`
//! cannot hold the negative big integers constant folding makes, hence this crate's own
//! [`Int`], which converts from it.

pub mod builder;
mod code;
mod constant;
pub mod dis;
pub mod exception_table;
pub mod linetable;
pub mod oparg;
mod opcode;
pub mod serialize;

pub use builder::{BuildError, CodeBuilder, Handler, Label};
pub use code::{
    CodeError, CodeFlags, CodeObject, CodeUnit, Instruction, Instructions, LocalKind, LocalVar,
};
pub use constant::{Constant, Int};
pub use exception_table::ExceptionTableEntry;
pub use linetable::{LineRange, Positions};
pub use opcode::{
    CacheField, Flow, Opcode, OpcodeFlags, OperandKind, StackEffect, HAVE_ARGUMENT,
    MIN_INSTRUMENTED_OPCODE, MIN_PSEUDO_OPCODE,
};
pub use pyrs_ast::Identifier;
pub use serialize::DecodeError;
