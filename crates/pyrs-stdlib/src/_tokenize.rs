//! `_tokenize` (CPython's Python/Python-tokenize.c): `TokenizerIter`, the iterator over the
//! tokens of Python source that Lib/tokenize.py wraps, on top of pyrs-tokenizer.
//!
//! `TokenizerIter(readline, *, extra_tokens, encoding=None)` yields one tuple per token,
//! `(type, string, (start_line, start_col), (end_line, end_col), line)`, columns in
//! characters and `line` the physical lines the token spans. With `extra_tokens` (which the
//! `tokenize` module always asks for) it yields what `tokenize` reports: COMMENT and NL
//! tokens, operators as OP, the newline CPython supplies at the end of a source without one
//! shown one column wide. With `encoding`, `readline` returns bytes, decoded with it.
//!
//! The source is read whole (every line `readline` gives until it returns an empty string or
//! raises StopIteration) when the first token is asked for, then tokenized at once; the tokens
//! before a lexical error are still yielded, and the error is raised where it occurs, as a
//! SyntaxError (IndentationError, TabError) with CPython's message and location.
//! FIXME: with `extra_tokens` false, CPython's view without comments, with exact operator
//! types and its other newline conventions; this yields the `tokenize` module's tokens with
//! exact types instead.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::bytes::BytesData;
use pyrs_objects::object::Payload;
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{protocol, ExcKind, PyErr, PyResult, SyncCell, Value};
use pyrs_tokenizer::{Config, ErrorCode, TokenKind, Tokenizer};

use crate::argconv;

/// Makes the `_tokenize` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_tokenize");
    argconv::module_dict(&module).set_str("TokenizerIter", tokenizer_iter_type().clone());
    Ok(module)
}

/// Where a `TokenizerIter` is.
enum State {
    /// Not read yet.
    Unread {
        readline: Value,
        encoding: Option<Value>,
    },
    /// Read and tokenized: the tokens left, then the error, if any.
    Read {
        tokens: VecDeque<Value>,
        error: Option<PyErr>,
    },
}

/// The payload of a `TokenizerIter`.
struct TokenizerIter {
    state: RefCell<State>,
    extra_tokens: bool,
}

impl Payload for TokenizerIter {}

static TOKENIZER_ITER: OnceLock<SyncCell<Value>> = OnceLock::new();

fn tokenizer_iter_type() -> &'static Value {
    &TOKENIZER_ITER
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<TokenizerIter>("TokenizerIter")
                    .module("_tokenize")
                    .slots(|s| {
                        s.new.set(Some(tokenizer_iter_new));
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(tokenizer_iter_next));
                    })
                    .build(),
            )
        })
        .0
}

/// `TokenizerIter(readline, /, *, extra_tokens, encoding=None)`.
fn tokenizer_iter_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if args.pos().is_empty() {
        return Err(PyErr::type_error(
            "tokenizeriter() takes exactly 1 positional argument (0 given)",
        ));
    }
    let [readline, extra_tokens, encoding] = args.bind(
        "tokenizeriter",
        ["readline", "extra_tokens", "encoding"],
        2,
        1,
        1,
    )?;
    let readline = readline.unwrap_or_else(pyrs_objects::none);
    let extra_tokens = protocol::is_true(&extra_tokens.unwrap_or_else(pyrs_objects::none))?;
    let encoding = encoding.filter(|e| !protocol::is_none(e));
    if let Some(e) = &encoding {
        if e.downcast::<StrData>().is_none() {
            return Err(PyErr::type_error(format!(
                "tokenizeriter() argument 'encoding' must be str, not {}",
                argconv::type_name(e)
            )));
        }
    }
    Ok(pyrs_objects::object::alloc(
        cls,
        TokenizerIter {
            state: RefCell::new(State::Unread { readline, encoding }),
            extra_tokens,
        },
    ))
}

fn tokenizer_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let data = it
        .downcast::<TokenizerIter>()
        .ok_or_else(|| PyErr::type_error("TokenizerIter expected"))?;
    let unread = match &*data.state.borrow() {
        State::Unread { readline, encoding } => Some((readline.clone(), encoding.clone())),
        State::Read { .. } => None,
    };
    if let Some((readline, encoding)) = unread {
        // Reading runs Python code: no borrow is held meanwhile.
        let read = read_source(&readline, encoding.as_ref());
        let state = match read {
            Ok(text) => {
                let (tokens, error) = tokenize(&text, data.extra_tokens);
                State::Read {
                    tokens: tokens.into(),
                    error,
                }
            }
            Err(e) => State::Read {
                tokens: VecDeque::new(),
                error: Some(e),
            },
        };
        *data.state.borrow_mut() = state;
    }
    let mut state = data.state.borrow_mut();
    match &mut *state {
        State::Read { tokens, error } => match tokens.pop_front() {
            Some(t) => Ok(Some(t)),
            None => match error.take() {
                Some(e) => Err(e),
                None => Ok(None),
            },
        },
        State::Unread { .. } => Ok(None),
    }
}

