//! What went wrong where parsing stopped: CPython's specialised messages (the `invalid_*`
//! rules of Grammar/python.gram) recognised from the tokens around the failure, and the
//! generic "invalid syntax" otherwise.
//!
//! CPython parses a second time with its `invalid_*` rules enabled when the first parse
//! fails. Here each rule is a check on the token stream near the token where the LR parse
//! stopped, with the help of small re-parses of token ranges ([`Diag::parse_expr`]); the
//! first check that recognises its mistake gives the message, at CPython's location.

use pyrs_ast::{Expr, Mod};

use crate::actions::{expr_name, invalid_target, TargetKind};
use crate::error::{Error, ErrorKind, Span};
use crate::lexer::{Lexer, Tokens};
use crate::token::{Pos, Tok};
use crate::Mode;

/// The error for a parse that stopped at token `at`; `expected` lists the terminals the
/// parser would have accepted there, as LALRPOP names them (`"\":\""`).
pub(crate) fn syntax_error(
    tokens: &Tokens<'_>,
    at: usize,
    mode: Mode,
    expected: &[String],
) -> Box<Error> {
    let ctx = crate::grammar_support::Ctx::new(tokens.src);
    let mut toks: Vec<(Pos, Tok<'_>, Pos)> = Lexer::new(tokens, &ctx, Tok::StartModule)
        .skip(1)
        .map_while(Result::ok)
        .collect();
    // Keep the error token's own classification (the main parse may have classified it in a
    // context the fresh pass cannot see, but the two agree on everything used here).
    toks.truncate(tokens.toks.len());
    let d = Diag {
        tokens,
        toks,
        at: at.min(tokens.toks.len().saturating_sub(1)),
        expected,
    };
    let _ = mode;
    d.diagnose()
}

struct Diag<'t, 'a> {
    tokens: &'t Tokens<'a>,
    toks: Vec<(Pos, Tok<'a>, Pos)>,
    at: usize,
    expected: &'t [String],
}

/// How much of an expression an extent scan takes in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// `bitwise_or`: arithmetic, bitwise and unary operators, `await`, `**`.
    BitOr,
    /// `inversion`/`comparison`: adds comparisons and `not`.
    Inversion,
    /// `disjunction`: adds `and` and `or`.
    Disjunction,
    /// `expression`: adds `if ... else` and `lambda`.
    Expression,
}

fn is_open(t: Tok<'_>) -> bool {
    matches!(t, Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::WithLpar)
}

fn is_close(t: Tok<'_>) -> bool {
    matches!(t, Tok::Rpar | Tok::Rsqb | Tok::Rbrace)
}

/// Tokens that can start an expression (an atom or a prefix operator).
fn starts_expr(t: Tok<'_>) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Number(_)
            | Tok::String(_)
            | Tok::FStringStart(_)
            | Tok::Lpar
            | Tok::Lsqb
            | Tok::Lbrace
            | Tok::Minus
            | Tok::Plus
            | Tok::Tilde
            | Tok::Ellipsis
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Await
            | Tok::Lambda
            | Tok::Not
            | Tok::Match
            | Tok::Case
            | Tok::Type
    )
}

/// Tokens that can end an expression.
fn ends_expr(t: Tok<'_>) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Number(_)
            | Tok::String(_)
            | Tok::FStringEnd
            | Tok::Rpar
            | Tok::Rsqb
            | Tok::Rbrace
            | Tok::Ellipsis
            | Tok::None
            | Tok::True
            | Tok::False
    )
}

fn is_bitor_op(t: Tok<'_>) -> bool {
    matches!(
        t,
        Tok::Vbar
            | Tok::Circumflex
            | Tok::Amper
            | Tok::LeftShift
            | Tok::RightShift
            | Tok::Plus
            | Tok::Minus
            | Tok::Star
            | Tok::Slash
            | Tok::DoubleSlash
            | Tok::Percent
            | Tok::At
            | Tok::DoubleStar
            | Tok::Tilde
            | Tok::Dot
            | Tok::Await
    )
}

fn is_comparison(t: Tok<'_>) -> bool {
    matches!(
        t,
        Tok::EqEqual
            | Tok::NotEqual
            | Tok::Less
            | Tok::LessEqual
            | Tok::Greater
            | Tok::GreaterEqual
            | Tok::In
            | Tok::Is
            | Tok::Not
    )
}

