//! The lexer adapter between pyrs-tokenizer and the grammar: keywords, the soft keywords
//! `match`, `case` and `type` decided by lookahead, `# type: ignore` comments set aside, and the
//! `(` of a parenthesised `with` told apart from an expression's.

use pyrs_tokenizer::{Config, Token, TokenKind, TokenizeError, Tokenizer};

use crate::error::Error;
use crate::grammar_support::Ctx;
use crate::token::{keyword, may_be_keyword, Pos, Tok};

/// The whole token stream of a source, read before parsing starts.
///
/// Reading everything first lets the adapter look ahead as far as it needs (to the end of a
/// line for `match`, to the closing parenthesis for `with (`), and tells the error reporter
/// whether a tokenizer error lies further on: CPython reports such an error in preference to
/// a syntax error found before it.
#[derive(Debug)]
pub(crate) struct Tokens<'a> {
    pub(crate) src: &'a str,
    /// Every token up to the first error, TYPE_IGNORE comments excepted.
    pub(crate) toks: Vec<Tk>,
    /// The error that stopped the tokenizer, if any, and whether it happened inside an
    /// f-string (CPython then lets a syntax error found earlier win).
    pub(crate) error: Option<(TokenizeError, bool)>,
    /// `# type: ignore` comments: line and the text after `ignore`.
    pub(crate) type_ignores: Vec<(u32, &'a str)>,
}

impl<'a> Tokens<'a> {
    /// Tokenizes all of `src` in the parser's configuration, with type comments when
    /// `type_comments` is set (otherwise `# type:` comments are plain comments).
    pub(crate) fn read(src: &'a str, type_comments: bool) -> Tokens<'a> {
        let mut tokenizer = Tokenizer::new(
            src,
            Config {
                extra_tokens: false,
                type_comments,
            },
        );
        let mut toks = BUFFER.with(|b| std::mem::take(&mut *b.borrow_mut()));
        toks.clear();
        toks.reserve(src.len() / 6 + 16);
        let mut type_ignores = Vec::new();
        let mut error = None;
        let mut fstring_depth: i32 = 0;
        for item in &mut tokenizer {
            match item {
                Ok(tok) => {
                    // The kinds that need more than a copy are numbered after every
                    // operator: one comparison sends the common tokens on.
                    if tok.kind >= TokenKind::TypeIgnore {
                        match tok.kind {
                            TokenKind::TypeIgnore => {
                                type_ignores.push((tok.start_pos.line, tok.text(src)));
                                continue;
                            }
                            TokenKind::FstringStart => fstring_depth += 1,
                            TokenKind::FstringEnd => fstring_depth -= 1,
                            _ => {}
                        }
                    }
                    toks.push(Tk::from(tok));
                }
                Err(err) => {
                    error = Some((err, fstring_depth > 0));
                    break;
                }
            }
        }
        Tokens {
            src,
            toks,
            error,
            type_ignores,
        }
    }

    /// The location of token `i`'s start and end.
    pub(crate) fn span(&self, i: usize) -> (Pos, Pos) {
        span(&self.toks[i])
    }
}

thread_local! {
    /// The token buffer of the last parse on this thread, kept for the next one: a large
    /// allocation per source would cost more than its tokens.
    static BUFFER: std::cell::RefCell<Vec<Tk>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for Tokens<'_> {
    fn drop(&mut self) {
        let toks = std::mem::take(&mut self.toks);
        // Keep buffers of a reasonable size only.
        if toks.capacity() <= 1 << 20 {
            let _ = BUFFER.try_with(|b| *b.borrow_mut() = toks);
        }
    }
}

/// The start and end of a token as grammar locations.
#[inline]
pub(crate) fn span(t: &Tk) -> (Pos, Pos) {
    (t.start_pos, t.end_pos)
}

/// A token as the parser keeps it: pyrs-tokenizer's [`Token`], its locations as the
/// grammar's [`Pos`], which the lexer adapter reads as they are (a word each).
///
/// The fields are written one by one from the tokenizer's token, which stays in registers
/// (a `Token` copied whole would read memory just written in other pieces, a processor stall
/// on every token).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tk {
    pub(crate) start_pos: Pos,
    pub(crate) end_pos: Pos,
    /// Byte offset of the token's first byte.
    pub(crate) start: u32,
    /// Byte offset just after the token.
    pub(crate) end: u32,
    pub(crate) kind: TokenKind,
}

