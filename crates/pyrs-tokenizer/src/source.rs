//! From the bytes of a file to text: the UTF-8 byte-order mark, PEP 263 encoding declarations,
//! and decoding, as CPython's `tokenize` module does them (Lib/tokenize.py, `detect_encoding`).

use crate::codec_tables;
use crate::repr::str_repr;
use std::borrow::Cow;
use std::fmt;

/// A source encoding pyrs can decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    /// A single-byte codec whose upper half is given by a table.
    Table(&'static [u16; 128]),
}

/// Finds a codec by any name Python's codec registry accepts for it
/// (`encodings.normalize_encoding` and `encodings.aliases`).
fn lookup_codec(name: &str) -> Option<Codec> {
    // normalize_encoding: runs of characters other than ASCII letters, digits and '.' become '_'.
    let mut norm = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            if c.is_ascii() {
                norm.push(c.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    let codec = match norm.replace('.', "_").as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "latin_1" | "latin1" | "latin" | "l1" | "8859" | "cp819" | "csisolatin1" | "ibm819"
        | "iso8859" | "iso8859_1" | "iso_8859_1" | "iso_8859_1_1987" | "iso_ir_100" => {
            Codec::Latin1
        }
        "ascii" | "646" | "ansi_x3_4_1968" | "ansi_x3_4_1986" | "cp367" | "csascii" | "ibm367"
        | "iso646_us" | "iso_646_irv_1991" | "iso_ir_6" | "us" | "us_ascii" => Codec::Ascii,
        "cp1252" | "1252" | "windows_1252" => Codec::Table(&codec_tables::CP1252),
        "iso8859_15" | "iso_8859_15" | "l9" | "latin9" => Codec::Table(&codec_tables::ISO8859_15),
        "koi8_r" | "cskoi8r" => Codec::Table(&codec_tables::KOI8_R),
        "cp1251" | "1251" | "windows_1251" => Codec::Table(&codec_tables::CP1251),
        "iso8859_2" | "iso_8859_2" | "iso_8859_2_1987" | "iso_ir_101" | "l2" | "latin2"
        | "csisolatin2" => Codec::Table(&codec_tables::ISO8859_2),
        "cp437" | "437" | "cspc8codepage437" | "ibm437" => Codec::Table(&codec_tables::CP437),
        "mac_roman" | "macintosh" | "macroman" => Codec::Table(&codec_tables::MAC_ROMAN),
        _ => return None,
    };
    Some(codec)
}

/// Why a file's encoding could not be determined (a `SyntaxError` without a location).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodingError {
    /// CPython's message, e.g. `unknown encoding for 'x.py': foo`.
    pub message: String,
}

impl fmt::Display for EncodingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EncodingError {}

/// Decoded source text ready for the tokenizer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText<'a> {
    /// The encoding name, as the `tokenize` module's ENCODING token reports it (`utf-8` when a
    /// byte-order mark was present).
    pub encoding: String,
    /// The text, byte-order mark removed.
    pub text: Cow<'a, str>,
}

/// `tokenize.py`'s `_get_normal_name`: the spellings of UTF-8 and Latin-1 that get one name.
fn normal_name(orig: &str) -> String {
    let enc: String = orig
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase()
        .replace('_', "-");
    if enc == "utf-8" || enc.starts_with("utf-8-") {
        return "utf-8".to_owned();
    }
    if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&enc.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| enc.starts_with(p))
    {
        return "iso-8859-1".to_owned();
    }
    orig.to_owned()
}

/// The declared encoding of one line: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
fn cookie(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches([' ', '\t', '\x0c']);
    let rest = rest.strip_prefix('#')?;
    // `.` does not match a newline: search only up to the end of the line.
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut search = rest;
    while let Some(i) = search.find("coding") {
        let after = &search[i + 6..];
        if let Some(after) = after.strip_prefix([':', '=']) {
            let after = after.trim_start_matches([' ', '\t']);
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
                .unwrap_or(after.len());
            if end > 0 {
                return Some(&after[..end]);
            }
        }
        search = &search[i + 1..];
    }
    None
}

/// `^[ \t\f]*(?:[#\r\n]|$)`: a line that may precede an encoding declaration.
fn is_blank_or_comment(line: &[u8]) -> bool {
    let start = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | 0x0c))
        .unwrap_or(line.len());
    matches!(line.get(start), None | Some(b'#' | b'\r' | b'\n'))
}

/// Splits off the first line, `\n` included (what `readline()` returns).
fn first_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == b'\n') {
        Some(i) => bytes.split_at(i + 1),
        None => (bytes, &[]),
    }
}

