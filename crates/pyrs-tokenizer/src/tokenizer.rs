//! The tokenizer's state machine: lines, indentation, brackets, string bodies and f-string modes,
//! following CPython 3.13's Parser/lexer/lexer.c decision for decision.
//!
//! The source is one UTF-8 buffer that always ends in `\n` (a missing final newline is supplied,
//! as CPython does). CPython reads its input a line at a time; the tokenizer models that with
//! [`Tokenizer::nextc`], which "enters" a new line only when it is asked for the character after a
//! newline. That keeps every line number and column exactly where CPython puts them, including in
//! error messages.

use crate::error::{ErrorCode, TokenizeError};
use crate::lexer::{next_raw, Raw};
use crate::token::TokenKind;
use crate::unicode;
use crate::{Position, Token};

/// Most indentation levels (CPython's MAXINDENT).
const MAX_INDENT: usize = 100;
/// Most nested brackets (CPython's MAXLEVEL).
const MAX_LEVEL: usize = 200;
/// Most nested f-strings (CPython's MAXFSTRINGLEVEL).
const MAX_FSTRING_LEVEL: usize = 150;
/// Most nested replacement fields inside one f-string (CPython's MAX_EXPR_NESTING).
const MAX_EXPR_NESTING: i32 = 3;
/// Columns per tab when measuring indentation.
const TAB_SIZE: u32 = 8;

/// What the tokenizer produces, and how strict it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The `tokenize` module's view: COMMENT and NL tokens are produced, and the checks that only
    /// the parser makes (number and identifier validity, bracket matching) are skipped.
    pub extra_tokens: bool,
    /// Produce TYPE_COMMENT and TYPE_IGNORE tokens for `# type:` comments (the parser's
    /// `type_comments=True`). Ignored when `extra_tokens` is set.
    pub type_comments: bool,
}

impl Config {
    /// What `python -m tokenize` sees: every token, comments included, lenient checks.
    pub const TOKENIZE_MODULE: Config = Config {
        extra_tokens: true,
        type_comments: false,
    };
    /// What the parser sees: no comments or NL, CPython's lexical errors.
    pub const PARSER: Config = Config {
        extra_tokens: false,
        type_comments: false,
    };
}

/// One open bracket: the character, and where it was opened.
#[derive(Clone, Copy, Debug)]
struct Paren {
    ch: u8,
    lineno: u32,
    col: u32,
}

/// The state of one f-string being tokenized (CPython's `tokenizer_mode`).
#[derive(Clone, Copy, Debug)]
struct FString {
    /// True while tokenizing a replacement field's expression (CPython's TOK_REGULAR_MODE).
    in_expr_mode: bool,
    quote: u8,
    quote_size: usize,
    raw: bool,
    /// Offset of the f-string's prefix, its line's start, and its line number.
    start: usize,
    start_line_start: usize,
    start_lineno: u32,
    curly_bracket_depth: i32,
    curly_bracket_expr_start_depth: i32,
    in_format_spec: bool,
    debug: bool,
}

impl FString {
    /// CPython's INSIDE_FSTRING_EXPR: a replacement field is open.
    fn inside_expr(&self) -> bool {
        self.curly_bracket_expr_start_depth >= 0
    }
}

/// What [`Tokenizer::enter_line_fast`] made of the start of a line.
enum LineStart {
    /// The line is entered and its first token comes next.
    Entered,
    /// The line's first token: NL, COMMENT, INDENT or DEDENT.
    Token(Token),
    /// Left to the full state machine.
    Slow,
}

/// The result of scanning one token: its kind and where its text begins and ends.
type Scan = Result<(TokenKind, usize, usize), Error>;

/// Errors travel boxed inside the tokenizer, so that the hot `Ok` path stays small.
type Error = Box<TokenizeError>;

/// An iterator over the tokens of Python source; see [`crate::tokenize`].
#[derive(Debug)]
pub struct Tokenizer<'src> {
    src: &'src str,
    bytes: &'src [u8],
    /// True when `src` does not end with `\n`: the tokenizer then reads one more, virtual `\n`
    /// at offset `src.len()`, as CPython supplies a missing final newline.
    implicit_newline: bool,
    /// `src.len()`, plus one for the virtual newline.
    end: usize,
    /// Whether the text has a NUL byte anywhere (then each line is checked for one).
    has_nul: bool,
    config: Config,

    /// The next character to read (CPython's `cur`).
    pos: usize,
    /// Start of the current line, and the offset just after its `\n` (CPython's `inp`).
    line_start: usize,
    line_end: usize,
    /// Where CPython's line buffer starts: the first line of a multi-line token.
    buf_start: usize,
    lineno: u32,
    /// Start of the token being scanned (CPython's `tok->start`), `None` between tokens.
    /// Only the slow path reads it (when it enters a line), after setting it itself; the fast
    /// path's tokens in the middle of a line do not keep it.
    token_start: Option<usize>,
    /// Line and line start where the current string literal began.
    first_lineno: u32,
    multi_line_start: usize,

    at_bol: bool,
    /// Indentation stack: (columns with tabs to 8, columns with tabs to 1).
    indents: Vec<(u32, u32)>,
    pending_indents: i32,
    parens: Vec<Paren>,
    modes: Vec<FString>,
    comment_newline: bool,
    /// An error found while reading a line (a NUL byte), reported at the next token.
    pending_error: Option<Error>,
    /// Whether the fast path may run: no queued INDENT/DEDENT, no f-string, not finished. Only
    /// the slow path changes those, and it recomputes this after every token.
    fast_ok: bool,
    eof: bool,
    finished: bool,
}

impl<'src> Tokenizer<'src> {
    /// A tokenizer over `src` that produces what `config` asks for.
    ///
    /// ```
    /// use pyrs_tokenizer::{Config, TokenKind, Tokenizer};
    /// let kinds: Vec<TokenKind> = Tokenizer::new("x = 1  # one", Config::PARSER)
    ///     .map(|t| t.unwrap().kind)
    ///     .collect();
    /// assert_eq!(kinds, [TokenKind::Name, TokenKind::Equal, TokenKind::Number,
    ///                    TokenKind::Newline, TokenKind::EndMarker]);
    /// ```
    pub fn new(src: &'src str, config: Config) -> Self {
        let implicit_newline = !src.is_empty() && !src.ends_with('\n');
        Tokenizer {
            src,
            bytes: src.as_bytes(),
            implicit_newline,
            end: src.len() + usize::from(implicit_newline),
            has_nul: memchr(0, src.as_bytes()).is_some(),
            config,
            pos: 0,
            line_start: 0,
            line_end: 0,
            buf_start: 0,
            lineno: 0,
            token_start: None,
            first_lineno: 0,
            multi_line_start: 0,
            at_bol: true,
            indents: vec![(0, 0)],
            pending_indents: 0,
            parens: Vec::new(),
            modes: Vec::new(),
            comment_newline: false,
            pending_error: None,
            fast_ok: true,
            eof: false,
            finished: false,
        }
    }