impl From<Token> for Tk {
    #[inline]
    fn from(t: Token) -> Tk {
        Tk {
            start_pos: Pos {
                line: t.start_pos.line,
                col: t.start_pos.col,
            },
            end_pos: Pos {
                line: t.end_pos.line,
                col: t.end_pos.col,
            },
            start: t.start,
            end: t.end,
            kind: t.kind,
        }
    }
}

impl Tk {
    /// The token's text in `src` (the text it was read from).
    #[inline]
    pub(crate) fn text<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// One spanned token for the generated parser; the error is [`Error::stop`], given where the
/// tokenizer stopped with an error.
pub(crate) type Spanned<'a> = Result<(Pos, Tok<'a>, Pos), Box<Error>>;

/// The iterator the generated parser reads: classifies each token of a [`Tokens`].
pub(crate) struct Lexer<'a, 't> {
    tokens: &'t Tokens<'a>,
    /// The parse's context: the adapter records there the index of each token it gives
    /// (`Ctx::last`), and stops when an action has failed.
    ctx: &'t Ctx<'a>,
    /// The synthetic start token, and whether it was given.
    start: Tok<'static>,
    started: bool,
    i: usize,
    /// The number of tokens once the start token is given, 0 before: `next` takes its rare
    /// path when `i` reaches it, for the start token as for the end.
    end: usize,
    /// What the previous token given was, as far as the rules below care.
    prev: Prev,
    /// Brackets open at this point.
    depth: u32,
    /// Indentation level (INDENTs minus DEDENTs so far).
    indent: u32,
    /// Indentation levels whose statements are `case` blocks.
    case_levels: Vec<u32>,
    /// A `match` header was given; its block is not open yet.
    match_header: bool,
    /// The header's NEWLINE was given: the next INDENT opens a block of `case`s.
    match_newline: bool,
    /// Index of the `)` closing a `with (` list, when one is open.
    with_close: Option<usize>,
}

/// The previous token, as far as deciding soft keywords and `with (` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// No token yet.
    Start,
    /// NEWLINE, INDENT or DEDENT: the next token starts a line's first statement.
    LineStart,
    Semi,
    Colon,
    With,
    Other,
}

/// A soft keyword, as the lexer adapter decides it (`Lexer::soft_keyword`).
#[derive(Clone, Copy)]
enum SoftKeyword {
    Match,
    Case,
    Type,
}

impl<'a, 't> Lexer<'a, 't> {
    pub(crate) fn new(tokens: &'t Tokens<'a>, ctx: &'t Ctx<'a>, start: Tok<'static>) -> Self {
        Lexer {
            tokens,
            ctx,
            start,
            started: false,
            i: 0,
            end: 0,
            prev: Prev::Start,
            depth: 0,
            indent: 0,
            case_levels: Vec::new(),
            match_header: false,
            match_newline: false,
            with_close: None,
        }
    }

    /// True when the token about to be given starts a line's first statement.
    fn at_line_start(&self) -> bool {
        matches!(self.prev, Prev::Start | Prev::LineStart)
    }

    /// True when the token about to be given starts a statement (also after `;` or the `:`
    /// of a compound statement's header).
    fn at_statement_start(&self) -> bool {
        self.at_line_start()
            || self.prev == Prev::Semi
            || (self.prev == Prev::Colon && self.depth == 0)
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.toks.get(i).map(|t| t.kind)
    }

