//! The token kinds of CPython 3.13 (Grammar/Tokens): one table from which the enum, the names and
//! the operator lookup are all derived.

use std::fmt;

/// Declares [`TokenKind`] from one table: `Variant = number, "NAME" [, "operator text"]`.
///
/// The numbers are CPython's (`token.tok_name`), so exact types print as `tokenize -e` prints them.
macro_rules! token_table {
    ($( $(#[$doc:meta])* $variant:ident = $num:literal, $name:literal $(, $text:literal)? ;)*) => {
        /// The exact type of a token, numbered as CPython 3.13 numbers them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum TokenKind {
            $( $(#[$doc])* $variant = $num, )*
        }

        impl TokenKind {
            /// Every kind, in CPython's numbering order.
            pub const ALL: &'static [TokenKind] = &[$(TokenKind::$variant),*];

            /// The name CPython's `token.tok_name` gives this kind, e.g. `"LPAR"`.
            pub const fn name(self) -> &'static str {
                match self { $(TokenKind::$variant => $name,)* }
            }

            /// The source text of an operator kind (`"**="` for `DoubleStarEqual`), `None` for the rest.
            pub const fn operator_text(self) -> Option<&'static str> {
                match self { $(TokenKind::$variant => token_table!(@text $($text)?),)* }
            }
        }
    };
    (@text) => { None };
    (@text $text:literal) => { Some($text) };
}

token_table! {
    /// End of input.
    EndMarker = 0, "ENDMARKER";
    /// An identifier or keyword (keywords and soft keywords are names to the tokenizer).
    Name = 1, "NAME";
    /// A numeric literal.
    Number = 2, "NUMBER";
    /// A string or bytes literal, prefix and quotes included (not an f-string).
    String = 3, "STRING";
    /// The end of a logical line.
    Newline = 4, "NEWLINE";
    /// An increase of indentation.
    Indent = 5, "INDENT";
    /// A decrease of indentation.
    Dedent = 6, "DEDENT";
    /// `(`
    Lpar = 7, "LPAR", "(";
    /// `)`
    Rpar = 8, "RPAR", ")";
    /// `[`
    Lsqb = 9, "LSQB", "[";
    /// `]`
    Rsqb = 10, "RSQB", "]";
    /// `:`
    Colon = 11, "COLON", ":";
    /// `,`
    Comma = 12, "COMMA", ",";
    /// `;`
    Semi = 13, "SEMI", ";";
    /// `+`
    Plus = 14, "PLUS", "+";
    /// `-`
    Minus = 15, "MINUS", "-";
    /// `*`
    Star = 16, "STAR", "*";
    /// `/`
    Slash = 17, "SLASH", "/";
    /// `|`
    Vbar = 18, "VBAR", "|";
    /// `&`
    Amper = 19, "AMPER", "&";
    /// `<`
    Less = 20, "LESS", "<";
    /// `>`
    Greater = 21, "GREATER", ">";
    /// `=`
    Equal = 22, "EQUAL", "=";
    /// `.`
    Dot = 23, "DOT", ".";
    /// `%`
    Percent = 24, "PERCENT", "%";
    /// `{`
    Lbrace = 25, "LBRACE", "{";
    /// `}`
    Rbrace = 26, "RBRACE", "}";
    /// `==`
    EqEqual = 27, "EQEQUAL", "==";
    /// `!=` (also `<>`, which the parser accepts only under `barry_as_FLUFL`)
    NotEqual = 28, "NOTEQUAL", "!=";
    /// `<=`
    LessEqual = 29, "LESSEQUAL", "<=";
    /// `>=`
    GreaterEqual = 30, "GREATEREQUAL", ">=";
    /// `~`
    Tilde = 31, "TILDE", "~";
    /// `^`
    Circumflex = 32, "CIRCUMFLEX", "^";
    /// `<<`
    LeftShift = 33, "LEFTSHIFT", "<<";
    /// `>>`
    RightShift = 34, "RIGHTSHIFT", ">>";
    /// `**`
    DoubleStar = 35, "DOUBLESTAR", "**";
    /// `+=`
    PlusEqual = 36, "PLUSEQUAL", "+=";
    /// `-=`
    MinEqual = 37, "MINEQUAL", "-=";
    /// `*=`
    StarEqual = 38, "STAREQUAL", "*=";
    /// `/=`
    SlashEqual = 39, "SLASHEQUAL", "/=";
    /// `%=`
    PercentEqual = 40, "PERCENTEQUAL", "%=";
    /// `&=`
    AmperEqual = 41, "AMPEREQUAL", "&=";
    /// `|=`
    VbarEqual = 42, "VBAREQUAL", "|=";
    /// `^=`
    CircumflexEqual = 43, "CIRCUMFLEXEQUAL", "^=";
    /// `<<=`
    LeftShiftEqual = 44, "LEFTSHIFTEQUAL", "<<=";
    /// `>>=`
    RightShiftEqual = 45, "RIGHTSHIFTEQUAL", ">>=";
    /// `**=`
    DoubleStarEqual = 46, "DOUBLESTAREQUAL", "**=";
    /// `//`
    DoubleSlash = 47, "DOUBLESLASH", "//";
    /// `//=`
    DoubleSlashEqual = 48, "DOUBLESLASHEQUAL", "//=";
    /// `@`
    At = 49, "AT", "@";
    /// `@=`
    AtEqual = 50, "ATEQUAL", "@=";
    /// `->`
    Rarrow = 51, "RARROW", "->";
    /// `...`
    Ellipsis = 52, "ELLIPSIS", "...";
    /// `:=`
    ColonEqual = 53, "COLONEQUAL", ":=";
    /// `!`
    Exclamation = 54, "EXCLAMATION", "!";
    /// A character that is no operator of Python (`$`, `?`, a backtick): the parser rejects it.
    Op = 55, "OP";
    /// A `# type: ignore` comment (only when type comments are requested).
    TypeIgnore = 56, "TYPE_IGNORE";
    /// A `# type: ...` comment (only when type comments are requested).
    TypeComment = 57, "TYPE_COMMENT";
    /// Never produced by the tokenizer; kept so that the numbering matches CPython's.
    SoftKeyword = 58, "SOFT_KEYWORD";
    /// The prefix and opening quote of an f-string: `f"`, `rf'''`.
    FstringStart = 59, "FSTRING_START";
    /// Literal text inside an f-string.
    FstringMiddle = 60, "FSTRING_MIDDLE";
    /// The closing quote of an f-string.
    FstringEnd = 61, "FSTRING_END";
    /// A comment (only in `tokenize`-module mode).
    Comment = 62, "COMMENT";
    /// A line break that does not end a logical line (only in `tokenize`-module mode).
    Nl = 63, "NL";
    /// Never produced: errors are reported as [`crate::TokenizeError`].
    ErrorToken = 64, "ERRORTOKEN";
    /// The source encoding, first token of the `tokenize` module's stream.
    Encoding = 65, "ENCODING";
}

impl TokenKind {
    /// True for every operator and delimiter kind (`LPAR` … `EXCLAMATION`, and `OP`).
    pub const fn is_operator(self) -> bool {
        let n = self as u8;
        n >= TokenKind::Lpar as u8 && n <= TokenKind::Op as u8
    }

    /// The type the `tokenize` module reports: `OP` for every operator, the kind itself otherwise.
    pub const fn generic(self) -> TokenKind {
        if self.is_operator() {
            TokenKind::Op
        } else {
            self
        }
    }
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_dense_and_ordered() {
        for (i, kind) in TokenKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i, "{kind} is out of place");
        }
    }

    #[test]
    fn operators_have_text_and_report_as_op() {
        assert_eq!(TokenKind::DoubleStarEqual.operator_text(), Some("**="));
        assert_eq!(TokenKind::DoubleStarEqual.generic(), TokenKind::Op);
        assert_eq!(TokenKind::Name.operator_text(), None);
        assert_eq!(TokenKind::Name.generic(), TokenKind::Name);
        assert!(!TokenKind::FstringStart.is_operator());
    }
}
