//! The values the grammar passes between rules that are not tree nodes yet: the parse context
//! (with the error an action raised), the pieces of an f-string (assembled once the whole
//! f-string, and so its `r` prefix, is known), and the items of mapping and class patterns.

use std::cell::{Cell, OnceCell};

use pyrs_ast::{
    Comprehension, Expr, ExprConstant, Identifier, Location, Mod, ModModule, Pattern,
    PatternMatchAs, Stmt, StmtPass,
};

use crate::actions::{ArgItem, ArgsBuilder, Ex, MAX_DEPTH, MAX_RIGHT_CHAIN};
use crate::error::{Error, PResult};
use crate::strings;
use crate::token::Pos;

/// What every action can see: the source text (f-string debug expressions are copied from it),
/// and the error an action raised.
///
/// The grammar's actions are infallible as LALRPOP sees them: an action whose check fails
/// hands its error to [`Ctx::ok`], which keeps the first one and gives the parser a stand-in
/// value; the lexer adapter then ends the parse at the next token, and the parser reports the
/// kept error. (A fallible LALRPOP action is compiled into the parser's one big reduction
/// function, whose stack frame then grows with every such action; infallible ones each get a
/// small function of their own.)
pub(crate) struct Ctx<'a> {
    pub(crate) src: &'a str,
    /// The index of the token the lexer adapter gave last.
    pub(crate) last: Cell<usize>,
    /// An action failed (its error is in `error`).
    failed: Cell<bool>,
    /// The first error an action raised, and the value of `last` then.
    error: Cell<Option<(Box<Error>, usize)>>,
    /// The byte offset where each line starts, made when first needed (`offset`).
    lines: OnceCell<Vec<u32>>,
    /// The box of the last call's argument builder, emptied, for the next call's
    /// ([`Ctx::box_args`]): a call with arguments would otherwise allocate and free one.
    spare_args: Cell<Option<Box<ArgsBuilder>>>,
}

/// A value that stands in for the result of a failed action until the parse stops. An
/// expression stand-in is as deep as the limits allow, so that any expression built on it
/// fails in turn instead of growing.
pub(crate) trait Placeholder {
    fn placeholder() -> Self;
}

fn placeholder_expr() -> Expr {
    Expr::from(ExprConstant {
        value: pyrs_ast::Constant::None,
        kind: None,
        loc: Location::default(),
    })
}

impl Placeholder for Ex {
    fn placeholder() -> Self {
        Ex {
            e: placeholder_expr(),
            d: MAX_DEPTH,
            r: MAX_RIGHT_CHAIN,
        }
    }
}

impl Placeholder for Stmt {
    fn placeholder() -> Self {
        Stmt::from(StmtPass {
            loc: Location::default(),
        })
    }
}

impl Placeholder for Pattern {
    fn placeholder() -> Self {
        Pattern::from(PatternMatchAs {
            pattern: None,
            name: None,
            loc: Location::default(),
        })
    }
}

impl Placeholder for Mod {
    fn placeholder() -> Self {
        Mod::from(ModModule {
            body: Vec::new(),
            type_ignores: Vec::new(),
        })
    }
}

impl Placeholder for ArgItem {
    fn placeholder() -> Self {
        ArgItem::Positional(Ex::placeholder())
    }
}

impl Placeholder for Box<(Comprehension, u32)> {
    fn placeholder() -> Self {
        Box::new((
            Comprehension {
                target: placeholder_expr(),
                iter: placeholder_expr(),
                ifs: Vec::new(),
                is_async: 0,
            },
            MAX_DEPTH,
        ))
    }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Ctx {
            src,
            last: Cell::new(0),
            failed: Cell::new(false),
            error: Cell::new(None),
            lines: OnceCell::new(),
            spare_args: Cell::new(None),
        }
    }

    /// A call's argument builder, boxed while the grammar keeps it on the parser's stack
    /// (it is the largest value there), in the box the last call's builder left if any.
    #[inline]
    pub(crate) fn box_args(&self, args: ArgsBuilder) -> Box<ArgsBuilder> {
        match self.spare_args.take() {
            Some(mut spare) => {
                *spare = args;
                spare
            }
            None => Box::new(args),
        }
    }

    /// The builder out of its box, which is kept for the next call's ([`Ctx::box_args`]).
    #[inline]
    pub(crate) fn unbox_args(&self, mut boxed: Box<ArgsBuilder>) -> ArgsBuilder {
        let args = std::mem::take(&mut *boxed);
        self.spare_args.set(Some(boxed));
        args
    }

    /// The byte offset of a position in the source. Lines end at `\n`, as the tokenizer's do.
    pub(crate) fn offset(&self, p: Pos) -> Option<usize> {
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.src.match_indices('\n').map(|(i, _)| i as u32 + 1))
                .collect()
        });
        let start = *lines.get((p.line as usize).checked_sub(1)?)? as usize;
        Some(start + p.col as usize)
    }

    /// An action's value; when it failed, a stand-in, and its error is kept (the first only).
    #[inline]
    pub(crate) fn ok<T: Placeholder>(&self, r: PResult<T>) -> T {
        match r {
            Ok(v) => v,
            Err(e) => self.fail(e),
        }
    }

    #[cold]
    #[inline(never)]
    fn fail<T: Placeholder>(&self, e: Box<Error>) -> T {
        if !self.failed.get() {
            self.failed.set(true);
            self.error.set(Some((e, self.last.get())));
        }
        T::placeholder()
    }

    /// True once an action has failed.
    #[inline]
    pub(crate) fn failed(&self) -> bool {
        self.failed.get()
    }

    /// The first error an action raised, and the index of the token read then.
    pub(crate) fn take_error(&self) -> Option<(Box<Error>, usize)> {
        self.error.take()
    }
}