    fn text(&self, i: usize) -> &'a str {
        self.tokens.toks[i].text(self.tokens.src)
    }

    /// `match` at the start of a line is the keyword when its logical line ends with a `:`
    /// outside brackets: no simple statement can end that way.
    fn is_match_statement(&self, at: usize) -> bool {
        if matches!(
            self.kind(at + 1),
            Some(TokenKind::Colon | TokenKind::Newline | TokenKind::Equal | TokenKind::Dot)
        ) {
            return false;
        }
        let mut depth = 0i32;
        let mut prev = None;
        for t in self.tokens.toks.iter().skip(at + 1) {
            match t.kind {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
                TokenKind::Newline if depth <= 0 => return prev == Some(TokenKind::Colon),
                TokenKind::EndMarker => return false,
                _ => {}
            }
            prev = Some(t.kind);
        }
        false
    }

    /// For a `(` right after `with`: the index of its `)` when the parenthesised form of
    /// with-items applies (the `)` is followed by `:` and the contents are with-items, not a
    /// generator, a `yield`, a walrus or a starred element, which only a tuple may hold).
    fn with_items_close(&self, open: usize) -> Option<usize> {
        let toks = &self.tokens.toks;
        let mut depth = 0i32;
        let mut element_start = true;
        for (j, t) in toks.iter().enumerate().skip(open) {
            match t.kind {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    depth -= 1;
                    if depth == 0 {
                        // `)` then `:` (or a missing `:`, which is then reported as such).
                        if j == open + 1
                            || !matches!(
                                self.kind(j + 1),
                                Some(TokenKind::Colon | TokenKind::Newline)
                            )
                        {
                            return None;
                        }
                        return Some(j);
                    }
                }
                TokenKind::Newline | TokenKind::EndMarker => return None,
                _ => {}
            }
            if depth == 1 && j > open {
                match t.kind {
                    TokenKind::ColonEqual => return None,
                    TokenKind::Star | TokenKind::DoubleStar if element_start => return None,
                    TokenKind::Name if matches!(self.text(j), "for" | "yield") => return None,
                    _ => {}
                }
            }
            element_start = depth == 1 && matches!(t.kind, TokenKind::Lpar | TokenKind::Comma);
        }
        None
    }

    /// The text of a token.
    #[inline]
    fn text_of(&self, t: &Tk) -> &'a str {
        self.tokens
            .src
            .get(t.start as usize..t.end as usize)
            .unwrap_or("")
    }

    /// A NAME that may be a keyword or a soft keyword.
    ///
    /// Inlined, and the soft keywords decided out of line as a one-byte answer: a `Tok`
    /// returned from a call comes back through memory, from which the parse loop then read the
    /// token in other pieces than were written (a processor stall on every token).
    #[inline(always)]
    fn name(&mut self, i: usize, text: &'a str) -> Tok<'a> {
        if let Some(kw) = keyword(text) {
            return kw;
        }
        match self.soft_keyword(i, text) {
            Some(SoftKeyword::Match) => Tok::Match,
            Some(SoftKeyword::Case) => Tok::Case,
            Some(SoftKeyword::Type) => Tok::Type,
            None => Tok::Name(text),
        }
    }

    /// The soft keyword a NAME that is no keyword starts, if any.
    #[inline(never)]
    fn soft_keyword(&mut self, i: usize, text: &str) -> Option<SoftKeyword> {
        match text {
            "match" if self.at_line_start() && self.is_match_statement(i) => {
                self.match_header = true;
                Some(SoftKeyword::Match)
            }
            "case" if self.at_line_start() && self.case_levels.last() == Some(&self.indent) => {
                Some(SoftKeyword::Case)
            }
            "type"
                if self.at_statement_start()
                    && self.kind(i + 1) == Some(TokenKind::Name)
                    && keyword(self.text(i + 1)).is_none() =>
            {
                Some(SoftKeyword::Type)
            }
            _ => None,
        }
    }

    /// A `(` right after `with`: true when it starts parenthesised with-items (`Tok::WithLpar`).
    #[inline(never)]
    fn with_lpar(&mut self, i: usize) -> bool {
        if let Some(close) = self.with_items_close(i) {
            self.with_close = Some(close);
            return true;
        }
        false
    }

    #[inline(always)]
    fn classify(&mut self, i: usize, t: &Tk) -> Tok<'a> {
        match t.kind {
            TokenKind::Name => {
                let text = self.text_of(t);
                if may_be_keyword(text) {
                    return self.name(i, text);
                }
                Tok::Name(text)
            }
            TokenKind::Number => Tok::Number(self.text_of(t)),
            TokenKind::String => Tok::String(self.text_of(t)),
            TokenKind::FstringStart => Tok::FStringStart(self.text_of(t)),
            TokenKind::FstringMiddle => Tok::FStringMiddle(self.text_of(t)),
            TokenKind::FstringEnd => Tok::FStringEnd,
            TokenKind::TypeComment => Tok::TypeComment(self.text_of(t)),
            TokenKind::Newline => Tok::Newline,
            TokenKind::Indent => Tok::Indent,
            TokenKind::Dedent => Tok::Dedent,
            TokenKind::EndMarker => Tok::EndMarker,
            TokenKind::Lpar => {
                if self.prev == Prev::With && self.with_lpar(i) {
                    return Tok::WithLpar;
                }
                Tok::Lpar
            }
            TokenKind::Rpar => Tok::Rpar,
            TokenKind::Lsqb => Tok::Lsqb,
            TokenKind::Rsqb => Tok::Rsqb,
            TokenKind::Colon => Tok::Colon,
            TokenKind::Comma => Tok::Comma,
            TokenKind::Semi => Tok::Semi,
            TokenKind::Plus => Tok::Plus,
            TokenKind::Minus => Tok::Minus,
            TokenKind::Star => Tok::Star,
            TokenKind::Slash => Tok::Slash,
            TokenKind::Vbar => Tok::Vbar,
            TokenKind::Amper => Tok::Amper,
            TokenKind::Less => Tok::Less,
            TokenKind::Greater => Tok::Greater,
            TokenKind::Equal => Tok::Equal,
            TokenKind::Dot => Tok::Dot,
            TokenKind::Percent => Tok::Percent,
            TokenKind::Lbrace => Tok::Lbrace,
            TokenKind::Rbrace => Tok::Rbrace,
            TokenKind::EqEqual => Tok::EqEqual,
            TokenKind::NotEqual => {
                if self.text_of(t) == "<>" {
                    Tok::LessGreater
                } else {
                    Tok::NotEqual
                }
            }
            TokenKind::LessEqual => Tok::LessEqual,
            TokenKind::GreaterEqual => Tok::GreaterEqual,
            TokenKind::Tilde => Tok::Tilde,
            TokenKind::Circumflex => Tok::Circumflex,
            TokenKind::LeftShift => Tok::LeftShift,
            TokenKind::RightShift => Tok::RightShift,
            TokenKind::DoubleStar => Tok::DoubleStar,
            TokenKind::PlusEqual => Tok::PlusEqual,
            TokenKind::MinEqual => Tok::MinEqual,
            TokenKind::StarEqual => Tok::StarEqual,
            TokenKind::SlashEqual => Tok::SlashEqual,
            TokenKind::PercentEqual => Tok::PercentEqual,
            TokenKind::AmperEqual => Tok::AmperEqual,
            TokenKind::VbarEqual => Tok::VbarEqual,
            TokenKind::CircumflexEqual => Tok::CircumflexEqual,
            TokenKind::LeftShiftEqual => Tok::LeftShiftEqual,
            TokenKind::RightShiftEqual => Tok::RightShiftEqual,
            TokenKind::DoubleStarEqual => Tok::DoubleStarEqual,
            TokenKind::DoubleSlash => Tok::DoubleSlash,
            TokenKind::DoubleSlashEqual => Tok::DoubleSlashEqual,
            TokenKind::At => Tok::At,
            TokenKind::AtEqual => Tok::AtEqual,
            TokenKind::Rarrow => Tok::Rarrow,
            TokenKind::Ellipsis => Tok::Ellipsis,
            TokenKind::ColonEqual => Tok::ColonEqual,
            TokenKind::Exclamation => Tok::Exclamation,
            // Never produced for the parser (OP for unknown characters, the rest filtered).
            _ => Tok::Op,
        }
    }

    /// Updates the bracket, indentation and `case`-block state after giving `tok`, and
    /// what the previous token was (one `match` for both: one indirect jump per token).
    /// Always inlined: called, it took the token through memory.
    #[inline(always)]
    fn track(&mut self, tok: &Tok<'a>) {
        self.prev = match tok {
            Tok::Indent | Tok::Dedent | Tok::Newline => {
                self.track_line(tok);
                self.prev = Prev::LineStart;
                return;
            }
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::WithLpar => {
                self.depth += 1;
                Prev::Other
            }
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => {
                self.depth = self.depth.saturating_sub(1);
                Prev::Other
            }
            Tok::Semi => Prev::Semi,
            Tok::Colon => Prev::Colon,
            Tok::With => Prev::With,
            _ => Prev::Other,
        };
        self.match_newline = false;
    }

    /// `track` for NEWLINE, INDENT and DEDENT.
    #[inline(never)]
    fn track_line(&mut self, tok: &Tok<'a>) {
        match tok {
            Tok::Indent => {
                self.indent += 1;
                if self.match_newline {
                    self.case_levels.push(self.indent);
                }
            }
            Tok::Dedent => {
                self.indent = self.indent.saturating_sub(1);
                while self.case_levels.last().is_some_and(|&l| l > self.indent) {
                    self.case_levels.pop();
                }
            }
            _ => {}
        }
        self.match_newline = false;
        if self.match_header && *tok == Tok::Newline && self.depth == 0 {
            self.match_header = false;
            self.match_newline = true;
        }
    }
}

