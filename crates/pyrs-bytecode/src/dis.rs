//! The disassembler: a code object printed exactly as CPython 3.13's `dis` prints it
//! (`python3.13 -m dis FILE`, `dis.dis(code)`), decision by decision after Lib/dis.py.
//!
//! Columns, left to right: the line number where a line starts (`--` for code without one),
//! the label of a jump target or exception-table boundary (`L1:`), the byte offset (with
//! [`DisOptions::show_offsets`]), the instruction name, the oparg, and in parentheses what the
//! oparg means. After the instructions comes the exception table, then each nested code
//! object under a `Disassembly of <code object …>:` header.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::code::{CodeObject, Instruction};
use crate::constant::Constant;
use crate::oparg::{BinaryOp, ComparisonOp, Conversion, FunctionAttribute, Intrinsic1, Intrinsic2};
use crate::opcode::{Opcode, OperandKind};

/// What the disassembly shows, as `dis.dis`'s keyword arguments and `python3.13 -m dis`'s
/// options say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DisOptions {
    /// Show each inline cache unit as a `CACHE` line (`-C`, `show_caches=True`).
    pub show_caches: bool,
    /// Show byte offsets (`-O`, `show_offsets=True`).
    pub show_offsets: bool,
    /// How many levels of nested code objects to show after this one; `None` for all
    /// (`depth=None`).
    pub depth: Option<usize>,
}

const OPNAME_WIDTH: usize = 20;
const OPARG_WIDTH: usize = 5;
const NO_LINENO: &str = "  --";

/// The disassembly of `code` and every code object nested in it, as
/// `python3.13 -m dis FILE` prints a module's code object.
///
/// ```
/// use pyrs_bytecode::{dis, CodeBuilder, Constant, Opcode, Positions};
///
/// let mut b = CodeBuilder::new("<module>", "<module>", "example.py", 1);
/// b.set_location(Positions::new(0, 1, 0, 0));
/// b.emit(Opcode::RESUME, 0);
/// b.set_location(Positions::new(1, 1, 0, 1));
/// let none = b.add_const(Constant::None);
/// b.emit(Opcode::RETURN_CONST, none);
/// let code = b.finish().unwrap();
/// let text = dis::disassemble(&code);
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines.len(), 3); // a blank line before each new source line
/// assert!(lines[0].trim_start().starts_with("0 "));
/// assert!(lines[2].ends_with("RETURN_CONST             0 (None)"));
/// ```
pub fn disassemble(code: &CodeObject) -> String {
    disassemble_with(code, &DisOptions::default())
}

/// The disassembly of `code` with the given options.
pub fn disassemble_with(code: &CodeObject, options: &DisOptions) -> String {
    let mut out = String::new();
    write_recursive(&mut out, code, options, options.depth);
    out
}

fn write_recursive(
    out: &mut String,
    code: &CodeObject,
    options: &DisOptions,
    depth: Option<usize>,
) {
    write_code(out, code, options);
    if depth == Some(0) {
        return;
    }
    let depth = depth.map(|d| d - 1);
    for constant in &code.consts {
        if let Constant::Code(nested) = constant {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", nested.repr());
            write_recursive(out, nested, options, depth);
        }
    }
}

/// The first code unit of each line, and its line (`dis.findlinestarts`).
fn line_starts(code: &CodeObject) -> Vec<(u32, Option<u32>)> {
    let mut starts = Vec::new();
    let mut last: Option<Option<u32>> = None;
    for range in code.lines() {
        if last != Some(range.line) {
            last = Some(range.line);
            starts.push((range.start, range.line));
        }
    }
    starts
}

/// The width of the line-number column (`dis._get_lineno_width`): 0 when no instruction has
/// a line (line 0 counting as none), else at least 3, and 4 when `--` must fit.
fn lineno_width(starts: &[(u32, Option<u32>)]) -> usize {
    let max = starts
        .iter()
        .filter_map(|&(_, l)| l)
        .filter(|&l| l != 0)
        .max();
    let Some(max) = max else {
        return 0;
    };
    let width = max.to_string().len().max(3);
    if width < NO_LINENO.len() && starts.iter().any(|&(_, l)| l.is_none()) {
        NO_LINENO.len()
    } else {
        width
    }
}

