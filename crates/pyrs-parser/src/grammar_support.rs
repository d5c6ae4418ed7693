//! The values the grammar passes between rules that are not tree nodes yet: the parse context,
//! the pieces of an f-string (assembled once the whole f-string, and so its `r` prefix, is
//! known), and the items of mapping and class patterns.

use pyrs_ast::{Identifier, Pattern};

use crate::actions::Ex;
use crate::error::PResult;
use crate::strings;
use crate::token::Pos;

/// What every action can see: the source text (f-string debug expressions are copied from it).
pub(crate) struct Ctx<'a> {
    pub(crate) src: &'a str,
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

/// An argument of a class pattern.
pub(crate) enum ClassArg {
    Positional(Pattern),
    Keyword(Identifier, Pattern),
}

impl Ctx<'_> {
    /// The end of an f-string's literal text. The tokenizer ends a text at the first brace of
    /// a doubled `{{` or `}}` and skips the second; CPython's token covers both.
    fn text_end(&self, text: &str, r: Pos) -> Pos {
        let last = text.as_bytes().last().copied();
        if matches!(last, Some(b'{' | b'}'))
            && self.src.as_bytes().get(r.off as usize).copied() == last
        {
            return Pos {
                off: r.off + 1,
                col: r.col + 1,
                ..r
            };
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
            self.src.get(f.after_brace.off as usize..end.off as usize)
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
