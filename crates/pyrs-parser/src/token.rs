//! The parser's view of a token: [`Tok`], with keywords and soft keywords told apart from names,
//! and [`Pos`], the location type of the grammar.

use std::fmt;

/// A place in the source: line (from 1) and byte column (from 0).
///
/// The grammar's `@L`/`@R` are `Pos` values, and node locations are made of them (CPython's
/// AST columns are UTF-8 byte offsets, as these are). A `Pos` is eight bytes, aligned as a
/// word: LALRPOP copies two of them with every symbol it pushes and pops, and a 12-byte
/// position with its byte offset made those copies straddle the pieces they were written in,
/// a processor stall on every step (about 7% of the parse). Where an action needs a byte
/// offset it asks the source (`Ctx::offset`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(align(8))]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) col: u32,
}

/// A token as the grammar sees it. Names, numbers and string pieces borrow their text from
/// the source; everything else is a unit variant, one per keyword and operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    Name(&'a str),
    Number(&'a str),
    String(&'a str),
    FStringStart(&'a str),
    FStringMiddle(&'a str),
    FStringEnd,
    TypeComment(&'a str),
    Newline,
    Indent,
    Dedent,
    EndMarker,

    // Synthetic first tokens, one per start rule (see `Mode`).
    StartModule,
    StartExpression,
    StartInteractive,
    StartFuncType,

    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,

    // Soft keywords, when the lexer adapter decided they are keywords here.
    Match,
    Case,
    Type,
    /// The `(` right after `with` that opens a parenthesised list of with-items.
    WithLpar,

    // Operators and delimiters.
    Lpar,
    Rpar,
    Lsqb,
    Rsqb,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    Vbar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    Lbrace,
    Rbrace,
    EqEqual,
    NotEqual,
    /// `<>`: a NOTEQUAL token that only `barry_as_FLUFL` accepts; the grammar does not.
    LessGreater,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VbarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    Rarrow,
    Ellipsis,
    ColonEqual,
    Exclamation,
    /// A character that is no operator (`$`, `?`, a backtick).
    Op,
}

/// For each first byte of a name, the lengths (as bits) of the keywords and soft keywords that
/// start with it: a quick test that rules out most names before comparing strings.
const KEYWORD_LENGTHS: [u16; 128] = {
    let words: [&str; 38] = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "match", "case", "type",
    ];
    let mut table = [0u16; 128];
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        table[w[0] as usize] |= 1 << w.len();
        i += 1;
    }
    table
};

/// False when `name` is certainly neither a keyword nor a soft keyword.
#[inline]
pub(crate) fn may_be_keyword(name: &str) -> bool {
    let b = name.as_bytes();
    match b.first() {
        Some(&c) if c < 128 && b.len() < 16 => KEYWORD_LENGTHS[c as usize] & (1 << b.len()) != 0,
        _ => false,
    }
}

/// The keyword a name is, if it is one (Python 3.13's `keyword.kwlist`). Inlined into the
/// lexer adapter's loop, so that the token does not come back through memory.
#[inline(always)]
pub(crate) fn keyword(name: &str) -> Option<Tok<'static>> {
    // Most names are no keyword: reject them by length and first letter before comparing.
    let b = name.as_bytes();
    if b.len() < 2 || b.len() > 8 || !matches!(b[0], b'F' | b'N' | b'T' | b'a'..=b'y') {
        return None;
    }
    let tok = match name {
        "False" => Tok::False,
        "None" => Tok::None,
        "True" => Tok::True,
        "and" => Tok::And,
        "as" => Tok::As,
        "assert" => Tok::Assert,
        "async" => Tok::Async,
        "await" => Tok::Await,
        "break" => Tok::Break,
        "class" => Tok::Class,
        "continue" => Tok::Continue,
        "def" => Tok::Def,
        "del" => Tok::Del,
        "elif" => Tok::Elif,
        "else" => Tok::Else,
        "except" => Tok::Except,
        "finally" => Tok::Finally,
        "for" => Tok::For,
        "from" => Tok::From,
        "global" => Tok::Global,
        "if" => Tok::If,
        "import" => Tok::Import,
        "in" => Tok::In,
        "is" => Tok::Is,
        "lambda" => Tok::Lambda,
        "nonlocal" => Tok::Nonlocal,
        "not" => Tok::Not,
        "or" => Tok::Or,
        "pass" => Tok::Pass,
        "raise" => Tok::Raise,
        "return" => Tok::Return,
        "try" => Tok::Try,
        "while" => Tok::While,
        "with" => Tok::With,
        "yield" => Tok::Yield,
        _ => return None,
    };
    Some(tok)
}

impl fmt::Display for Tok<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