fn write_code(out: &mut String, code: &CodeObject, options: &DisOptions) {
    let starts = line_starts(code);
    let exceptions: Vec<_> = code.exception_entries().collect();
    let mut labels = BTreeSet::new();
    for ins in code.instructions() {
        if let Some(target) = ins.jump_target() {
            labels.insert(target);
        }
    }
    for e in &exceptions {
        labels.extend([e.start, e.end, e.target]);
    }
    let labels: Vec<u32> = labels.into_iter().collect();
    let label_of = |offset: u32| labels.binary_search(&offset).ok().map(|i| i + 1);
    let formatter = Formatter {
        lineno_width: lineno_width(&starts),
        offset_width: if options.show_offsets {
            (code.code.len() * 2)
                .saturating_sub(2)
                .max(9999)
                .to_string()
                .len()
        } else {
            0
        },
        label_width: 4 + labels.len().to_string().len(),
    };

    let mut line = None;
    for ins in code.instructions() {
        let starts_line = match starts.binary_search_by_key(&ins.offset, |&(o, _)| o) {
            Ok(i) => {
                line = starts[i].1;
                true
            }
            Err(_) => false,
        };
        let op = ins.opcode();
        let deopt = op.map(Opcode::deopt);
        let name = match op {
            Some(op) => op.name().to_owned(),
            None => format!("<{}>", ins.byte),
        };
        let has_arg = deopt.is_some_and(Opcode::has_arg);
        let argrepr = match deopt {
            Some(deopt) if has_arg => argrepr(code, deopt, &ins, &label_of),
            _ => String::new(),
        };
        formatter.line(
            out,
            Line {
                starts_line,
                line,
                label: label_of(ins.offset),
                offset: ins.offset,
                name: &name,
                arg: has_arg.then_some(ins.oparg),
                argrepr: &argrepr,
            },
        );
        if options.show_caches {
            let mut unit = ins.offset + 1;
            for field in deopt.map_or(&[][..], Opcode::cache_format) {
                let mut value: u64 = 0;
                for i in 0..u32::from(field.size) {
                    if let Some(c) = code.code.get((unit + i) as usize) {
                        value |= u64::from(c.cache()) << (16 * i);
                    }
                }
                for i in 0..u32::from(field.size) {
                    let argrepr = if i == 0 {
                        format!("{}: {}", field.name, value)
                    } else {
                        String::new()
                    };
                    formatter.line(
                        out,
                        Line {
                            starts_line: false,
                            line: None,
                            label: None,
                            offset: unit,
                            name: "CACHE",
                            arg: Some(0),
                            argrepr: &argrepr,
                        },
                    );
                    unit += 1;
                }
            }
        }
    }

    if !exceptions.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &exceptions {
            let label = |offset| label_of(offset).unwrap_or(0);
            let _ = writeln!(
                out,
                "  L{} to L{} -> L{} [{}]{}",
                label(e.start),
                label(e.end),
                label(e.target),
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}

/// What the oparg of `deopt` (the instruction's base form) means, as `dis.ArgResolver`
/// writes it.
fn argrepr(
    code: &CodeObject,
    deopt: Opcode,
    ins: &Instruction,
    label_of: &dyn Fn(u32) -> Option<usize>,
) -> String {
    let arg = ins.oparg;
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .map_or_else(|| "<unknown>".to_owned(), |n| n.to_string())
    };
    let local = |i: u32| {
        code.localsplus
            .get(i as usize)
            .map_or_else(|| "<unknown>".to_owned(), |v| v.name.to_string())
    };
    let with_suffix = |base: String, suffix: &str| {
        if arg & 1 == 1 {
            format!("{base} + {suffix}")
        } else {
            base
        }
    };
    match deopt.operand() {
        OperandKind::Const => code
            .consts
            .get(arg as usize)
            .map_or_else(|| "<unknown>".to_owned(), Constant::repr),
        OperandKind::Name => name(arg),
        OperandKind::GlobalName => with_suffix(name(arg >> 1), "NULL"),
        OperandKind::AttrName => with_suffix(name(arg >> 1), "NULL|self"),
        OperandKind::SuperAttrName => with_suffix(name(arg >> 2), "NULL|self"),
        OperandKind::JumpForward
        | OperandKind::JumpBackward
        | OperandKind::Jump
        | OperandKind::Handler => match ins.jump_target().and_then(label_of) {
            Some(label) => format!("to L{label}"),
            None => "to <unknown>".to_owned(),
        },
        OperandKind::LocalPair => format!("{}, {}", local(arg >> 4), local(arg & 15)),
        OperandKind::Local | OperandKind::Free => local(arg),
        OperandKind::Compare => match ComparisonOp::from_oparg(arg >> 5) {
            Some(op) if arg & 16 != 0 => format!("bool({})", op.symbol()),
            Some(op) => op.symbol().to_owned(),
            None => "<unknown>".to_owned(),
        },
        OperandKind::Conversion => Conversion::from_oparg(arg)
            .map_or("<unknown>", Conversion::text)
            .to_owned(),
        OperandKind::FunctionAttribute => FunctionAttribute::ALL
            .iter()
            .filter(|a| arg & a.bit() != 0)
            .map(|a| a.name())
            .collect::<Vec<_>>()
            .join(", "),
        OperandKind::BinaryOp => BinaryOp::from_oparg(arg)
            .map_or("<unknown>", BinaryOp::symbol)
            .to_owned(),
        OperandKind::Intrinsic1 => Intrinsic1::from_oparg(arg)
            .map_or("<unknown>", Intrinsic1::name)
            .to_owned(),
        OperandKind::Intrinsic2 => Intrinsic2::from_oparg(arg)
            .map_or("<unknown>", Intrinsic2::name)
            .to_owned(),
        OperandKind::None | OperandKind::Number => String::new(),
    }
}

/// The column widths of one code object's listing (`dis.Formatter`).
struct Formatter {
    lineno_width: usize,
    offset_width: usize,
    label_width: usize,
}

struct Line<'a> {
    starts_line: bool,
    line: Option<u32>,
    label: Option<usize>,
    offset: u32,
    name: &'a str,
    arg: Option<u32>,
    argrepr: &'a str,
}