/// Determines the encoding of `bytes` as `tokenize.detect_encoding` does and decodes them,
/// replacing undecodable bytes with U+FFFD as CPython's tokenizer does. `filename` appears in
/// error messages as Python's `repr()` of it.
///
/// ```
/// let src = pyrs_tokenizer::decode(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", None).unwrap();
/// assert_eq!(src.encoding, "iso-8859-1");
/// assert!(src.text.ends_with("x = 'é'\n"));
/// ```
pub fn decode<'a>(
    bytes: &'a [u8],
    filename: Option<&str>,
) -> Result<SourceText<'a>, EncodingError> {
    let for_file = |msg: &str| match filename {
        Some(name) => format!("{msg} for {}", str_repr(name)),
        None => msg.to_owned(),
    };
    let mut body = bytes;
    let bom = body.starts_with(b"\xef\xbb\xbf");
    if bom {
        body = &body[3..];
    }

    let find_cookie = |line: &[u8]| -> Result<Option<(String, Codec)>, EncodingError> {
        let Ok(text) = std::str::from_utf8(line) else {
            return Err(EncodingError {
                message: for_file("invalid or missing encoding declaration"),
            });
        };
        let Some(name) = cookie(text) else {
            return Ok(None);
        };
        let name = normal_name(name);
        let Some(codec) = lookup_codec(&name) else {
            let message = match filename {
                Some(f) => format!("unknown encoding for {}: {name}", str_repr(f)),
                None => format!("unknown encoding: {name}"),
            };
            return Err(EncodingError { message });
        };
        if bom && name != "utf-8" {
            let message = match filename {
                Some(f) => format!("encoding problem for {}: utf-8", str_repr(f)),
                None => "encoding problem: utf-8".to_owned(),
            };
            return Err(EncodingError { message });
        }
        Ok(Some((name, codec)))
    };

    let (first, rest) = first_line(body);
    let mut declared = None;
    if !first.is_empty() {
        declared = find_cookie(first)?;
        if declared.is_none() && is_blank_or_comment(first) {
            let (second, _) = first_line(rest);
            if !second.is_empty() {
                declared = find_cookie(second)?;
            }
        }
    }
    let (encoding, codec) = declared.unwrap_or_else(|| ("utf-8".to_owned(), Codec::Utf8));
    Ok(SourceText {
        encoding,
        text: decode_with(codec, body),
    })
}

fn decode_with(codec: Codec, bytes: &[u8]) -> Cow<'_, str> {
    match codec {
        Codec::Utf8 => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        },
        _ if bytes.is_ascii() => Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default()),
        Codec::Latin1 => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
        Codec::Ascii => Cow::Owned(
            bytes
                .iter()
                .map(|&b| if b < 0x80 { char::from(b) } else { '\u{fffd}' })
                .collect(),
        ),
        Codec::Table(table) => Cow::Owned(
            bytes
                .iter()
                .map(|&b| {
                    if b < 0x80 {
                        char::from(b)
                    } else {
                        char::from_u32(u32::from(table[usize::from(b - 0x80)]))
                            .unwrap_or('\u{fffd}')
                    }
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies() {
        assert_eq!(cookie("# -*- coding: utf-8 -*-\n"), Some("utf-8"));
        assert_eq!(cookie("#!/usr/bin/python\n"), None);
        assert_eq!(
            cookie("  # vim: set fileencoding=koi8-r :\n"),
            Some("koi8-r")
        );
        assert_eq!(cookie("x = 1 # coding: latin-1\n"), None);
        assert_eq!(cookie("# coding: \n"), None);
    }

    #[test]
    fn declaration_on_second_line_only_after_a_blank_or_comment() {
        let src = decode(b"#!/usr/bin/env python\n# coding: latin-1\n\xe9\n", None).unwrap();
        assert_eq!(src.encoding, "iso-8859-1");
        let src = decode(b"x = 1\n# coding: latin-1\n", None).unwrap();
        assert_eq!(src.encoding, "utf-8");
    }

    #[test]
    fn errors_name_the_file() {
        let err = decode(b"# coding: nope\n", Some("a.py")).unwrap_err();
        assert_eq!(err.message, "unknown encoding for 'a.py': nope");
        let err = decode(b"\xef\xbb\xbf# coding: latin-1\n", Some("a.py")).unwrap_err();
        assert_eq!(err.message, "encoding problem for 'a.py': utf-8");
        let err = decode(b"\xff\n", None).unwrap_err();
        assert_eq!(err.message, "invalid or missing encoding declaration");
    }

    #[test]
    fn bom_is_removed_and_reported_as_utf8() {
        let src = decode(b"\xef\xbb\xbfx\n", None).unwrap();
        assert_eq!(src.encoding, "utf-8");
        assert_eq!(src.text, "x\n");
    }
}
