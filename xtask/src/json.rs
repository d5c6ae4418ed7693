//! A small JSON reader, enough for the files criterion writes (`estimates.json`, `benchmark.json`,
//! `sample.json`).

/// A JSON value; objects keep their members in file order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object; `None` for a missing member or a non-object.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The number this value is, if it is one.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The elements of an array, if this value is one.
    pub(crate) fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// How deep arrays and objects may nest; deeper input is rejected rather than overflowing.
const MAX_DEPTH: usize = 128;

/// Parses a whole document; `Err` carries the byte offset where it stopped making sense.
pub(crate) fn parse(text: &str) -> Result<Value, usize> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at != parser.bytes.len() {
        return Err(parser.at);
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), usize> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.at)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, usize> {
        if depth > MAX_DEPTH {
            return Err(self.at);
        }
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.skip_space();
                        let key = self.string()?;
                        self.expect(b':')?;
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Value::Object(members))
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.at),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, usize> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.at)
        }
    }

    fn number(&mut self) -> Result<Value, usize> {
        let start = self.at;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.at])
            .ok()
            .and_then(|text| text.parse::<f64>().ok())
            .map(Value::Number)
            .ok_or(start)
    }

    fn string(&mut self) -> Result<String, usize> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(self.at);
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at).ok_or(self.at)?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).map_err(|_| self.at),
                b'\\' => {
                    let escape = *self.bytes.get(self.at).ok_or(self.at)?;
                    self.at += 1;
                    let decoded = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = self.bytes.get(self.at..self.at + 4).ok_or(self.at)?;
                            let code = std::str::from_utf8(hex)
                                .ok()
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .ok_or(self.at)?;
                            self.at += 4;
                            // Surrogate pairs do not occur in criterion's files; a lone half
                            // becomes U+FFFD rather than an error.
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        _ => return Err(self.at - 1),
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(decoded.encode_utf8(&mut buffer).as_bytes());
                }
                _ => out.push(byte),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_estimates_are_read() {
        let text = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.5e8,"upper_bound":1.7e8},"point_estimate":160123456.5,"standard_error":1000.0},"median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":1.5,"standard_error":0.1},"slope":null}"#;
        let value = parse(text).unwrap();
        let mean = value.get("mean").and_then(|m| m.get("point_estimate"));
        assert_eq!(mean.and_then(Value::as_f64), Some(160123456.5));
        assert_eq!(value.get("slope"), Some(&Value::Null));
        assert_eq!(value.get("missing"), None);
    }

    #[test]
    fn criterion_benchmark_ids_are_read() {
        let text = r#"{"group_id":"tokenize","function_id":"stdlib","value_str":null,
            "throughput":{"Bytes":33055428},"full_id":"tokenize/stdlib","title":"a\"b\u00e9"}"#;
        let value = parse(text).unwrap();
        let bytes = value.get("throughput").and_then(|t| t.get("Bytes"));
        assert_eq!(bytes.and_then(Value::as_f64), Some(33055428.0));
        assert_eq!(
            value.get("title"),
            Some(&Value::String("a\"bé".to_string()))
        );
    }

    #[test]
    fn all_value_kinds_parse() {
        assert_eq!(
            parse(" [true, false, null, -1.5e-3, \"\", [], {}] "),
            Ok(Value::Array(vec![
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
                Value::Number(-0.0015),
                Value::String(String::new()),
                Value::Array(Vec::new()),
                Value::Object(Vec::new()),
            ]))
        );
    }

    #[test]
    fn malformed_documents_are_rejected() {
        for text in [
            "",
            "{",
            "{\"a\"}",
            "{\"a\":1,}",
            "[1 2]",
            "tru",
            "\"open",
            "1 2",
            "\"\\x\"",
            "-",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        assert!(parse(&"[".repeat(MAX_DEPTH + 2)).is_err());
    }
}
