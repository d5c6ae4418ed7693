//! Source bytes to text with CPython's compile-time errors (rather than the `tokenize`
//! module's), and a rejected source printed as the end of CPython's traceback.

use std::borrow::Cow;

use crate::error::{ErrorKind, SyntaxError};

fn located(
    msg: String,
    lineno: u32,
    offset: i32,
    end_offset: i32,
    text: Option<String>,
) -> SyntaxError {
    SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg,
        lineno,
        offset,
        end_lineno: lineno,
        end_offset,
        text,
    }
}

/// The encoding name a `coding:` declaration in the first two lines gives, as written.
fn declared_name(body: &[u8]) -> Option<String> {
    for line in body.split(|&b| b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let rest = line.trim_start_matches([' ', '\t', '\x0c']);
        let Some(rest) = rest.strip_prefix('#') else {
            continue;
        };
        let mut search = rest;
        while let Some(i) = search.find("coding") {
            let after = &search[i + 6..];
            if let Some(after) = after.strip_prefix([':', '=']) {
                let after = after.trim_start_matches([' ', '\t']);
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                    .unwrap_or(after.len());
                if end > 0 {
                    return Some(after[..end].to_owned());
                }
            }
            search = &search[i + 1..];
        }
    }
    None
}

/// Decodes a source file as `compile()` does.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SyntaxError> {
    let source = match pyrs_tokenizer::decode(bytes, None) {
        Ok(source) => source,
        Err(err)
            if err
                .message
                .starts_with("invalid or missing encoding declaration") =>
        {
            // The tokenize module gives up on a first line that is not UTF-8; CPython's
            // compiler reads on and fails on the first string holding the bad bytes.
            let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            return Err(match std::str::from_utf8(body) {
                Err(e) => utf8_error(body, e),
                Ok(_) => located(err.message, 0, -1, -1, None),
            });
        }
        Err(err) => {
            let bom = bytes.starts_with(b"\xef\xbb\xbf");
            let msg = if bom && err.message.starts_with("encoding problem") {
                let name = declared_name(&bytes[3..]).unwrap_or_default();
                format!("encoding problem: {name} with BOM")
            } else {
                err.message
            };
            return Err(located(msg, 0, -1, -1, None));
        }
    };
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if source.encoding == "utf-8" {
        if let (Cow::Owned(_), Err(e)) = (&source.text, std::str::from_utf8(body)) {
            return Err(utf8_error(body, e));
        }
    }
    Ok(source.text)
}

/// CPython finds undecodable bytes when it decodes the string literal holding them; the
/// position it gives counts from the literal's opening quote.
fn utf8_error(body: &[u8], e: std::str::Utf8Error) -> SyntaxError {
    let at = e.valid_up_to();
    let byte = body[at];
    let reason = match e.error_len() {
        None => "unexpected end of data",
        Some(_) if (0x80..0xc2).contains(&byte) || byte >= 0xf5 => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    let line_start = body[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let lineno = body[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let quote = body[line_start..at]
        .iter()
        .rposition(|&b| b == b'"' || b == b'\'')
        .map(|i| line_start + i);
    let position = quote.map_or(at - line_start, |q| at - q - 1);
    let line_end = body[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |i| at + i + 1);
    let text = String::from_utf8_lossy(&body[line_start..line_end]).into_owned();
    let offset = quote.map_or(1, |q| {
        String::from_utf8_lossy(&body[line_start..q])
            .chars()
            .count() as i32
            + 1
    });
    // CPython's end column stops one character short of the literal's closing quote.
    let end_offset = quote
        .and_then(|q| {
            let close = body[at..line_end].iter().position(|&b| b == body[q])? + at;
            Some(
                String::from_utf8_lossy(&body[line_start..=close])
                    .chars()
                    .count() as i32
                    - 1,
            )
        })
        .unwrap_or(offset);
    located(
        format!("(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {position}: {reason}"),
        lineno,
        offset,
        end_offset,
        Some(text),
    )
}

/// The last lines of the traceback Python prints for `err` raised while compiling
/// `filename` (Lib/traceback.py, `_format_syntax_error`).
pub(crate) fn traceback_tail(err: &SyntaxError, filename: &str) -> String {
    if !err.kind.is_syntax_error() {
        return format!("{}: {}\n", err.kind.name(), err.msg);
    }
    let mut out = format!("  File \"{filename}\", line {}\n", err.lineno);
    if let Some(text) = &err.text {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = (rtext.chars().count() - ltext.chars().count()) as i64;
        let len_text = text.chars().count() as i64;
        let len_rtext = rtext.chars().count() as i64;
        let mut offset = i64::from(err.offset);
        let mut end_offset = if err.lineno == err.end_lineno {
            if err.end_offset != 0 {
                i64::from(err.end_offset)
            } else {
                offset
            }
        } else {
            len_rtext + 1
        };
        if offset > len_text {
            offset = len_rtext + 1;
        }
        if end_offset > len_text {
            end_offset = len_rtext + 1;
        }
        if offset >= end_offset || end_offset < 0 {
            end_offset = offset + 1;
        }
        let colno = offset - 1 - spaces;
        let end_colno = end_offset - 1 - spaces;
        out.push_str("    ");
        out.push_str(ltext);
        out.push('\n');
        if colno >= 0 {
            out.push_str("    ");
            for c in ltext.chars().take(colno as usize) {
                out.push(if c.is_whitespace() { c } else { ' ' });
            }
            for _ in colno..end_colno {
                out.push('^');
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
    out
}