/// A piece of an f-string or of a format spec: literal text, or a replacement field.
pub(crate) enum FPart<'a> {
    Text(&'a str, Pos, Pos),
    Field(Box<Field<'a>>),
}

/// A replacement field `{value=!r:spec}` as read.
pub(crate) struct Field<'a> {
    pub(crate) value: Ex,
    /// Written with `=` after the expression.
    pub(crate) debug: bool,
    /// Just after the `{`.
    pub(crate) after_brace: Pos,
    /// The `!`, the conversion's name and its span.
    pub(crate) conversion: Option<(Pos, &'a str, Pos, Pos)>,
    /// The `:`, the spec's pieces, and the spec's end.
    pub(crate) spec: Option<(Pos, Vec<FPart<'a>>, Pos)>,
    /// The start of the closing `}`.
    pub(crate) before_end: Pos,
    pub(crate) l: Pos,
    pub(crate) r: Pos,
}

/// An item of a mapping pattern.
pub(crate) enum MapItem {
    /// `key: pattern`.
    Pair(Ex, Pattern),
    /// `**rest`, with its span.
    Rest(Identifier, Pos, Pos),
}

/// An argument of a class pattern. The rarer keyword is boxed, to keep the parser's stack
/// entries small.
pub(crate) enum ClassArg {
    Positional(Pattern),
    Keyword(Box<(Identifier, Pattern)>),
}

impl Ctx<'_> {
    /// The end of an f-string's literal text. The tokenizer ends a text at the first brace of
    /// a doubled `{{` or `}}` and skips the second; CPython's token covers both.
    /// `text` is the token's text, a slice of the source.
    fn text_end(&self, text: &str, r: Pos) -> Pos {
        let last = text.as_bytes().last().copied();
        if matches!(last, Some(b'{' | b'}')) {
            // Where the text ends in the source.
            let end = (text.as_ptr() as usize)
                .checked_sub(self.src.as_ptr() as usize)
                .map(|start| start + text.len());
            if end.and_then(|e| self.src.as_bytes().get(e)).copied() == last {
                return Pos {
                    col: r.col + 1,
                    ..r
                };
            }
        }
        r
    }

    /// An f-string from its start token and pieces.
    pub(crate) fn fstring(
        &self,
        start: &str,
        parts: Vec<FPart<'_>>,
        l: Pos,
        r: Pos,
    ) -> PResult<Ex> {
        let raw = strings::is_raw_fstring(start);
        let mut exprs = Vec::with_capacity(parts.len());
        for part in parts {
            exprs.push(match part {
                FPart::Text(t, tl, tr) => {
                    strings::fstring_middle(t, raw, tl, self.text_end(t, tr))?
                }
                FPart::Field(f) => self.field(*f, raw, true)?,
            });
        }
        strings::joined_str(exprs, l, r)
    }

    /// A replacement field. The text of a debug expression is decoded like the f-string's
    /// literal text when the field is at the top level of the f-string, as CPython does.
    fn field(&self, f: Field<'_>, raw: bool, top: bool) -> PResult<Ex> {
        let debug_text = if f.debug {
            let end = match (&f.conversion, &f.spec) {
                (Some((bang, ..)), _) => *bang,
                (None, Some((colon, ..))) => *colon,
                (None, None) => f.before_end,
            };
            match (self.offset(f.after_brace), self.offset(end)) {
                (Some(from), Some(to)) => self.src.get(from..to),
                _ => None,
            }
        } else {
            None
        };
        let spec = match f.spec {
            Some((colon, parts, sr)) => {
                let mut exprs = Vec::with_capacity(parts.len());
                for part in parts {
                    exprs.push(match part {
                        FPart::Text(t, tl, tr) => {
                            strings::fstring_middle(t, false, tl, self.text_end(t, tr))?
                        }
                        FPart::Field(inner) => self.field(*inner, raw, false)?,
                    });
                }
                Some((strings::format_spec(exprs, colon, sr)?, colon))
            }
            None => None,
        };
        let conversion = f.conversion.map(|(_, name, cl, cr)| (name, cl, cr));
        strings::formatted_value(f.value, debug_text, raw || !top, conversion, spec, f.l, f.r)
    }
}