    /// The source text the tokens' offsets point into.
    pub fn source(&self) -> &'src str {
        self.src
    }

    /// True when the source does not end with a newline, so that the last NEWLINE or NL token
    /// stands for a newline CPython supplies (its text is empty).
    pub fn has_implicit_newline(&self) -> bool {
        self.implicit_newline
    }

    /// The byte at `i`, the virtual newline past the end of the text.
    #[inline]
    fn byte(&self, i: usize) -> u8 {
        match self.bytes.get(i) {
            Some(&b) => b,
            None => b'\n',
        }
    }

    // ---------------------------------------------------------------------------------------
    // Reading characters
    // ---------------------------------------------------------------------------------------

    /// The next byte, entering the next line when the current one is used up; `None` at the end.
    #[inline]
    fn nextc(&mut self) -> Option<u8> {
        if self.pos < self.line_end {
            let c = self.byte(self.pos);
            self.pos += 1;
            if c == b'\n' {
                self.line_end = self.pos;
            }
            return Some(c);
        }
        self.next_line()
    }

    /// Moves to the next line (CPython's underflow) and returns its first byte.
    #[cold]
    fn next_line(&mut self) -> Option<u8> {
        if self.eof || self.pending_error.is_some() {
            return None;
        }
        if self.token_start.is_none() && self.modes.is_empty() {
            self.buf_start = self.pos;
        }
        if self.pos >= self.end {
            self.eof = true;
            return None;
        }
        self.line_start = self.pos;
        // Where the line ends is found out when its newline is read (see `nextc`).
        self.line_end = self.end;
        self.lineno += 1;
        if self.has_nul {
            let end = self.line_end_exact();
            if memchr(0, &self.bytes[self.line_start..end.min(self.bytes.len())]).is_some() {
                self.pending_error =
                    Some(self.syntax_error("source code cannot contain null bytes"));
                self.skip_rest_of_line();
                return None;
            }
        }
        self.nextc()
    }

    /// The offset just after the current line's newline (CPython's `inp`).
    fn line_end_exact(&self) -> usize {
        let from = self.line_start.min(self.bytes.len());
        match memchr(b'\n', &self.bytes[from..]) {
            Some(i) => from + i + 1,
            None => self.end,
        }
    }

    /// Moves to the end of the current line, as CPython does (`tok->cur = tok->inp`) before
    /// reporting an error there.
    fn skip_rest_of_line(&mut self) {
        self.line_end = self.line_end_exact();
        self.pos = self.line_end;
    }

    /// Moves to the first byte of the rest of the current line that `find` finds, or to the end
    /// of the line's text when it finds none. The bytes skipped must not matter to the caller.
    #[inline]
    fn skip_to(&mut self, find: impl Fn(&[u8]) -> Option<usize>) {
        let end = self.line_end.min(self.bytes.len());
        if self.pos < end {
            self.pos += find(&self.bytes[self.pos..end]).unwrap_or(end - self.pos);
        }
    }

    /// Steps back over `c` (nothing to undo at the end of input).
    #[inline]
    fn backup(&mut self, c: Option<u8>) {
        if c.is_some() {
            self.pos -= 1;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------

    /// Number of characters in `bytes[from..to]`.
    fn chars_between(&self, from: usize, to: usize) -> u32 {
        let to = to.min(self.bytes.len());
        if from >= to {
            return 0;
        }
        count_chars(&self.bytes[from..to])
    }

    /// CPython's `_PyTokenizer_syntaxerror`: a SyntaxError at the current position.
    fn syntax_error(&self, message: impl Into<String>) -> Error {
        Box::new(TokenizeError {
            code: ErrorCode::Syntax,
            message: message.into(),
            lineno: self.lineno,
            offset: self.chars_between(self.line_start, self.pos),
        })
    }

    /// The errors CPython's `_tokenize` module reports from `tok->done`, located at the whole
    /// line buffer.
    fn done_error(&self, code: ErrorCode) -> Error {
        let offset = match code {
            // CPython measures this one in bytes, and from an empty buffer at the end of input.
            ErrorCode::Eof => (self.line_end_exact().max(self.buf_start) - self.buf_start) as u32,
            // Characters of the buffer, the supplied final newline included.
            _ => {
                let line_end = self.line_end_exact();
                self.chars_between(self.buf_start, line_end)
                    + u32::from(line_end > self.bytes.len())
            }
        };
        Box::new(TokenizeError {
            code,
            message: code.message().to_owned(),
            lineno: self.lineno,
            offset,
        })
    }

    // ---------------------------------------------------------------------------------------
    // Tokens
    // ---------------------------------------------------------------------------------------

    /// Builds a token from byte offsets `start..end`, with CPython's line numbers: strings and
    /// f-string text start on the line where they began.
    fn make(&self, kind: TokenKind, start: usize, end: usize) -> Token {
        let (start_line, start_line_start) =
            if matches!(kind, TokenKind::String | TokenKind::FstringMiddle) {
                (self.first_lineno, self.multi_line_start)
            } else {
                (self.lineno, self.line_start)
            };
        Token {
            kind,
            start: start as u32,
            end: end as u32,
            start_pos: Position {
                line: start_line,
                col: start.saturating_sub(start_line_start) as u32,
            },
            end_pos: Position {
                line: self.lineno,
                col: end.saturating_sub(self.line_start) as u32,
            },
        }
    }

    /// Every token the fast path leaves: the full state machine. `Ok(None)` after ENDMARKER.
    #[inline(never)]
    fn slow_token(&mut self) -> Result<Option<Token>, TokenizeError> {
        let result = self.slow_token_inner();
        self.fast_ok = self.pending_indents == 0 && self.modes.is_empty() && !self.finished;
        result
    }

    fn slow_token_inner(&mut self) -> Result<Option<Token>, TokenizeError> {
        if self.finished {
            return Ok(None);
        }
        let result = self.tok_get();
        if self.pending_error.is_some() {
            self.finished = true;
            return Err(*self.pending_error.take().expect("checked"));
        }
        match result {
            Ok((kind, start, end)) => {
                let mut token = self.make(kind, start, end);
                if kind == TokenKind::EndMarker || (kind == TokenKind::Dedent && self.eof) {
                    // Trailing tokens stand at the start of the line after the last one.
                    let line = self.lineno + 1;
                    token.start_pos = Position { line, col: 0 };
                    token.end_pos = Position { line, col: 0 };
                    token.start = self.src.len() as u32;
                    token.end = token.start;
                }
                if kind == TokenKind::EndMarker {
                    self.finished = true;
                }
                Ok(Some(token))
            }
            Err(err) => {
                self.finished = true;
                Err(*err)
            }
        }
    }

    /// The common case in one tight function: between tokens in the middle of a line, outside
    /// f-strings, the next token is an ASCII name or a delimiter that needs no further context.
    /// Anything else returns `None` without moving, and [`Tokenizer::normal_mode`] decides.
    #[inline]
    fn fast_token(&mut self) -> Option<Token> {
        if !self.fast_ok {
            return None;
        }
        loop {
            if let Some(token) = self.fast_token_once() {
                return token;
            }
        }
    }

    /// One step of [`Tokenizer::fast_token`]: `Some(token)` as it returns it, or `None` when a
    /// newline inside brackets was skipped (the parser has no token for it) and the next line
    /// is to be read.
    #[inline]
    fn fast_token_once(&mut self) -> Option<Option<Token>> {
        if self.at_bol {
            match self.enter_line_fast() {
                LineStart::Entered => {}
                LineStart::Token(token) => return Some(Some(token)),
                LineStart::Slow => return Some(None),
            }
        }
        let bytes = self.bytes;
        let line_end = self.line_end.min(bytes.len());
        let mut start = self.pos;
        while start < line_end && bytes[start] == b' ' {
            start += 1;
        }
        let Some(&first) = bytes.get(start).filter(|_| start < line_end) else {
            return Some(None);
        };
        let next = bytes.get(start + 1).copied().unwrap_or(b'\n');
        let (kind, end) = match first {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let end = ident_end(bytes, start + 1, line_end);
                // A quote after it makes a string prefix, a non-ASCII byte a longer name.
                if matches!(bytes.get(end), Some(&b) if b == b'\'' || b == b'"' || b >= 0x80) {
                    return Some(None);
                }
                (TokenKind::Name, end)
            }
            b'(' | b'[' | b'{' if self.parens.len() < MAX_LEVEL => {
                self.parens.push(Paren {
                    ch: first,
                    lineno: self.lineno,
                    col: (start - self.line_start) as u32,
                });
                let kind = match first {
                    b'(' => TokenKind::Lpar,
                    b'[' => TokenKind::Lsqb,
                    _ => TokenKind::Lbrace,
                };
                (kind, start + 1)
            }
            b')' | b']' | b'}' => {
                let open = self.parens.last().map(|p| p.ch);
                if !open.is_some_and(|open| brackets_match(open, first)) {
                    return Some(None);
                }
                self.parens.pop();
                let kind = match first {
                    b')' => TokenKind::Rpar,
                    b']' => TokenKind::Rsqb,
                    _ => TokenKind::Rbrace,
                };
                (kind, start + 1)
            }
            b',' => (TokenKind::Comma, start + 1),
            b';' => (TokenKind::Semi, start + 1),
            b'~' => (TokenKind::Tilde, start + 1),
            b'.' if next != b'.' && !next.is_ascii_digit() => (TokenKind::Dot, start + 1),
            b':' if next != b'=' => (TokenKind::Colon, start + 1),
            b'=' if next != b'=' => (TokenKind::Equal, start + 1),
            b'=' => (TokenKind::EqEqual, start + 2),
            b'\n' if !self.parens.is_empty() && !self.config.extra_tokens => {
                // A newline inside brackets: no token for the parser.
                self.skip_newline(start);
                return None;
            }
            b'\n' => {
                // The end of a line that had tokens: NEWLINE, or NL inside brackets or after a
                // comment that was alone on its line.
                let kind = if !self.parens.is_empty() || self.comment_newline {
                    if !self.config.extra_tokens {
                        return Some(None);
                    }
                    self.comment_newline = false;
                    TokenKind::Nl
                } else {
                    TokenKind::Newline
                };
                self.at_bol = true;
                self.line_end = start + 1;
                (kind, start + 1)
            }
            b'\'' | b'"' if next == first => {
                // An empty string; a third quote opens a triple-quoted one (the slow path's).
                if bytes.get(start + 2) == Some(&first) {
                    return Some(None);
                }
                (TokenKind::String, start + 2)
            }
            b'\'' | b'"' => {
                // A one-line string without escapes; anything else takes the slow path.
                let body = &bytes[start + 1..line_end];
                let Some(i) = memchr::memchr3(first, b'\\', b'\n', body) else {
                    return Some(None);
                };
                if body[i] != first {
                    return Some(None);
                }
                (TokenKind::String, start + i + 2)
            }
            b'#' if self.config.extra_tokens => {
                let rest = &bytes[start..line_end];
                let len = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
                (TokenKind::Comment, start + len)
            }
            b'#' => {
                // For the parser, a comment after a line's tokens is skipped and the line's
                // NEWLINE starts where the comment does, as CPython's does.
                let Some(len) = self.skipped_line_end(&bytes[start..]) else {
                    return Some(None);
                };
                let newline = start + len;
                if !self.parens.is_empty() {
                    self.skip_newline(newline);
                    return None;
                }
                self.at_bol = true;
                self.line_end = newline + 1;
                (TokenKind::Newline, newline + 1)
            }
            b'0'..=b'9' => {
                // A decimal integer that ends in a plain delimiter.
                let rest = &bytes[start..line_end];
                let len = rest
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(rest.len());
                match rest.get(len) {
                    Some(b' ' | b')' | b']' | b'}' | b',' | b':' | b'\n' | b';') => {}
                    _ => return Some(None),
                }
                if first == b'0' && len > 1 {
                    return Some(None);
                }
                (TokenKind::Number, start + len)
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'!' | b'&' | b'|' | b'^' | b'@' => {
                match next_raw(&self.src[start..]) {
                    Some((Raw::Operator(kind), len)) => (kind, start + len),
                    _ => return Some(None),
                }
            }
            _ => return Some(None),
        };
        // `token_start` is left as it is: only the slow path reads it, and it sets it first.
        self.pos = end;
        Some(Some(self.line_token(kind, start, end)))
    }

    /// Reads the newline at `at`, inside brackets: the next line is entered next.
    #[inline]
    fn skip_newline(&mut self, at: usize) {
        self.at_bol = true;
        self.token_start = None;
        self.pos = at + 1;
        self.line_end = self.pos;
    }

    /// The common starts of a line, indented with spaces only: outside brackets, a token at an
    /// unchanged, deeper (INDENT) or shallower (DEDENT) indentation, and in `tokenize`-module
    /// mode a blank line (NL) or a comment alone on its line (COMMENT); for the parser, blank
    /// lines and comment lines are skipped, and inside brackets a line's first token is read. Enters the line as
    /// `nextc` and `indentation` would; anything else — tabs, form feeds, backslashes, errors —
    /// is left to the slow path, with nothing moved.
    #[inline]
    fn enter_line_fast(&mut self) -> LineStart {
        let in_brackets = !self.parens.is_empty();
        if self.has_nul || (in_brackets && self.config.extra_tokens) {
            return LineStart::Slow;
        }
        let (pos, line, col) = loop {
            let pos = self.pos;
            if pos != self.line_end || self.eof {
                return LineStart::Slow;
            }
            let Some(line) = self.bytes.get(pos..) else {
                return LineStart::Slow;
            };
            let col = count_spaces(line);
            match line.get(col) {
                Some(b'\n' | b'#') if !self.config.extra_tokens => {
                    // A blank line or a comment alone on its line: no token for the parser.
                    let Some(newline) = self.skipped_line_end(&line[col..]) else {
                        return LineStart::Slow;
                    };
                    self.enter_line(pos);
                    self.pos = pos + col + newline + 1;
                    self.line_end = self.pos;
                }
                _ => break (pos, line, col),
            }
        };
        let start = pos + col;
        if in_brackets {
            // Inside brackets, for the parser: indentation does not count.
            if matches!(line.get(col), None | Some(b'\t' | 0x0c | b'\\' | b'\r')) {
                return LineStart::Slow;
            }
            self.enter_line(pos);
            self.token_start = Some(start);
            self.pos = start;
            self.at_bol = false;
            return LineStart::Entered;
        }
        let kind = match line.get(col) {
            None | Some(b'\t' | 0x0c | b'\\' | b'\r') => return LineStart::Slow,
            Some(b'\n') => {
                // A blank line: NL, and the next line starts at once.
                self.enter_line(pos);
                self.pos = start + 1;
                self.line_end = self.pos;
                self.token_start = Some(start);
                return LineStart::Token(self.line_token(TokenKind::Nl, start, start + 1));
            }
            Some(b'#') => {
                // A comment alone on its line: COMMENT, then NL for its newline.
                let len = memchr::memchr2(b'\n', b'\r', &line[col..]).unwrap_or(line.len() - col);
                self.enter_line(pos);
                self.pos = start + len;
                self.token_start = Some(start);
                self.at_bol = false;
                self.comment_newline = true;
                return LineStart::Token(self.line_token(TokenKind::Comment, start, start + len));
            }
            Some(_) => {
                let col = col as u32;
                let (top, alttop) = *self.indents.last().expect("indent stack is never empty");
                if col == top && top == alttop {
                    None
                } else if col > top && top == alttop && self.indents.len() < MAX_INDENT {
                    self.indents.push((col, col));
                    Some(TokenKind::Indent)
                } else if col < top {
                    // The level dedented to must match, tabs and spaces alike.
                    let Some(level) = self.indents.iter().rposition(|&(c, _)| c <= col) else {
                        return LineStart::Slow;
                    };
                    if self.indents[level] != (col, col) {
                        return LineStart::Slow;
                    }
                    let dedents = self.indents.len() - 1 - level;
                    self.indents.truncate(level + 1);
                    // The first DEDENT is returned here, the others by the slow path.
                    self.pending_indents = 1 - dedents as i32;
                    self.fast_ok = self.pending_indents == 0;
                    Some(TokenKind::Dedent)
                } else {
                    return LineStart::Slow;
                }
            }
        };
        self.enter_line(pos);
        self.token_start = Some(start);
        self.pos = start;
        self.at_bol = false;
        match kind {
            None => LineStart::Entered,
            Some(TokenKind::Indent) => {
                LineStart::Token(self.line_token(TokenKind::Indent, pos, start))
            }
            Some(kind) => LineStart::Token(self.line_token(kind, start, start)),
        }
    }

    /// For the parser, where a blank line or a comment ends that `rest` (from the blank line's
    /// newline or the comment's `#` on) starts: the offset of its `\n` in `rest`. `None` when
    /// the slow path must read it: a carriage return, no newline before the end of the text,
    /// or a comment that may be a type comment when those are asked for.
    #[inline]
    fn skipped_line_end(&self, rest: &[u8]) -> Option<usize> {
        if rest.first() == Some(&b'\n') {
            return Some(0);
        }
        if self.config.type_comments && may_be_type_comment(rest) {
            return None;
        }
        let i = memchr::memchr2(b'\n', b'\r', rest)?;
        (rest[i] == b'\n').then_some(i)
    }

    /// A token on the current line.
    #[inline]
    fn line_token(&self, kind: TokenKind, start: usize, end: usize) -> Token {
        let line = self.lineno;
        Token {
            kind,
            start: start as u32,
            end: end as u32,
            start_pos: Position {
                line,
                col: (start - self.line_start) as u32,
            },
            end_pos: Position {
                line,
                col: (end - self.line_start) as u32,
            },
        }
    }

    /// Starts the line at `pos` (what `next_line` does when the last one is used up).
    #[inline]
    fn enter_line(&mut self, pos: usize) {
        self.lineno += 1;
        self.line_start = pos;
        self.line_end = self.end;
        self.buf_start = pos;
    }

    fn tok_get(&mut self) -> Scan {
        match self.modes.last() {
            Some(mode) if !mode.in_expr_mode => self.fstring_mode(),
            _ => self.normal_mode(),
        }
    }

    /// Reads the indentation of a new line and queues INDENT/DEDENT tokens; returns whether the
    /// line is blank (only whitespace and/or a comment).
    fn indentation(&mut self) -> Result<bool, Error> {
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        let mut cont_line_col: u32 = 0;
        let c = loop {
            let c = self.nextc();
            match c {
                Some(b' ') => {
                    // Indentation is mostly spaces: take the whole run at once.
                    let end = self.line_end.min(self.bytes.len());
                    let run = count_spaces(&self.bytes[self.pos..end]);
                    self.pos += run;
                    col += 1 + run as u32;
                    altcol += 1 + run as u32;
                }
                Some(b'\t') => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    altcol += 1;
                }
                Some(0x0c) => {
                    col = 0;
                    altcol = 0;
                }
                Some(b'\\') => {
                    // Only the first backslash-continued prefix sets the indentation.
                    if cont_line_col == 0 {
                        cont_line_col = col;
                    }
                    self.continuation_line()?;
                }
                other => break other,
            }
        };
        self.backup(c);
        let blank = matches!(c, Some(b'#' | b'\n' | b'\r'));
        if blank || !self.parens.is_empty() {
            return Ok(blank);
        }
        if cont_line_col != 0 {
            col = cont_line_col;
            altcol = cont_line_col;
        }
        let (top, alttop) = *self.indents.last().expect("indent stack is never empty");
        if col == top {
            if altcol != alttop {
                return Err(self.indent_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                self.skip_rest_of_line();
                return Err(self.done_error(ErrorCode::TooDeep));
            }
            if altcol <= alttop {
                return Err(self.indent_error());
            }
            self.pending_indents += 1;
            self.indents.push((col, altcol));
        } else {
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |i| i.0) {
                self.pending_indents -= 1;
                self.indents.pop();
            }
            let (top, alttop) = *self.indents.last().expect("indent stack is never empty");
            if col != top {
                self.skip_rest_of_line();
                return Err(self.done_error(ErrorCode::Dedent));
            }
            if altcol != alttop {
                return Err(self.indent_error());
            }
        }
        Ok(false)
    }

    fn indent_error(&mut self) -> Error {
        self.skip_rest_of_line();
        self.done_error(ErrorCode::TabSpace)
    }

    /// After a backslash: the rest of the line must be a newline, and input must go on.
    fn continuation_line(&mut self) -> Result<(), Error> {
        let mut c = self.nextc();
        if c == Some(b'\r') {
            c = self.nextc();
        }
        if c != Some(b'\n') {
            return Err(self.done_error(ErrorCode::LineContinuation));
        }
        let c = self.nextc();
        if c.is_none() {
            self.skip_rest_of_line();
            return Err(self.done_error(ErrorCode::Eof));
        }
        self.backup(c);
        Ok(())
    }

    fn normal_mode(&mut self) -> Scan {
        let mut blankline = false;
        'nextline: loop {
            self.token_start = None;
            if self.at_bol {
                self.at_bol = false;
                blankline = self.indentation()?;
            }
            self.token_start = Some(self.pos);

            if self.pending_indents != 0 {
                if self.pending_indents < 0 {
                    self.pending_indents += 1;
                    return Ok((TokenKind::Dedent, self.pos, self.pos));
                }
                self.pending_indents -= 1;
                return Ok((TokenKind::Indent, self.buf_start, self.pos));
            }

            'again: loop {
                self.token_start = None;
                // Skip blanks within the line in a tight loop, then read the next character.
                let line_end = self.line_end.min(self.bytes.len());
                let mut p = self.pos;
                while p < line_end && matches!(self.bytes[p], b' ' | b'\t' | 0x0c) {
                    p += 1;
                }
                self.pos = p;
                let mut c = self.nextc();
                while matches!(c, Some(b' ' | b'\t' | 0x0c)) {
                    c = self.nextc();
                }
                let start = if c.is_some() { self.pos - 1 } else { self.pos };
                self.token_start = Some(start);

                if c == Some(b'#') {
                    self.skip_to(|rest| memchr::memchr2(b'\n', b'\r', rest));
                    c = self.nextc();
                    while !matches!(c, None | Some(b'\n' | b'\r')) {
                        c = self.nextc();
                    }
                    if self.config.extra_tokens {
                        self.backup(c);
                        self.comment_newline = blankline;
                        return Ok((TokenKind::Comment, start, self.pos));
                    }
                    if self.config.type_comments {
                        self.backup(c);
                        if let Some(tok) = self.type_comment(start, blankline) {
                            return Ok(tok);
                        }
                        c = self.nextc();
                    }
                    // Not a token for the parser: go on with the newline that ends it.
                }

                let Some(mut ch) = c else {
                    if self.pending_error.is_none() && !self.parens.is_empty() {
                        return Err(self.done_error(ErrorCode::Eof));
                    }
                    return Ok((TokenKind::EndMarker, self.pos, self.pos));
                };

                // Names, string and f-string openings, numbers: ask the automaton.
                if ch >= 0x80
                    || ch.is_ascii_alphanumeric()
                    || matches!(ch, b'_' | b'\'' | b'"' | b'.')
                {
                    return self.lexed(start);
                }

                let mut after_cr = false;
                if ch == b'\r' {
                    match self.nextc() {
                        Some(next) => ch = next,
                        None => return Ok((TokenKind::Op, start, self.pos)),
                    }
                    after_cr = true;
                }

                if ch == b'\n' {
                    self.at_bol = true;
                    if blankline || !self.parens.is_empty() {
                        if self.config.extra_tokens {
                            self.comment_newline = false;
                            return Ok((TokenKind::Nl, start, self.newline_end()));
                        }
                        blankline = false;
                        continue 'nextline;
                    }
                    if self.comment_newline && self.config.extra_tokens {
                        self.comment_newline = false;
                        return Ok((TokenKind::Nl, start, self.newline_end()));
                    }
                    return Ok((TokenKind::Newline, start, self.newline_end()));
                }

                if ch == b'\\' {
                    self.continuation_line()?;
                    continue 'again;
                }

                if after_cr {
                    // A lone carriage return: CPython goes on with the next character, so the
                    // token that follows starts at the `\r` (and a letter is not a name there).
                    let at = self.pos - 1;
                    let (kind, _, end) = if matches!(ch, b'\'' | b'"') {
                        // The string's errors point just after its start, the `\r`.
                        self.string(start, ch)?
                    } else if ch.is_ascii_digit() || ch == b'.' {
                        self.lexed(at)?
                    } else if ch >= 0x80 {
                        // CPython splits the character here and fails to decode the token; pyrs
                        // keeps whole characters and reports an operator token.
                        let len = self.src[at..].chars().next().map_or(1, char::len_utf8);
                        self.pos = at + len;
                        (TokenKind::Op, at, self.pos)
                    } else {
                        self.punctuation(at, ch)?
                    };
                    return Ok((kind, start, end));
                }

                return self.punctuation(start, ch);
            }
        }
    }

    /// The end of a NEWLINE or NL token: empty when the newline was supplied.
    fn newline_end(&self) -> usize {
        if self.implicit_newline && self.pos == self.end {
            self.pos - 1
        } else {
            self.pos
        }
    }

    /// `# type: ...` and `# type: ignore...` comments, as the parser asks for them.
    fn type_comment(&mut self, start: usize, blankline: bool) -> Option<(TokenKind, usize, usize)> {
        let text = &self.bytes[start..self.pos];
        let mut p = 0;
        for &want in b"# type: " {
            if want == b' ' {
                while p < text.len() && matches!(text[p], b' ' | b'\t') {
                    p += 1;
                }
            } else if p < text.len() && text[p] == want {
                p += 1;
            } else {
                return None;
            }
        }
        let rest = &text[p..];
        let is_ignore = rest.starts_with(b"ignore")
            && !(rest.len() > 6 && (rest[6] >= 0x80 || rest[6].is_ascii_alphanumeric()));
        if is_ignore {
            let from = start + p + 6;
            let end = self.pos;
            if blankline {
                // A type-ignore alone on its line takes its newline with it.
                self.nextc();
                self.at_bol = true;
            }
            return Some((TokenKind::TypeIgnore, from, end));
        }
        Some((TokenKind::TypeComment, start + p, self.pos))
    }

    /// A token the logos automaton recognises at `start` (the first byte is already read).
    fn lexed(&mut self, start: usize) -> Scan {
        // Fast path for the most frequent token, an ASCII name that cannot be a string prefix
        // (not followed by a quote) and does not go on with non-ASCII characters.
        let first = self.bytes[start];
        if first.is_ascii_alphabetic() || first == b'_' {
            let rest = &self.bytes[start + 1..];
            let len = rest
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
            let end = start + 1 + len.unwrap_or(rest.len());
            if !matches!(self.bytes.get(end), Some(&b) if b == b'\'' || b == b'"' || b >= 0x80) {
                self.pos = end;
                return Ok((TokenKind::Name, start, end));
            }
        }
        let Some((raw, len)) = next_raw(&self.src[start..]) else {
            // Unreachable for the bytes that lead here, but never panic on input.
            return self.punctuation(start, self.bytes[start]);
        };
        match raw {
            Raw::Name => {
                self.pos = start + len;
                if !self.config.extra_tokens && !self.bytes[start..self.pos].is_ascii() {
                    self.verify_identifier(start)?;
                }
                Ok((TokenKind::Name, start, self.pos))
            }
            Raw::NumberStart => {
                self.pos = start + 1;
                self.number(start)
            }
            Raw::StringStart => {
                self.pos = start + len;
                self.string(start, self.bytes[self.pos - 1])
            }
            Raw::FstringStart => {
                self.pos = start + len;
                self.fstring_start(start, self.bytes[self.pos - 1])
            }
            Raw::Operator(TokenKind::Dot) => {
                self.pos = start + 1;
                Ok((TokenKind::Dot, start, self.pos))
            }
            Raw::Operator(_) => {
                // Operators made of `.` only (the ellipsis); the rest come through punctuation.
                self.pos = start + len;
                Ok((TokenKind::Ellipsis, start, self.pos))
            }
        }
    }

    /// CPython's `verify_identifier`: every character must be allowed in an identifier.
    fn verify_identifier(&mut self, start: usize) -> Result<(), Error> {
        let text = &self.src[start..self.pos];
        let mut first = true;
        for (i, ch) in text.char_indices() {
            let ok = if first {
                unicode::is_xid_start(ch)
            } else {
                unicode::is_xid_continue(ch)
            };
            first = false;
            if !ok {
                self.pos = start + i + ch.len_utf8();
                let message = if unicode::is_printable(ch) {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                return Err(self.syntax_error(message));
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------------------------------
    // Numbers
    // ---------------------------------------------------------------------------------------

    fn is_digit(c: Option<u8>) -> bool {
        matches!(c, Some(b'0'..=b'9'))
    }

    /// Digits with single underscores between them; returns the first byte after them.
    fn decimal_tail(&mut self) -> Result<Option<u8>, Error> {
        loop {
            let mut c = self.nextc();
            while Self::is_digit(c) {
                c = self.nextc();
            }
            if c != Some(b'_') {
                return Ok(c);
            }
            let c = self.nextc();
            if !Self::is_digit(c) {
                self.backup(c);
                return Err(self.syntax_error("invalid decimal literal"));
            }
        }
    }

    /// A number literal; `start` is its first byte (a digit, or a dot followed by a digit).
    fn number(&mut self, start: usize) -> Scan {
        let first = self.bytes[start];
        let mut c;
        if first == b'.' {
            // `.5`: the automaton saw the digit; read it again as a fraction.
            self.pos = start + 1;
            c = self.nextc();
            return self.fraction(start, c);
        }
        if first == b'0' {
            c = self.nextc();
            match c {
                Some(b'x' | b'X') => {
                    return self.radix(start, "hexadecimal", |c| c.is_ascii_hexdigit(), false)
                }
                Some(b'o' | b'O') => {
                    return self.radix(start, "octal", |c| (b'0'..=b'7').contains(&c), true)
                }
                Some(b'b' | b'B') => {
                    return self.radix(start, "binary", |c| c == b'0' || c == b'1', true)
                }
                _ => {}
            }
            let mut nonzero = false;
            loop {
                if c == Some(b'_') {
                    c = self.nextc();
                    if !Self::is_digit(c) {
                        self.backup(c);
                        return Err(self.syntax_error("invalid decimal literal"));
                    }
                }
                if c != Some(b'0') {
                    break;
                }
                c = self.nextc();
            }
            let zeros_end = self.pos;
            if Self::is_digit(c) {
                nonzero = true;
                c = self.decimal_tail()?;
            }
            match c {
                Some(b'.') => {
                    c = self.nextc();
                    return self.fraction(start, c);
                }
                Some(b'e' | b'E') => return self.exponent(start, c),
                Some(b'j' | b'J') => return self.imaginary(start),
                _ => {}
            }
            if nonzero && !self.config.extra_tokens {
                self.backup(c);
                let mut err = self.syntax_error(
                    "leading zeros in decimal integer literals are not permitted; \
                     use an 0o prefix for octal integers",
                );
                err.offset = self.chars_between(self.line_start, start + 1);
                let _ = zeros_end;
                return Err(err);
            }
            self.verify_end_of_number(c, "decimal")?;
            self.backup(c);
            return Ok((TokenKind::Number, start, self.pos));
        }
        c = self.decimal_tail()?;
        if c == Some(b'.') {
            c = self.nextc();
            return self.fraction(start, c);
        }
        self.after_fraction(start, c)
    }

    /// Hexadecimal, octal and binary digits after the `0x`/`0o`/`0b` prefix.
    fn radix(
        &mut self,
        start: usize,
        name: &str,
        is_digit: fn(u8) -> bool,
        report_decimal_digit: bool,
    ) -> Scan {
        let mut c = self.nextc();
        loop {
            if c == Some(b'_') {
                c = self.nextc();
            }
            match c {
                Some(d) if is_digit(d) => {}
                Some(d) if report_decimal_digit && d.is_ascii_digit() => {
                    return Err(self
                        .syntax_error(format!("invalid digit '{}' in {name} literal", d as char)));
                }
                _ => {
                    self.backup(c);
                    return Err(self.syntax_error(format!("invalid {name} literal")));
                }
            }
            loop {
                c = self.nextc();
                if !matches!(c, Some(d) if is_digit(d)) {
                    break;
                }
            }
            if c != Some(b'_') {
                break;
            }
        }
        if report_decimal_digit {
            if let Some(d) = c.filter(u8::is_ascii_digit) {
                return Err(
                    self.syntax_error(format!("invalid digit '{}' in {name} literal", d as char))
                );
            }
        }
        self.verify_end_of_number(c, name)?;
        self.backup(c);
        Ok((TokenKind::Number, start, self.pos))
    }

    /// After the decimal point; `c` is the first byte after it.
    fn fraction(&mut self, start: usize, mut c: Option<u8>) -> Scan {
        if Self::is_digit(c) {
            c = self.decimal_tail()?;
        }
        self.after_fraction(start, c)
    }

    /// An optional exponent and imaginary suffix.
    fn after_fraction(&mut self, start: usize, c: Option<u8>) -> Scan {
        match c {
            Some(b'e' | b'E') => self.exponent(start, c),
            Some(b'j' | b'J') => self.imaginary(start),
            _ => {
                self.verify_end_of_number(c, "decimal")?;
                self.backup(c);
                Ok((TokenKind::Number, start, self.pos))
            }
        }
    }

    /// The exponent; `e` is the `e` or `E` just read.
    fn exponent(&mut self, start: usize, e: Option<u8>) -> Scan {
        let mut c = self.nextc();
        if matches!(c, Some(b'+' | b'-')) {
            c = self.nextc();
            if !Self::is_digit(c) {
                self.backup(c);
                return Err(self.syntax_error("invalid decimal literal"));
            }
        } else if !Self::is_digit(c) {
            // `1else`: the `e` belongs to what follows, not to the number.
            self.backup(c);
            self.verify_end_of_number(e, "decimal")?;
            self.backup(e);
            return Ok((TokenKind::Number, start, self.pos));
        }
        c = self.decimal_tail()?;
        match c {
            Some(b'j' | b'J') => self.imaginary(start),
            _ => {
                self.verify_end_of_number(c, "decimal")?;
                self.backup(c);
                Ok((TokenKind::Number, start, self.pos))
            }
        }
    }

    fn imaginary(&mut self, start: usize) -> Scan {
        let c = self.nextc();
        self.verify_end_of_number(c, "imaginary")?;
        self.backup(c);
        Ok((TokenKind::Number, start, self.pos))
    }

    /// CPython's `verify_end_of_number`: a number may not run into a name, except into the
    /// keywords that can follow a number in valid code (`1if x else 2`).
    fn verify_end_of_number(&mut self, c: Option<u8>, kind: &str) -> Result<(), Error> {
        if self.config.extra_tokens {
            return Ok(());
        }
        let Some(ch) = c else { return Ok(()) };
        // The byte after `c` is at self.pos; `c` itself was at self.pos - 1.
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let keyword_follows = match ch {
            b'a' => starts_keyword(rest, b"nd"),
            b'e' => starts_keyword(rest, b"lse"),
            b'f' => starts_keyword(rest, b"or"),
            b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
            b'o' => starts_keyword(rest, b"r"),
            b'n' => starts_keyword(rest, b"ot"),
            _ => false,
        };
        if keyword_follows {
            // CPython warns here (SyntaxWarning "invalid ... literal") and goes on.
            return Ok(());
        }
        if ch < 0x80 && (ch.is_ascii_alphanumeric() || ch == b'_') {
            self.backup(c);
            let err = self.syntax_error(format!("invalid {kind} literal"));
            self.pos += 1;
            return Err(err);
        }
        Ok(())
    }

    // ---------------------------------------------------------------------------------------
    // Strings
    // ---------------------------------------------------------------------------------------

    /// A string literal; its prefix and first quote (at `self.pos - 1`) are read.
    fn string(&mut self, start: usize, quote: u8) -> Scan {
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut has_escaped_quote = false;

        let mut c = self.nextc();
        if c == Some(quote) {
            c = self.nextc();
            if c == Some(quote) {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c != Some(quote) {
            self.backup(c);
        }

        while end_quote_size != quote_size {
            if end_quote_size == 0 {
                // Fast path: skip to the next byte that matters in this line.
                self.skip_to(|rest| memchr::memchr3(quote, b'\\', b'\n', rest));
            }
            c = self.nextc();
            if self.pending_error.is_some() {
                return Err(self.pending_error.take().expect("checked"));
            }
            if c.is_none() || (quote_size == 1 && c == Some(b'\n')) {
                return Err(self.unterminated_string(start, quote, quote_size, has_escaped_quote));
            }
            if c == Some(quote) {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == Some(b'\\') {
                    c = self.nextc();
                    if c == Some(quote) {
                        has_escaped_quote = true;
                    }
                    if c == Some(b'\r') {
                        self.nextc();
                    }
                }
            }
        }
        Ok((TokenKind::String, start, self.pos))
    }

    /// The error for a string that reaches the end of its line or of the input, located at its
    /// opening quote.
    fn unterminated_string(
        &mut self,
        start: usize,
        quote: u8,
        quote_size: usize,
        has_escaped_quote: bool,
    ) -> Error {
        let detected_at = self.lineno;
        self.pos = start + 1;
        self.line_start = self.multi_line_start;
        self.lineno = self.first_lineno;
        if let Some(mode) = self.modes.last() {
            if mode.quote == quote && mode.quote_size == quote_size {
                return self.syntax_error("f-string: expecting '}'");
            }
        }
        if quote_size == 3 {
            self.syntax_error(format!(
                "unterminated triple-quoted string literal (detected at line {detected_at})"
            ))
        } else if has_escaped_quote {
            self.syntax_error(format!(
                "unterminated string literal (detected at line {detected_at}); \
                 perhaps you escaped the end quote?"
            ))
        } else {
            self.syntax_error(format!(
                "unterminated string literal (detected at line {detected_at})"
            ))
        }
    }

    /// An f-string's prefix and first quote are read: work out the quote size and enter
    /// f-string mode.
    fn fstring_start(&mut self, start: usize, quote: u8) -> Scan {
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;
        let mut quote_size = 1;
        let after_quote = self.nextc();
        if after_quote == Some(quote) {
            let after_after = self.nextc();
            if after_after == Some(quote) {
                quote_size = 3;
            } else {
                self.backup(after_after);
                self.backup(after_quote);
            }
        } else {
            self.backup(after_quote);
        }
        if self.modes.len() + 1 >= MAX_FSTRING_LEVEL {
            return Err(self.syntax_error("too many nested f-strings"));
        }
        let prefix = &self.bytes[start..];
        let raw = prefix[0].eq_ignore_ascii_case(&b'r') || prefix[1].eq_ignore_ascii_case(&b'r');
        self.modes.push(FString {
            in_expr_mode: false,
            quote,
            quote_size,
            raw,
            start,
            start_line_start: self.line_start,
            start_lineno: self.lineno,
            curly_bracket_depth: 0,
            curly_bracket_expr_start_depth: -1,
            in_format_spec: false,
            debug: false,
        });
        Ok((TokenKind::FstringStart, start, self.pos))
    }

    /// Inside an f-string, outside its replacement fields: literal text, or the end.
    fn fstring_mode(&mut self) -> Scan {
        let start = self.pos;
        self.token_start = Some(start);
        self.first_lineno = self.lineno;
        let mode_index = self.modes.len() - 1;

        let start_char = self.nextc();
        if start_char == Some(b'{') {
            let peek = self.nextc();
            self.backup(peek);
            self.backup(start_char);
            if peek != Some(b'{') {
                let mode = &mut self.modes[mode_index];
                mode.curly_bracket_expr_start_depth += 1;
                if mode.curly_bracket_expr_start_depth >= MAX_EXPR_NESTING {
                    return Err(self.syntax_error("f-string: expressions nested too deeply"));
                }
                mode.in_expr_mode = true;
                return self.normal_mode();
            }
        } else {
            self.backup(start_char);
        }

        let FString {
            quote,
            quote_size,
            raw,
            ..
        } = self.modes[mode_index];
        let mut at_end = true;
        for _ in 0..quote_size {
            let c = self.nextc();
            if c != Some(quote) {
                self.backup(c);
                at_end = false;
                break;
            }
        }
        if at_end {
            self.modes.pop();
            return Ok((TokenKind::FstringEnd, start, self.pos));
        }

        self.multi_line_start = self.line_start;
        let mut end_quote_size = 0;
        let mut unicode_escape = false;
        while end_quote_size != quote_size {
            let c = self.nextc();
            if let Some(err) = self.pending_error.take() {
                return Err(err);
            }
            let mode = self.modes[mode_index];
            let in_format_spec = mode.in_format_spec && mode.inside_expr();
            if c.is_none() || (quote_size == 1 && c == Some(b'\n')) {
                if in_format_spec && c == Some(b'\n') {
                    // A format spec ends at the end of a single-quoted f-string's line.
                    self.backup(c);
                    let mode = &mut self.modes[mode_index];
                    mode.in_expr_mode = true;
                    mode.in_format_spec = false;
                    return Ok((TokenKind::FstringMiddle, start, self.pos));
                }
                let detected_at = self.lineno;
                self.pos = mode.start + 1;
                self.line_start = mode.start_line_start;
                self.lineno = mode.start_lineno;
                return Err(if quote_size == 3 {
                    self.syntax_error(format!(
                        "unterminated triple-quoted f-string literal (detected at line {detected_at})"
                    ))
                } else {
                    self.syntax_error(format!(
                        "unterminated f-string literal (detected at line {detected_at})"
                    ))
                });
            }
            if c == Some(quote) {
                end_quote_size += 1;
                continue;
            }
            end_quote_size = 0;
            match c {
                Some(b'{') => {
                    let peek = self.nextc();
                    if peek != Some(b'{') || in_format_spec {
                        self.backup(peek);
                        self.backup(c);
                        let mode = &mut self.modes[mode_index];
                        mode.curly_bracket_expr_start_depth += 1;
                        if mode.curly_bracket_expr_start_depth >= MAX_EXPR_NESTING {
                            return Err(
                                self.syntax_error("f-string: expressions nested too deeply")
                            );
                        }
                        mode.in_expr_mode = true;
                        mode.in_format_spec = false;
                        return Ok((TokenKind::FstringMiddle, start, self.pos));
                    }
                    // `{{` is text: the token ends after the first brace, the second is skipped.
                    return Ok((TokenKind::FstringMiddle, start, self.pos - 1));
                }
                Some(b'}') => {
                    if unicode_escape {
                        return Ok((TokenKind::FstringMiddle, start, self.pos));
                    }
                    let peek = self.nextc();
                    if peek == Some(b'}') && !in_format_spec && mode.curly_bracket_depth == 0 {
                        return Ok((TokenKind::FstringMiddle, start, self.pos - 1));
                    }
                    self.backup(peek);
                    self.backup(c);
                    let mode = &mut self.modes[mode_index];
                    mode.in_expr_mode = true;
                    mode.in_format_spec = false;
                    return Ok((TokenKind::FstringMiddle, start, self.pos));
                }
                Some(b'\\') => {
                    let mut peek = self.nextc();
                    if peek == Some(b'\r') {
                        peek = self.nextc();
                    }
                    if matches!(peek, Some(b'{' | b'}')) {
                        // CPython warns about the invalid escape `\{` here and goes on.
                        self.backup(peek);
                        continue;
                    }
                    if !raw && peek == Some(b'N') {
                        let next = self.nextc();
                        if next == Some(b'{') {
                            unicode_escape = true;
                        } else {
                            self.backup(next);
                        }
                    }
                }
                _ => {}
            }
        }
        // The closing quotes were read: give them back for FSTRING_END.
        self.pos -= quote_size;
        Ok((TokenKind::FstringMiddle, start, self.pos))
    }

    /// Operators and delimiters, with bracket matching and the f-string rules for `{ } : ! =`.
    /// `ch` (at `start`) has been read.
    fn punctuation(&mut self, start: usize, ch: u8) -> Scan {
        if matches!(ch, b':' | b'}' | b'!' | b'{') {
            if let Some(mode) = self.modes.last_mut() {
                if mode.inside_expr() {
                    let cursor = mode.curly_bracket_depth - i32::from(ch != b'{');
                    if ch == b':' && cursor == mode.curly_bracket_expr_start_depth {
                        mode.in_expr_mode = false;
                        mode.in_format_spec = true;
                        self.pos = start + 1;
                        return Ok((TokenKind::Colon, start, self.pos));
                    }
                }
            }
        }

        // Two- and three-character operators (the delimiters below begin none).
        let single = match ch {
            b'(' => TokenKind::Lpar,
            b')' => TokenKind::Rpar,
            b'[' => TokenKind::Lsqb,
            b']' => TokenKind::Rsqb,
            b'{' => TokenKind::Lbrace,
            b'}' => TokenKind::Rbrace,
            b',' => TokenKind::Comma,
            b';' => TokenKind::Semi,
            b'~' => TokenKind::Tilde,
            _ => match next_raw(&self.src[start..]) {
                Some((Raw::Operator(kind), len)) if len > 1 => {
                    self.pos = start + len;
                    return Ok((kind, start, self.pos));
                }
                Some((Raw::Operator(kind), _)) => kind,
                _ => TokenKind::Op,
            },
        };
        self.pos = start + 1;

        match ch {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAX_LEVEL {
                    return Err(self.syntax_error("too many nested parentheses"));
                }
                self.parens.push(Paren {
                    ch,
                    lineno: self.lineno,
                    col: (start - self.line_start) as u32,
                });
                if let Some(mode) = self.modes.last_mut() {
                    mode.curly_bracket_depth += 1;
                }
            }
            b')' | b']' | b'}' => {
                if let Some(mode) = self.modes.last() {
                    if mode.curly_bracket_depth == 0 && ch == b'}' {
                        return Err(self.syntax_error("f-string: single '}' is not allowed"));
                    }
                }
                if !self.config.extra_tokens && self.parens.is_empty() {
                    return Err(self.syntax_error(format!("unmatched '{}'", ch as char)));
                }
                if let Some(open) = self.parens.pop() {
                    if !self.config.extra_tokens && !brackets_match(open.ch, ch) {
                        if let Some(mode) = self.modes.last() {
                            if open.ch == b'{'
                                && mode.curly_bracket_depth - 1
                                    == mode.curly_bracket_expr_start_depth
                            {
                                return Err(self.syntax_error(format!(
                                    "f-string: unmatched '{}'",
                                    ch as char
                                )));
                            }
                        }
                        let message = if open.lineno != self.lineno {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                ch as char, open.ch as char, open.lineno
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                ch as char, open.ch as char
                            )
                        };
                        let _ = open.col;
                        return Err(self.syntax_error(message));
                    }
                }
                if let Some(mode) = self.modes.last_mut() {
                    mode.curly_bracket_depth -= 1;
                    if mode.curly_bracket_depth < 0 {
                        return Err(
                            self.syntax_error(format!("f-string: unmatched '{}'", ch as char))
                        );
                    }
                    if ch == b'}' && mode.curly_bracket_depth == mode.curly_bracket_expr_start_depth
                    {
                        mode.curly_bracket_expr_start_depth -= 1;
                        mode.in_expr_mode = false;
                        mode.in_format_spec = false;
                        mode.debug = false;
                    }
                }
            }
            _ => {}
        }

        if !unicode::is_printable(char::from(ch)) {
            return Err(self.syntax_error(format!("invalid non-printable character U+{:04X}", ch)));
        }

        if ch == b'=' {
            if let Some(mode) = self.modes.last_mut() {
                if mode.inside_expr() {
                    mode.debug = true;
                }
            }
        }

        Ok((single, start, self.pos))
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Result<Token, TokenizeError>;

    /// The slow path's token is taken out of its result before it meets the fast path's,
    /// so that, inlined into a caller's loop, the token stays in registers (a result merged
    /// whole with the slow path's, which comes back through memory, is written to memory and
    /// read back on every token).
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let token = match self.fast_token() {
            Some(token) => token,
            None => match self.slow_token() {
                Ok(Some(token)) => token,
                Ok(None) => return None,
                Err(err) => return Some(Err(err)),
            },
        };
        Some(Ok(token))
    }
}

/// The number of spaces `bytes` starts with, eight at a time where it can.
#[inline]
fn count_spaces(bytes: &[u8]) -> usize {
    const EIGHT_SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        if u64::from_ne_bytes(chunk.try_into().expect("eight bytes")) != EIGHT_SPACES {
            break;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|&&b| b == b' ').count()
}

/// True when the comment `rest` (from its `#`) may be a `# type:` comment: `#`, blanks, then
/// `type` (`Tokenizer::type_comment` decides).
#[inline]
fn may_be_type_comment(rest: &[u8]) -> bool {
    let after = rest.get(1..).unwrap_or_default();
    let blanks = after
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    after[blanks..].starts_with(b"type")
}

/// Where the ASCII identifier characters (letters, digits, `_`) that start at `from` end,
/// `line_end` at the latest.
///
/// Eight bytes are classified at a time ([`ident_bytes`]), so that a name of up to eight
/// more characters costs one step and one predictable branch instead of a loop whose exit,
/// different for every name, the processor mispredicts.
#[inline]
fn ident_end(bytes: &[u8], from: usize, line_end: usize) -> usize {
    let mut end = from;
    while let Some(chunk) = bytes.get(end..end + 8).filter(|_| end < line_end) {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let n = ident_bytes(chunk);
        end += n;
        if n < 8 {
            return end.min(line_end);
        }
    }
    while end < line_end && IDENT_CONTINUE[usize::from(bytes[end])] {
        end += 1;
    }
    end.min(line_end)
}

/// How many of the eight bytes of `chunk` (the first in its lowest byte) are ASCII letters,
/// digits or `_` before the first that is not.
///
/// Each test works on every byte at once, in its top bit: adding `0x80 - lo` to a byte below
/// 0x80 sets that bit exactly when the byte is at least `lo`, and no sum carries into the next
/// byte. Setting the bit 0x20 maps `A-Z` onto `a-z` and no other byte into that range.
#[inline]
fn ident_bytes(chunk: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = ONES * 0x80;
    let low = chunk & !TOP;
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let underscore = !at_least(low ^ (ONES * u64::from(b'_')), 1);
    // Non-ASCII bytes (top bit set) are none of these.
    let ident = (letter | digit | underscore) & !chunk & TOP;
    ((!ident & TOP).trailing_zeros() / 8) as usize
}

/// Bytes that may continue an ASCII identifier.
static IDENT_CONTINUE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

fn brackets_match(open: u8, close: u8) -> bool {
    matches!((open, close), (b'(', b')') | (b'[', b']') | (b'{', b'}'))
}

/// True when `rest` starts with `word` and no identifier character follows.
fn starts_keyword(rest: &[u8], word: &[u8]) -> bool {
    rest.starts_with(word)
        && !rest
            .get(word.len())
            .is_some_and(|&c| c >= 0x80 || c.is_ascii_alphanumeric() || c == b'_')
}

/// Number of UTF-8 characters in `bytes` (which is valid UTF-8 or a prefix of it).
pub(crate) fn count_chars(bytes: &[u8]) -> u32 {
    if bytes.is_ascii() {
        return bytes.len() as u32;
    }
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32
}

/// The first occurrence of `needle` in `haystack`.
#[inline]
fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ident_bytes` agrees with the byte table for every byte value at every position.
    #[test]
    fn ident_bytes_matches_the_table() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"a_Z9zA0_";
                chunk[at] = b;
                let expected = if IDENT_CONTINUE[usize::from(b)] {
                    8
                } else {
                    at
                };
                assert_eq!(
                    ident_bytes(u64::from_le_bytes(chunk)),
                    expected,
                    "{b:#x} at {at}"
                );
            }
        }
    }

    /// `ident_end` stops where the byte-at-a-time loop stops, `line_end` included.
    #[test]
    fn ident_end_matches_a_plain_loop() {
        let text = b"abcdefghijklmnopqrstu_0123456789 x\nname2(yz";
        for from in 0..text.len() {
            for line_end in from..=text.len() {
                let mut end = from;
                while end < line_end && IDENT_CONTINUE[usize::from(text[end])] {
                    end += 1;
                }
                assert_eq!(ident_end(text, from, line_end), end, "{from} {line_end}");
            }
        }
    }
}