impl<'t, 'a> Diag<'t, 'a> {
    fn tok(&self, i: usize) -> Tok<'a> {
        self.toks.get(i).map_or(Tok::EndMarker, |t| t.1)
    }

    fn start(&self, i: usize) -> Pos {
        self.toks.get(i).map_or_else(Pos::default, |t| t.0)
    }

    fn end(&self, i: usize) -> Pos {
        self.toks.get(i).map_or_else(Pos::default, |t| t.2)
    }

    fn expects(&self, terminal: &str) -> bool {
        let quoted = format!("\"{terminal}\"");
        self.expected.contains(&quoted)
    }

    /// An error covering tokens `i..=j`.
    fn range(&self, i: usize, j: usize, msg: impl Into<String>) -> Option<Box<Error>> {
        Some(Error::at(self.start(i), self.end(j), msg))
    }

    /// An error from the start of token `i` to the end of token `j` as CPython's
    /// `RAISE_SYNTAX_ERROR_STARTING_FROM` gives it: the end column is the end of the last
    /// token read, not one past it.
    fn starting_from(&self, i: usize, j: usize, msg: impl Into<String>) -> Option<Box<Error>> {
        let e = self.end(j);
        Some(Box::new(Error {
            kind: ErrorKind::SyntaxError,
            msg: msg.into(),
            span: Span::Range(
                self.start(i),
                Pos {
                    col: e.col.saturating_sub(1),
                    ..e
                },
            ),
        }))
    }

    /// The first token of the logical line holding token `i`.
    fn line_start(&self, i: usize) -> usize {
        let mut j = i.min(self.toks.len());
        while j > 0 && !matches!(self.tok(j - 1), Tok::Newline | Tok::Indent | Tok::Dedent) {
            j -= 1;
        }
        j
    }

    /// The innermost bracket open at token `i` (its index), scanning from the line's start.
    fn open_bracket(&self, i: usize) -> Option<usize> {
        let mut stack = Vec::new();
        for j in self.line_start(i)..i {
            let t = self.tok(j);
            if is_open(t) {
                stack.push(j);
            } else if is_close(t) {
                stack.pop();
            }
        }
        stack.pop()
    }

    /// The index of the bracket closing the one opened at `i`.
    fn matching_close(&self, i: usize) -> Option<usize> {
        let mut depth = 0;
        for j in i..self.toks.len() {
            let t = self.tok(j);
            if is_open(t) {
                depth += 1;
            } else if is_close(t) {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            } else if matches!(t, Tok::Newline) {
                return None;
            }
        }
        None
    }

    /// The index of the bracket opening the one closed at `j`.
    fn matching_open(&self, j: usize) -> Option<usize> {
        let mut depth = 0;
        let mut k = j + 1;
        while k > 0 {
            k -= 1;
            let t = self.tok(k);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            } else if matches!(t, Tok::Newline | Tok::Indent | Tok::Dedent) {
                return None;
            }
        }
        None
    }

    /// The last token of the expression starting at token `i`, read at `level`.
    fn expr_end(&self, i: usize, level: Level) -> Option<usize> {
        self.expr_end_within(i, level, 0)
    }

    /// [`Diag::expr_end`], `depth` levels into conditional expressions and lambdas (scans
    /// give up past a few dozen: nothing helpful is said about such code anyway).
    fn expr_end_within(&self, i: usize, level: Level, depth: u32) -> Option<usize> {
        if depth > 32 {
            return None;
        }
        let mut j = i;
        let mut last = None;
        let mut need_operand = true;
        loop {
            let t = self.tok(j);
            if need_operand {
                match t {
                    Tok::Minus | Tok::Plus | Tok::Tilde | Tok::Await => {
                        j += 1;
                        continue;
                    }
                    Tok::Not if level >= Level::Inversion => {
                        j += 1;
                        continue;
                    }
                    Tok::Lambda if level >= Level::Expression => {
                        // lambda params ':' body
                        let mut k = j + 1;
                        while !matches!(self.tok(k), Tok::Colon | Tok::Newline | Tok::EndMarker) {
                            k += 1;
                        }
                        if self.tok(k) != Tok::Colon {
                            return last;
                        }
                        return self
                            .expr_end_within(k + 1, Level::Expression, depth + 1)
                            .or(last);
                    }
                    _ if is_open(t) => {
                        let close = self.matching_close(j)?;
                        last = Some(close);
                        j = close + 1;
                    }
                    Tok::FStringStart(_) => {
                        let mut depth = 0;
                        let mut k = j;
                        loop {
                            match self.tok(k) {
                                Tok::FStringStart(_) => depth += 1,
                                Tok::FStringEnd => {
                                    depth -= 1;
                                    if depth == 0 {
                                        break;
                                    }
                                }
                                Tok::EndMarker => return last,
                                _ => {}
                            }
                            k += 1;
                        }
                        last = Some(k);
                        j = k + 1;
                    }
                    _ if starts_expr(t) => {
                        last = Some(j);
                        j += 1;
                    }
                    _ => return last,
                }
                need_operand = false;
                continue;
            }
            // After an operand: trailers, then an operator.
            match t {
                Tok::Dot => {
                    if matches!(self.tok(j + 1), Tok::Name(_)) {
                        last = Some(j + 1);
                        j += 2;
                    } else {
                        return last;
                    }
                }
                Tok::Lpar | Tok::Lsqb => {
                    let close = self.matching_close(j)?;
                    last = Some(close);
                    j = close + 1;
                }
                Tok::String(_) => {
                    last = Some(j);
                    j += 1;
                }
                Tok::FStringStart(_) => need_operand = true,
                _ if is_bitor_op(t) => {
                    j += 1;
                    need_operand = true;
                }
                _ if level >= Level::Inversion && is_comparison(t) => {
                    j += 1;
                    if matches!(self.tok(j), Tok::In | Tok::Not) {
                        j += 1;
                    }
                    need_operand = true;
                }
                Tok::And | Tok::Or if level >= Level::Disjunction => {
                    j += 1;
                    need_operand = true;
                }
                Tok::If if level >= Level::Expression => {
                    // `a if b else c`
                    let cond_end = self.expr_end_within(j + 1, Level::Disjunction, depth + 1)?;
                    if self.tok(cond_end + 1) != Tok::Else {
                        return last;
                    }
                    return self
                        .expr_end_within(cond_end + 2, Level::Expression, depth + 1)
                        .or(last);
                }
                _ => return last,
            }
        }
    }

    /// The first token of the expression ending at token `j`, read at `level`.
    fn expr_start(&self, j: usize, level: Level) -> Option<usize> {
        let mut k = j;
        let mut first = None;
        loop {
            // An operand ends at k.
            let t = self.tok(k);
            let operand_start = if is_close(t) {
                let open = self.matching_open(k)?;
                // A call or subscript trailer, or an atom.
                open
            } else if t == Tok::FStringEnd {
                match self.fstring_start_of(k) {
                    Some(m) => m,
                    None => return first,
                }
            } else if ends_expr(t) {
                k
            } else {
                return first;
            };
            let mut s = operand_start;
            // Trailers: `x.y`, `x(...)`, `x[...]`, adjacent strings.
            loop {
                if s >= 2 && self.tok(s - 1) == Tok::Dot && ends_expr(self.tok(s - 2)) {
                    s -= 2;
                    let t = self.tok(s);
                    if is_close(t) {
                        s = self.matching_open(s)?;
                    }
                    continue;
                }
                if matches!(self.tok(s), Tok::Lpar | Tok::Lsqb)
                    && s >= 1
                    && ends_expr(self.tok(s - 1))
                {
                    s -= 1;
                    let t = self.tok(s);
                    if is_close(t) {
                        s = self.matching_open(s)?;
                    }
                    continue;
                }
                if matches!(self.tok(s), Tok::String(_) | Tok::FStringStart(_))
                    && s >= 1
                    && matches!(self.tok(s - 1), Tok::String(_) | Tok::FStringEnd)
                {
                    k = s - 1;
                    s = if self.tok(k) == Tok::FStringEnd {
                        match self.fstring_start_of(k) {
                            Some(x) => x,
                            None => break,
                        }
                    } else {
                        k
                    };
                    continue;
                }
                break;
            }
            // Prefix operators.
            while s >= 1 {
                let p = self.tok(s - 1);
                let prefix = matches!(p, Tok::Minus | Tok::Plus | Tok::Tilde | Tok::Await)
                    && (s < 2 || !ends_expr(self.tok(s - 2)));
                let not = p == Tok::Not && level >= Level::Inversion;
                if prefix || not {
                    s -= 1;
                } else {
                    break;
                }
            }
            first = Some(s);
            if s == 0 {
                return first;
            }
            let op = self.tok(s - 1);
            let binary = is_bitor_op(op) && op != Tok::Dot && op != Tok::Await && op != Tok::Tilde;
            let cmp = level >= Level::Inversion && is_comparison(op);
            let boolean = level >= Level::Disjunction && matches!(op, Tok::And | Tok::Or);
            if (binary || cmp || boolean) && s >= 2 {
                k = s - 2;
                if matches!(op, Tok::In | Tok::Not) && matches!(self.tok(k), Tok::Not | Tok::Is) {
                    if k == 0 {
                        return first;
                    }
                    k -= 1;
                }
                continue;
            }
            return first;
        }
    }

    /// The FSTRING_START of the f-string whose FSTRING_END is token `k`.
    fn fstring_start_of(&self, k: usize) -> Option<usize> {
        let mut depth = 0;
        let mut m = k;
        loop {
            match self.tok(m) {
                Tok::FStringEnd => depth += 1,
                Tok::FStringStart(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(m);
                    }
                }
                _ => {}
            }
            m = m.checked_sub(1)?;
        }
    }

    /// Parses tokens `i..=j` alone as an expression.
    fn parse_expr(&self, i: usize, j: usize) -> Option<Expr> {
        if j < i || j >= self.toks.len() {
            return None;
        }
        let mut seq: Vec<Result<(Pos, Tok<'a>, Pos), Box<Error>>> = Vec::with_capacity(j - i + 4);
        seq.push(Ok((Pos::default(), Tok::StartExpression, Pos::default())));
        for t in &self.toks[i..=j] {
            seq.push(Ok(*t));
        }
        let end = self.end(j);
        seq.push(Ok((end, Tok::Newline, end)));
        seq.push(Ok((end, Tok::EndMarker, end)));
        let ctx = crate::grammar_support::Ctx::new(self.tokens.src);
        match crate::parser::parse_tokens(&ctx, seq) {
            Ok(Mod::Expression(e)) => Some(e.body),
            _ => None,
        }
    }

    // -----------------------------------------------------------------------------------------

    fn diagnose(&self) -> Box<Error> {
        type Check<'t, 'a> = fn(&Diag<'t, 'a>) -> Option<Box<Error>>;
        let checks: &[Check<'t, 'a>] = &[
            Self::indentation,
            Self::forced_colon,
            Self::def_paren,
            Self::for_target,
            Self::pattern_errors,
            Self::import_errors,
            Self::except_errors,
            Self::type_params,
            Self::parameters,
            Self::call_arguments,
            Self::star_expression,
            Self::not_after_operator,
            Self::named_expression,
            Self::if_expression,
            Self::comprehension,
            Self::dict_errors,
            Self::legacy_statement,
            Self::fstring_errors,
            Self::missing_comma,
            Self::compound_colon,
            Self::try_without_except,
        ];
        for check in checks {
            if let Some(e) = check(self) {
                return e;
            }
        }
        self.generic()
    }

    fn generic(&self) -> Box<Error> {
        let at = self.at;
        let t = self.tok(at);
        match t {
            Tok::Indent | Tok::Dedent => {
                let msg = if t == Tok::Indent {
                    "unexpected indent"
                } else {
                    "unexpected unindent"
                };
                self.indentation_error(msg)
            }
            _ => Error::at(self.start(at), self.end(at), "invalid syntax"),
        }
    }

    /// CPython has no column for INDENT and DEDENT tokens and reports where its tokenizer
    /// stands: just after the indentation of the error's line.
    fn indentation_error(&self, msg: impl Into<String>) -> Box<Error> {
        let line = self.end(self.at).line;
        let src = self.tokens.src;
        let start = crate::error::line_start(src, line).unwrap_or(src.len());
        let width = src[start..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
            .count() as i32;
        Box::new(Error {
            kind: ErrorKind::IndentationError,
            msg: msg.into(),
            span: Span::Raw(line, width, line, -1),
        })
    }

    /// The keyword starting the compound statement whose header is the logical line holding
    /// token `i`, and its index: `if`, `def`, ... (`async` skipped).
    fn header_keyword(&self, i: usize) -> Option<(usize, Tok<'a>)> {
        let mut s = self.line_start(i);
        // Decorators are lines of their own; `async` comes before `def`/`for`/`with`.
        if self.tok(s) == Tok::Async {
            s += 1;
        }
        let t = self.tok(s);
        matches!(
            t,
            Tok::If
                | Tok::Elif
                | Tok::Else
                | Tok::While
                | Tok::For
                | Tok::With
                | Tok::Try
                | Tok::Except
                | Tok::Finally
                | Tok::Def
                | Tok::Class
                | Tok::Match
                | Tok::Case
        )
        .then_some((s, t))
    }

    fn statement_name(&self, k: usize, t: Tok<'a>) -> String {
        match t {
            Tok::Def => "function definition".into(),
            Tok::Class => "class definition".into(),
            Tok::Except if self.tok(k + 1) == Tok::Star => "'except*' statement".into(),
            _ => {
                let word = self.tokens.toks[k].text(self.tokens.src);
                format!("'{word}' statement")
            }
        }
    }

    /// `if x:` and a line that is not indented: "expected an indented block after ...".
    fn indentation(&self) -> Option<Box<Error>> {
        let at = self.at;
        if at < 2 || self.tok(at) == Tok::Indent || self.tok(at - 1) != Tok::Newline {
            return None;
        }
        let mut colon = at - 2;
        if matches!(self.tok(colon), Tok::TypeComment(_)) && colon > 0 {
            colon -= 1;
        }
        if self.tok(colon) != Tok::Colon {
            return None;
        }
        let (k, t) = self.header_keyword(colon)?;
        let msg = format!(
            "expected an indented block after {} on line {}",
            self.statement_name(k, t),
            self.start(k).line
        );
        if self.tok(at) == Tok::Dedent || self.tok(at) == Tok::EndMarker {
            return Some(self.indentation_error(msg));
        }
        Some(Box::new(Error {
            kind: ErrorKind::IndentationError,
            msg,
            span: Span::Range(self.start(at), self.end(at)),
        }))
    }

    /// `else`, `try` and `finally` must be followed by `:` (CPython's `&&':'`).
    fn forced_colon(&self) -> Option<Box<Error>> {
        let at = self.at;
        if at == 0 || self.tok(at) == Tok::Colon {
            return None;
        }
        if matches!(self.tok(at - 1), Tok::Else | Tok::Try | Tok::Finally)
            && self.line_start(at - 1) == at - 1
        {
            return self.range(at, at, "expected ':'");
        }
        None
    }

    /// A compound statement's header that ends without its `:`.
    fn compound_colon(&self) -> Option<Box<Error>> {
        let at = self.at;
        let t = self.tok(at);
        if t == Tok::Newline || matches!(t, Tok::TypeComment(_)) {
            if let Some((k, kw)) = self.header_keyword(at) {
                if self.expects(":") {
                    return self.range(at, at, "expected ':'");
                }
                // `def f` / `class A[T]` without parentheses or colon.
                let _ = (k, kw);
            }
        }
        // `match x` (not taken as the soft keyword without its colon).
        let s = self.line_start(at);
        if matches!(self.tok(s), Tok::Name("match")) && s + 1 < self.toks.len() {
            let mut nl = s + 1;
            while !matches!(self.tok(nl), Tok::Newline | Tok::EndMarker) {
                nl += 1;
            }
            if nl > s + 1
                && self.tok(nl) == Tok::Newline
                && self.parse_expr(s + 1, nl - 1).is_some()
            {
                return self.range(nl, nl, "expected ':'");
            }
        }
        None
    }

    /// `def f:` and friends: "expected '('".
    fn def_paren(&self) -> Option<Box<Error>> {
        let at = self.at;
        let mut s = self.line_start(at);
        if self.tok(s) == Tok::Async {
            s += 1;
        }
        if self.tok(s) != Tok::Def || !matches!(self.tok(s + 1), Tok::Name(_)) {
            return None;
        }
        let mut k = s + 2;
        if self.tok(k) == Tok::Lsqb {
            k = self.matching_close(k)? + 1;
        }
        (at == k && self.tok(at) != Tok::Lpar)
            .then(|| Error::at(self.start(at), self.end(at), "expected '('"))
    }

    /// `for x, f() in y` read up to a missing `in`: the target that cannot be one.
    fn for_target(&self) -> Option<Box<Error>> {
        let at = self.at;
        let mut s = self.line_start(at);
        if self.tok(s) == Tok::Async {
            s += 1;
        }
        if self.tok(s) != Tok::For || !self.expects("in") || at <= s + 1 {
            return None;
        }
        let target = self.parse_expr(s + 1, at - 1)?;
        let bad = invalid_target(&target, TargetKind::For)?;
        let loc = bad.loc();
        Some(Error::at(
            crate::actions::start_of(&loc),
            crate::actions::end_of(&loc),
            format!("cannot assign to {}", expr_name(bad)),
        ))
    }

    /// Errors inside `case` patterns.
    fn pattern_errors(&self) -> Option<Box<Error>> {
        let at = self.at;
        let s = self.line_start(at);
        if self.tok(s) != Tok::Case {
            return None;
        }
        // `case x as 1 + 2:`
        if at > 0 && self.tok(at - 1) == Tok::As && !matches!(self.tok(at), Tok::Name(_)) {
            let end = self.expr_end(at, Level::Expression)?;
            return self.range(at, end, "invalid pattern target");
        }
        // `case C(a=b, c):`
        if let Some(open) = self.open_bracket(at) {
            if self.tok(open) == Tok::Lpar && open > 0 && matches!(self.tok(open - 1), Tok::Name(_))
            {
                let mut k = open + 1;
                let mut seen_keyword = false;
                let mut depth = 0;
                let mut item_start = k;
                let mut run: Option<(usize, usize)> = None;
                while k < self.toks.len() {
                    let t = self.tok(k);
                    if is_open(t) {
                        depth += 1;
                    } else if is_close(t) {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    } else if depth == 0 && (t == Tok::Comma) {
                        let keyword = matches!(self.tok(item_start), Tok::Name(_))
                            && self.tok(item_start + 1) == Tok::Equal;
                        if keyword {
                            if run.is_some() {
                                break;
                            }
                            seen_keyword = true;
                        } else if seen_keyword {
                            run = Some((run.map_or(item_start, |r| r.0), k - 1));
                        }
                        item_start = k + 1;
                    }
                    k += 1;
                }
                if let Some((a, b)) = run {
                    return self.range(a, b, "positional patterns follow keyword patterns");
                }
            }
        }
        None
    }

    fn import_errors(&self) -> Option<Box<Error>> {
        let at = self.at;
        let s = self.line_start(at);
        match self.tok(s) {
            Tok::Import => {
                if at == s + 1 && self.tok(at) == Tok::Newline {
                    let p = self.start(at);
                    return Some(Error::at(p, p, "Expected one or more names after 'import'"));
                }
                if self.tok(at) == Tok::From {
                    // import a from b
                    let mut j = at + 1;
                    while matches!(self.tok(j), Tok::Name(_)) && self.tok(j + 1) == Tok::Dot {
                        j += 2;
                    }
                    if matches!(self.tok(j), Tok::Name(_)) {
                        return self.starting_from(
                            s,
                            j + 1,
                            "Did you mean to use 'from ... import ...' instead?",
                        );
                    }
                }
            }
            Tok::From => {
                if self.tok(at) == Tok::Newline && self.tok(at - 1) == Tok::Import {
                    let p = self.start(at);
                    return Some(Error::at(p, p, "Expected one or more names after 'import'"));
                }
                if self.tok(at) == Tok::Newline
                    && self.tok(at - 1) == Tok::Comma
                    && (s..at).any(|k| self.tok(k) == Tok::Import)
                    && !(s..at).any(|k| self.tok(k) == Tok::Lpar)
                {
                    return self.range(
                        at,
                        at,
                        "trailing comma not allowed without surrounding parentheses",
                    );
                }
            }
            _ => {}
        }
        None
    }

    fn except_errors(&self) -> Option<Box<Error>> {
        let at = self.at;
        let s = self.line_start(at);
        if self.tok(s) != Tok::Except {
            return None;
        }
        let first = if self.tok(s + 1) == Tok::Star {
            s + 2
        } else {
            s + 1
        };
        if self.tok(at) == Tok::Comma {
            // except A, B [as n]:
            let mut colon = at;
            while !matches!(self.tok(colon), Tok::Colon | Tok::Newline | Tok::EndMarker) {
                if is_open(self.tok(colon)) {
                    colon = self.matching_close(colon)?;
                }
                colon += 1;
            }
            if self.tok(colon) == Tok::Colon {
                return self.starting_from(
                    first,
                    colon,
                    "multiple exception types must be parenthesized",
                );
            }
        }
        None
    }

    fn type_params(&self) -> Option<Box<Error>> {
        let at = self.at;
        if self.tok(at) == Tok::Rsqb && at >= 2 && self.tok(at - 1) == Tok::Lsqb {
            let s = self.line_start(at);
            let head = self.tok(s);
            let named = matches!(self.tok(at - 2), Tok::Name(_));
            if named && matches!(head, Tok::Def | Tok::Class | Tok::Type | Tok::Async) {
                if head == Tok::Type {
                    return self.starting_from(at, at + 1, "Type parameter list cannot be empty");
                }
                let p = self.start(at);
                return Some(Error::at(p, p, "Type parameter list cannot be empty"));
            }
        }
        None
    }

    /// The parameter list (its `(` or `lambda`, and its end) holding token `at`, if any.
    fn param_list(&self) -> Option<(usize, usize, bool)> {
        let at = self.at;
        if let Some(open) = self.open_bracket(at) {
            if self.tok(open) == Tok::Lpar && open >= 2 {
                let mut k = open - 1;
                if self.tok(k) == Tok::Rsqb {
                    k = self.matching_open(k)?.checked_sub(1)?;
                }
                if matches!(self.tok(k), Tok::Name(_)) && k >= 1 && self.tok(k - 1) == Tok::Def {
                    let close = self.matching_close(open).unwrap_or(at);
                    return Some((open, close, false));
                }
            }
        }
        // A lambda's parameters run from `lambda` to its `:`.
        let mut k = at;
        let mut depth = 0i32;
        while k > 0 {
            k -= 1;
            let t = self.tok(k);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            } else if t == Tok::Colon && depth == 0 {
                return None;
            } else if t == Tok::Lambda && depth == 0 {
                let mut end = at;
                while !matches!(self.tok(end), Tok::Colon | Tok::Newline | Tok::EndMarker) {
                    end += 1;
                }
                return Some((k, end, true));
            } else if matches!(t, Tok::Newline | Tok::Indent | Tok::Dedent) {
                return None;
            }
        }
        None
    }

    fn parameters(&self) -> Option<Box<Error>> {
        let (open, close, lambda) = self.param_list()?;
        let at = self.at;
        // Walk the parameters in order, as CPython's invalid_parameters rules do.
        let mut k = open + 1;
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        let mut index = 0;
        while k < close.max(at + 1) && k < self.toks.len() {
            let t = self.tok(k);
            match t {
                Tok::Slash => {
                    if index == 0 {
                        return self.range(k, k, "at least one argument must precede /");
                    }
                    if seen_slash {
                        return self.range(k, k, "/ may appear only once");
                    }
                    if seen_star {
                        return self.range(k, k, "/ must be ahead of *");
                    }
                    seen_slash = true;
                    if self.tok(k + 1) == Tok::Star {
                        return self.range(k + 1, k + 1, "expected comma between / and *");
                    }
                    k += 1;
                }
                Tok::Lpar => {
                    let c = self.matching_close(k)?;
                    let msg = if lambda {
                        "Lambda expression parameters cannot be parenthesized"
                    } else {
                        "Function parameters cannot be parenthesized"
                    };
                    return self.range(k, c, msg);
                }
                Tok::Star => {
                    if seen_star {
                        return self.range(k, k, "* argument may appear only once");
                    }
                    seen_star = true;
                    let next = self.tok(k + 1);
                    let end_tok = if lambda { Tok::Colon } else { Tok::Rpar };
                    if next == end_tok
                        || (next == Tok::Comma && matches!(self.tok(k + 2), Tok::DoubleStar))
                        || (next == Tok::Comma && self.tok(k + 2) == end_tok)
                    {
                        if lambda {
                            let at = if next == Tok::Comma { k + 2 } else { k + 1 };
                            return self.range(at, at, "named arguments must follow bare *");
                        }
                        return self.range(k, k, "named arguments must follow bare *");
                    }
                    if matches!(next, Tok::Name(_)) {
                        let mut m = k + 2;
                        if self.tok(m) == Tok::Colon && !lambda {
                            m = self.expr_end(m + 1, Level::Expression)? + 1;
                        }
                        if self.tok(m) == Tok::Equal {
                            return self.range(
                                m,
                                m,
                                "var-positional argument cannot have default value",
                            );
                        }
                    }
                    k += 1;
                }
                Tok::DoubleStar => {
                    if matches!(self.tok(k + 1), Tok::Name(_)) {
                        let mut m = k + 2;
                        if self.tok(m) == Tok::Colon && !lambda {
                            m = self.expr_end(m + 1, Level::Expression)? + 1;
                        }
                        if self.tok(m) == Tok::Equal {
                            return self.range(
                                m,
                                m,
                                "var-keyword argument cannot have default value",
                            );
                        }
                        if self.tok(m) == Tok::Comma && m + 1 < close {
                            let n = self.tok(m + 1);
                            if matches!(n, Tok::Name(_)) {
                                return self.range(
                                    m + 1,
                                    m + 1,
                                    "arguments cannot follow var-keyword argument",
                                );
                            }
                            if matches!(n, Tok::Star | Tok::DoubleStar | Tok::Slash) {
                                return self.range(
                                    m + 1,
                                    m + 1,
                                    "arguments cannot follow var-keyword argument",
                                );
                            }
                        }
                    }
                    k += 1;
                }
                Tok::Name(_) => {
                    index += 1;
                    let mut m = k + 1;
                    if self.tok(m) == Tok::Colon && !lambda {
                        m = self.expr_end(m + 1, Level::Expression)? + 1;
                    }
                    if self.tok(m) == Tok::Equal {
                        if matches!(self.tok(m + 1), Tok::Comma | Tok::Rpar)
                            || (lambda && self.tok(m + 1) == Tok::Colon)
                        {
                            return self.range(m, m, "expected default value expression");
                        }
                        if !seen_star {
                            seen_default = true;
                        }
                        m = self
                            .expr_end(m + 1, Level::Expression)
                            .map_or(m + 1, |e| e + 1);
                    } else if seen_default && !seen_star {
                        return self.range(
                            k,
                            m - 1,
                            "parameter without a default follows parameter with a default",
                        );
                    }
                    k = m;
                }
                Tok::Comma | Tok::TypeComment(_) => k += 1,
                _ => return None,
            }
        }
        None
    }

    fn call_arguments(&self) -> Option<Box<Error>> {
        let at = self.at;
        let open = self.open_bracket(at)?;
        if self.tok(open) != Tok::Lpar || open == 0 || !ends_expr(self.tok(open - 1)) {
            return None;
        }
        // The argument holding the error token: from the comma (or `(`) before it.
        let mut k = at;
        let mut depth = 0;
        while k > open + 1 {
            let t = self.tok(k - 1);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                depth -= 1;
            } else if t == Tok::Comma && depth == 0 {
                break;
            }
            k -= 1;
        }
        let arg = k;
        match self.tok(arg) {
            Tok::Name(_) if self.tok(arg + 1) == Tok::Equal && at == arg + 2 => {
                if matches!(self.tok(at), Tok::Comma | Tok::Rpar) {
                    return self.range(arg, arg + 1, "expected argument value expression");
                }
            }
            Tok::Star if at > arg => {
                let end = self.expr_end(arg + 1, Level::Expression);
                if let Some(end) = end {
                    if self.tok(end + 1) == Tok::Equal && at == end + 1 {
                        let v = self.expr_end(end + 2, Level::Expression)?;
                        return self.range(arg, v, "cannot assign to iterable argument unpacking");
                    }
                }
            }
            Tok::DoubleStar if at > arg => {
                let end = self.expr_end(arg + 1, Level::Expression);
                if let Some(end) = end {
                    if self.tok(end + 1) == Tok::Equal && at == end + 1 {
                        let v = self.expr_end(end + 2, Level::Expression)?;
                        return self.range(arg, v, "cannot assign to keyword argument unpacking");
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// `*` in a subscript or call whose operand is missing or is not an expression.
    fn star_expression(&self) -> Option<Box<Error>> {
        let at = self.at;
        let mut open = self.open_bracket(at)?;
        // `*(1:2)`: look through the parentheses around the starred operand.
        if self.tok(open) == Tok::Lpar && open > 0 && self.tok(open - 1) == Tok::Star {
            let star = open - 1;
            let outer = self.open_bracket(star)?;
            let at_start = star == outer + 1 || self.tok(star - 1) == Tok::Comma;
            if at_start
                && matches!(self.tok(outer), Tok::Lsqb | Tok::Lpar)
                && outer > 0
                && ends_expr(self.tok(outer - 1))
            {
                return self.range(at, at, "Invalid star expression");
            }
            return None;
        }
        if self.tok(open) == Tok::Lpar && open >= 2 && self.tok(open - 2) == Tok::Def {
            return None;
        }
        let _ = &mut open;
        let is_call = self.tok(open) == Tok::Lpar && open > 0 && ends_expr(self.tok(open - 1));
        let is_subscript = self.tok(open) == Tok::Lsqb && open > 0 && ends_expr(self.tok(open - 1));
        if !is_call && !is_subscript {
            return None;
        }
        // The element holding the error token starts with `*`.
        let mut k = at;
        let mut depth = 0;
        while k > open + 1 {
            let t = self.tok(k - 1);
            if is_close(t) {
                depth += 1;
            } else if is_open(t) {
                depth -= 1;
            } else if t == Tok::Comma && depth <= 0 {
                break;
            }
            k -= 1;
        }
        if self.tok(k) == Tok::Star && at > k {
            // A valid operand followed by something else is a plain syntax error.
            let valid = self
                .expr_end(k + 1, Level::Expression)
                .is_some_and(|e| e + 1 == at);
            if !valid {
                return self.range(at, at, "Invalid star expression");
            }
        }
        None
    }

    /// `3 + not 3`, `- not x`.
    fn not_after_operator(&self) -> Option<Box<Error>> {
        let at = self.at;
        if self.tok(at) != Tok::Not || at == 0 {
            return None;
        }
        let prev = self.tok(at - 1);
        let arith = matches!(
            prev,
            Tok::Plus
                | Tok::Minus
                | Tok::Star
                | Tok::Slash
                | Tok::Percent
                | Tok::DoubleSlash
                | Tok::At
                | Tok::Tilde
        );
        if !arith {
            return None;
        }
        let end = self.expr_end(at, Level::Inversion)?;
        self.range(at, end, "'not' after an operator must be parenthesized")
    }

    /// `if x = 3:`, `[a, b=1]`: an `=` where a named expression was expected.
    fn named_expression(&self) -> Option<Box<Error>> {
        let at = self.at;
        if self.tok(at) != Tok::Equal || at == 0 {
            return None;
        }
        let start = self.expr_start(at - 1, Level::BitOr)?;
        let before = if start == 0 {
            Tok::Newline
        } else {
            self.tok(start - 1)
        };
        let context = matches!(
            before,
            Tok::If | Tok::Elif | Tok::While | Tok::Lsqb | Tok::Lbrace | Tok::Lpar | Tok::Comma
        );
        if !context {
            return None;
        }
        if matches!(before, Tok::Lpar | Tok::Comma) {
            // In a call, `=` makes a keyword argument: not this rule.
            if let Some(open) = self.open_bracket(at) {
                if self.tok(open) == Tok::Lpar && open > 0 && ends_expr(self.tok(open - 1)) {
                    return None;
                }
                if !matches!(self.tok(open), Tok::Lpar | Tok::Lsqb | Tok::Lbrace) {
                    return None;
                }
            } else {
                return None;
            }
        }
        let value_end = self.expr_end(at + 1, Level::BitOr)?;
        if matches!(self.tok(value_end + 1), Tok::Equal | Tok::ColonEqual) {
            return None;
        }
        if start == at - 1 && matches!(self.tok(start), Tok::Name(_)) {
            return self.range(
                start,
                value_end,
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            );
        }
        let target = self.parse_expr(start, at - 1)?;
        if invalid_target(&target, TargetKind::Assign).is_none() && !matches!(target, Expr::Name(_))
        {
            // Attribute or subscript.
        }
        self.range(
            start,
            at - 1,
            format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                expr_name(&target)
            ),
        )
    }

    /// `a if b` without `else`.
    fn if_expression(&self) -> Option<Box<Error>> {
        let at = self.at;
        if !self.expects("else") || at < 2 || self.tok(at) == Tok::Colon {
            return None;
        }
        // Find the `if` of the conditional expression.
        let cond_start = self.expr_start(at - 1, Level::Disjunction)?;
        if cond_start == 0 || self.tok(cond_start - 1) != Tok::If {
            return None;
        }
        let if_at = cond_start - 1;
        let body_start = self.expr_start(if_at - 1, Level::Disjunction)?;
        self.range(body_start, at - 1, "expected 'else' after 'if' expression")
    }

    fn comprehension(&self) -> Option<Box<Error>> {
        let at = self.at;
        let open = self.open_bracket(at)?;
        // `[x for x if y]`: the targets are not followed by `in`.
        if self.expects("in") {
            let mut k = at;
            while k > open {
                k -= 1;
                if self.tok(k) == Tok::For {
                    return self.range(at, at, "'in' expected after for-loop variables");
                }
                if is_open(self.tok(k)) || is_close(self.tok(k)) {
                    break;
                }
            }
        }
        // `[x, y for x, y in z]`
        if matches!(self.tok(at), Tok::For | Tok::Async)
            && matches!(self.tok(open), Tok::Lsqb | Tok::Lbrace)
        {
            let first_end = self.expr_end(open + 1, Level::Expression)?;
            if self.tok(first_end + 1) == Tok::Comma {
                return self.range(
                    open + 1,
                    at - 1,
                    "did you forget parentheses around the comprehension target?",
                );
            }
        }
        None
    }

    fn dict_errors(&self) -> Option<Box<Error>> {
        let at = self.at;
        let open = self.open_bracket(at)?;
        if self.tok(open) != Tok::Lbrace {
            return None;
        }
        // `{**a for a in b}`
        if self.tok(open + 1) == Tok::DoubleStar && matches!(self.tok(at), Tok::For | Tok::Async) {
            return self.range(
                open + 1,
                open + 1,
                "dict unpacking cannot be used in dict comprehension",
            );
        }
        // `{1: *x}`
        if self.tok(at) == Tok::Star && at > 0 && self.tok(at - 1) == Tok::Colon {
            let end = self.expr_end(at + 1, Level::BitOr)?;
            return self.range(
                at,
                end,
                "cannot use a starred expression in a dictionary value",
            );
        }
        // `{1:}`, `{1:2, 3:}`
        if matches!(self.tok(at), Tok::Rbrace | Tok::Comma)
            && at > 0
            && self.tok(at - 1) == Tok::Colon
        {
            return self.range(
                at - 1,
                at - 1,
                "expression expected after dictionary key and ':'",
            );
        }
        // `{1:2, 3}`: a key without value after pairs.
        if matches!(self.tok(at), Tok::Rbrace | Tok::Comma) && self.expects(":") {
            let key_start = self.expr_start(at - 1, Level::Expression)?;
            let s = self.start(key_start);
            return Some(Box::new(Error {
                kind: ErrorKind::SyntaxError,
                msg: "':' expected after dictionary key".into(),
                span: Span::Open(s, 0),
            }));
        }
        None
    }

    /// `print "x"`: Python 2's print and exec statements.
    fn legacy_statement(&self) -> Option<Box<Error>> {
        let at = self.at;
        if at == 0 || !starts_expr(self.tok(at)) || self.tok(at) == Tok::Lpar {
            return None;
        }
        let name = match self.tok(at - 1) {
            Tok::Name(n @ ("print" | "exec")) => n,
            _ => return None,
        };
        let mut end = self.expr_end(at, Level::Expression)?;
        while self.tok(end + 1) == Tok::Comma && starts_expr(self.tok(end + 2)) {
            end = self.expr_end(end + 2, Level::Expression)?;
        }
        self.range(
            at - 1,
            end,
            format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
        )
    }

    /// Errors inside an f-string's replacement field.
    fn fstring_errors(&self) -> Option<Box<Error>> {
        let at = self.at;
        if at == 0 {
            return None;
        }
        let inside = (0..at).rev().find_map(|k| match self.tok(k) {
            Tok::FStringStart(_) | Tok::FStringMiddle(_) => Some(true),
            Tok::FStringEnd | Tok::Newline => Some(false),
            _ => None,
        });
        if inside != Some(true) {
            return None;
        }
        let prev = self.tok(at - 1);
        if self.tok(at) == Tok::Rbrace && prev == Tok::Lbrace {
            return self.range(at, at, "f-string: valid expression required before '}'");
        }
        if prev == Tok::Exclamation && !matches!(self.tok(at), Tok::Name(_)) {
            return self.range(at, at, "f-string: missing conversion character");
        }
        // `{lambda x: 1}`: the colon starts the format spec.
        let open = self.open_bracket(at)?;
        if self.tok(open) == Tok::Lbrace && self.tok(open + 1) == Tok::Lambda {
            let colon = (open + 1..=at).find(|&k| self.tok(k) == Tok::Colon)?;
            return self.range(
                open + 1,
                colon,
                "f-string: lambda expressions are not allowed without parentheses",
            );
        }
        None
    }

    /// Two expressions side by side inside brackets: "Perhaps you forgot a comma?".
    fn missing_comma(&self) -> Option<Box<Error>> {
        let at = self.at;
        if !starts_expr(self.tok(at)) || at == 0 || !ends_expr(self.tok(at - 1)) {
            return None;
        }
        self.open_bracket(at)?;
        let a = self.expr_start(at - 1, Level::Disjunction)?;
        // `NAME STRING` is a legacy print statement's shape, and soft keywords start statements.
        if a == at - 1
            && matches!(self.tok(a), Tok::Name(_))
            && matches!(self.tok(at), Tok::String(_) | Tok::FStringStart(_))
        {
            return None;
        }
        let b = self.expr_end(at, Level::Expression)?;
        self.range(a, b, "invalid syntax. Perhaps you forgot a comma?")
    }

    /// A `try` block followed by neither `except` nor `finally`.
    fn try_without_except(&self) -> Option<Box<Error>> {
        let at = self.at;
        if !(self.expects("except") && self.expects("finally")) {
            return None;
        }
        let msg = "expected 'except' or 'finally' block";
        if matches!(self.tok(at), Tok::Dedent | Tok::EndMarker) {
            // No column for these tokens: CPython points past the end of the last line.
            let line = (0..at)
                .rev()
                .find(|&k| !matches!(self.tok(k), Tok::Newline | Tok::Indent | Tok::Dedent))
                .map_or(1, |k| self.end(k).line);
            let len = crate::error::line_text(self.tokens.src, line)
                .map_or(0, |t| t.trim_end_matches(['\n', '\r']).chars().count());
            return Some(Box::new(Error {
                kind: ErrorKind::SyntaxError,
                msg: msg.into(),
                span: Span::Raw(line, len as i32 + 1, line, -1),
            }));
        }
        self.range(at, at, msg)
    }
}