/// Every line `readline` gives, joined.
fn read_source(readline: &Value, encoding: Option<&Value>) -> PyResult<String> {
    let mut text = String::new();
    loop {
        let line = match protocol::call(readline, Args::positional(&[])) {
            Ok(line) => line,
            Err(e) if e.is(ExcKind::StopIteration) => break,
            Err(e) => return Err(e),
        };
        let line = match encoding {
            None => match line.downcast::<StrData>() {
                Some(s) => s.to_string_lossy(),
                None => return Err(PyErr::type_error("readline() returned a non-string object")),
            },
            Some(encoding) => {
                if line.downcast::<BytesData>().is_none() {
                    return Err(PyErr::type_error("readline() returned a non-bytes object"));
                }
                let decoded =
                    argconv::call_method(&line, "decode", std::slice::from_ref(encoding))?;
                argconv::str_arg(&decoded, "readline", "line")?
            }
        };
        if line.is_empty() {
            break;
        }
        text.push_str(&line);
    }
    Ok(text)
}

/// The token tuples of `text`, and the error that stopped the tokenizer, if any.
fn tokenize(text: &str, extra_tokens: bool) -> (Vec<Value>, Option<PyErr>) {
    let int = |n: u32| Value::small(n as i64);
    // Byte offsets where lines start.
    let mut line_starts = vec![0usize];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' && i + 1 < text.len() {
            line_starts.push(i + 1);
        }
    }
    let line_text = |first: u32, last: u32| -> &str {
        let first = first as usize;
        if first == 0 || first > line_starts.len() {
            return "";
        }
        let start = line_starts[first - 1];
        let end = line_starts
            .get(last.max(first as u32) as usize)
            .copied()
            .unwrap_or(text.len());
        text.get(start..end).unwrap_or("")
    };
    let char_col = |offset: usize, byte_col: u32| -> u32 {
        let offset = offset.min(text.len());
        let line_start = offset.saturating_sub(byte_col as usize);
        match text.get(line_start..offset) {
            Some(s) => s.chars().count() as u32,
            None => byte_col,
        }
    };
    let tokens = Tokenizer::new(text, Config::TOKENIZE_MODULE);
    let implicit = tokens.has_implicit_newline();
    let mut out = Vec::new();
    for token in tokens {
        let token = match token {
            Ok(t) => t,
            Err(err) => {
                let line = line_text(err.lineno, err.lineno).to_string();
                return (out, Some(tokenize_error(&err, line)));
            }
        };
        let (start, end) = (token.start as usize, token.end as usize);
        let mut value = text.get(start..end).unwrap_or("");
        let start_col = char_col(start, token.start_pos.col);
        let mut end_col = char_col(end, token.end_pos.col);
        if extra_tokens
            && matches!(token.kind, TokenKind::Newline | TokenKind::Nl)
            && implicit
            && end == text.len()
        {
            // The newline CPython supplies at the end of a source without one.
            end_col += 1;
            if token.kind == TokenKind::Nl {
                value = "";
            }
        }
        let kind = if extra_tokens {
            token.kind.generic()
        } else {
            token.kind
        };
        let line = if token.kind == TokenKind::EndMarker {
            ""
        } else {
            line_text(token.start_pos.line, token.end_pos.line)
        };
        out.push(pyrs_objects::tuple::new(vec![
            Value::small(kind as u8 as i64),
            pyrs_objects::str::new(value),
            pyrs_objects::tuple::new(vec![int(token.start_pos.line), int(start_col)]),
            pyrs_objects::tuple::new(vec![int(token.end_pos.line), int(end_col)]),
            pyrs_objects::str::new(line),
        ]));
    }
    (out, None)
}

/// The SyntaxError (or IndentationError, TabError) for a lexical error.
fn tokenize_error(err: &pyrs_tokenizer::TokenizeError, line: String) -> PyErr {
    let kind = match err.code {
        ErrorCode::Dedent | ErrorCode::TooDeep => ExcKind::IndentationError,
        ErrorCode::TabSpace => ExcKind::TabError,
        _ => ExcKind::SyntaxError,
    };
    let int = |n: u32| Value::small(n as i64);
    let msg = pyrs_objects::str::new(&err.message);
    // CPython's tokenizer sets the location as attributes only: `args` is `(msg,)`.
    let e = PyErr::with_args(kind, vec![msg.clone()]);
    let exc = e.value();
    let set = pyrs_objects::exceptions::set_attr;
    set(exc, "msg", msg);
    set(exc, "filename", pyrs_objects::str::new("<string>"));
    set(exc, "lineno", int(err.lineno));
    set(exc, "offset", int(err.offset));
    set(exc, "text", pyrs_objects::str::new(&line));
    set(exc, "end_lineno", int(err.lineno));
    set(exc, "end_offset", int(err.offset));
    set(exc, "print_file_and_line", pyrs_objects::none());
    e
}