impl Formatter {
    fn line(&self, out: &mut String, l: Line<'_>) {
        if self.lineno_width > 0 && l.starts_line && l.offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::with_capacity(6);
        if self.lineno_width > 0 {
            let w = self.lineno_width;
            fields.push(match (l.starts_line, l.line) {
                (true, Some(line)) => format!("{line:>w$}"),
                (true, None) => format!("{NO_LINENO:>w$}"),
                (false, _) => " ".repeat(w),
            });
        }
        let w = self.label_width;
        fields.push(match l.label {
            Some(label) => format!("{:>w$}", format!("L{label}:")),
            None => " ".repeat(w),
        });
        if self.offset_width > 0 {
            fields.push(format!("{:>w$}  ", l.offset * 2, w = self.offset_width));
        }
        fields.push("   ".to_owned());
        fields.push(format!("{:<OPNAME_WIDTH$}", l.name));
        if let Some(arg) = l.arg {
            let excess = l.name.len().saturating_sub(OPNAME_WIDTH);
            let w = OPARG_WIDTH.saturating_sub(excess);
            fields.push(format!("{arg:>w$}"));
            if !l.argrepr.is_empty() {
                fields.push(format!("({})", l.argrepr));
            }
        }
        let text = fields.join(" ");
        out.push_str(text.trim_end_matches(' '));
        out.push('\n');
    }
}