/// What [`Lexer::next`] gives instead of an ordinary token (`Lexer::next_rare`).
#[derive(Clone, Copy)]
enum Rare {
    /// The synthetic start token.
    Start,
    /// [`Error::stop`]: an action failed, or the tokenizer stopped with an error here.
    Stop,
    /// The end of the tokens.
    End,
}

impl<'a> Lexer<'a, '_> {
    /// `next` for everything but an ordinary token: the start token, a failed action, the end
    /// of the tokens. Answers with a one-byte [`Rare`] rather than the token itself: a token
    /// returned from a call comes back through memory, and `next`'s result, which merges
    /// this answer with the ordinary token, would then be written to memory and read back
    /// on every token.
    #[cold]
    #[inline(never)]
    fn next_rare(&mut self) -> Rare {
        if !self.started {
            self.started = true;
            self.end = self.tokens.toks.len();
            return Rare::Start;
        }
        if self.ctx.failed() {
            // An action failed: the parser reports its error.
            return Rare::Stop;
        }
        // The tokenizer stopped with an error here (or the stream is over).
        let i = self.i;
        if self.tokens.error.is_some() {
            self.i += 1;
            if i == self.tokens.toks.len() {
                self.ctx.last.set(i);
                return Rare::Stop;
            }
        }
        Rare::End
    }
}

impl<'a> Iterator for Lexer<'a, '_> {
    type Item = Spanned<'a>;

    /// Inlined into the generated parser's loop, so that the token it returns stays in
    /// registers rather than going through memory written and read back in pieces of
    /// different sizes (a processor stall on every token).
    #[inline(always)]
    fn next(&mut self) -> Option<Spanned<'a>> {
        let i = self.i;
        if self.ctx.failed() || i >= self.end {
            return match self.next_rare() {
                Rare::Start => Some(Ok((Pos::default(), self.start, Pos::default()))),
                Rare::Stop => Some(Err(Error::stop())),
                Rare::End => None,
            };
        }
        let t = &self.tokens.toks[i];
        self.i += 1;
        self.ctx.last.set(i);
        let tok = if self.with_close == Some(i) {
            self.with_close = None;
            Tok::Rpar
        } else {
            self.classify(i, t)
        };
        self.track(&tok);
        Some(Ok((t.start_pos, tok, t.end_pos)))
    }
}
