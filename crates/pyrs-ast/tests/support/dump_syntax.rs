//! A parser of `ast.dump` text into a generic tree, and the field access read_nodes.rs uses.

use pyrs_ast::{Constant, Identifier, Int, Location, StrValue};

/// A value in a dump: a node, a list, or a literal (`None` included).
#[derive(Debug)]
pub(crate) enum Value {
    Node(DynNode),
    List(Vec<Value>),
    Literal(Constant),
}

/// `Class(name=value, ...)`.
#[derive(Debug)]
pub(crate) struct DynNode {
    class: String,
    fields: Vec<(String, Value)>,
}

/// The fields of one node, each to be read once; [`Fields::finish`] refuses the unread.
pub(crate) struct Fields<'v> {
    node: &'v DynNode,
    used: Vec<bool>,
}

impl<'v> Fields<'v> {
    pub(crate) fn new(value: &'v Value) -> Result<Self, String> {
        match value {
            Value::Node(node) => Ok(Fields {
                node,
                used: vec![false; node.fields.len()],
            }),
            other => Err(format!("expected a node, found {other:?}")),
        }
    }

    pub(crate) fn class(&self) -> &'v str {
        &self.node.class
    }

    pub(crate) fn expect_class(&self, class: &str) -> Result<(), String> {
        if self.node.class == class {
            Ok(())
        } else {
            Err(format!("expected {class}, found {}", self.node.class))
        }
    }

    fn take(&mut self, name: &str) -> Option<&'v Value> {
        let index = self.node.fields.iter().position(|(n, _)| n == name)?;
        self.used[index] = true;
        Some(&self.node.fields[index].1)
    }

    fn required(&mut self, name: &str) -> Result<&'v Value, String> {
        self.take(name)
            .ok_or_else(|| format!("{}: no field {name}", self.node.class))
    }

    pub(crate) fn finish(self) -> Result<(), String> {
        let unread: Vec<&str> = self
            .node
            .fields
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            .map(|((name, _), _)| name.as_str())
            .collect();
        if unread.is_empty() {
            Ok(())
        } else {
            Err(format!("{}: unknown fields {unread:?}", self.node.class))
        }
    }

    pub(crate) fn one<T>(
        &mut self,
        name: &str,
        read: fn(&Value) -> Result<T, String>,
    ) -> Result<T, String> {
        read(self.required(name)?)
    }

    pub(crate) fn opt<T>(
        &mut self,
        name: &str,
        read: fn(&Value) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match self.take(name) {
            None | Some(Value::Literal(Constant::None)) => Ok(None),
            Some(value) => read(value).map(Some),
        }
    }

    pub(crate) fn list<T>(
        &mut self,
        name: &str,
        read: fn(&Value) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        match self.take(name) {
            None => Ok(Vec::new()),
            Some(Value::List(items)) => items.iter().map(read).collect(),
            Some(other) => Err(format!("{name}: expected a list, found {other:?}")),
        }
    }

    pub(crate) fn opt_list<T>(
        &mut self,
        name: &str,
        read: fn(&Value) -> Result<T, String>,
    ) -> Result<Vec<Option<T>>, String> {
        match self.take(name) {
            None => Ok(Vec::new()),
            Some(Value::List(items)) => items
                .iter()
                .map(|item| match item {
                    Value::Literal(Constant::None) => Ok(None),
                    item => read(item).map(Some),
                })
                .collect(),
            Some(other) => Err(format!("{name}: expected a list, found {other:?}")),
        }
    }

    pub(crate) fn identifier(&mut self, name: &str) -> Result<Identifier, String> {
        text(self.required(name)?).map(Identifier::from)
    }

    pub(crate) fn opt_identifier(&mut self, name: &str) -> Result<Option<Identifier>, String> {
        self.take(name)
            .map(|v| text(v).map(Identifier::from))
            .transpose()
    }

    pub(crate) fn identifiers(&mut self, name: &str) -> Result<Vec<Identifier>, String> {
        self.list(name, |v| text(v).map(Identifier::from))
    }

    pub(crate) fn string(&mut self, name: &str) -> Result<Box<str>, String> {
        text(self.required(name)?).map(Box::from)
    }

    pub(crate) fn opt_string(&mut self, name: &str) -> Result<Option<Box<str>>, String> {
        self.take(name).map(|v| text(v).map(Box::from)).transpose()
    }

    pub(crate) fn int(&mut self, name: &str) -> Result<i32, String> {
        int(self.required(name)?)
    }

    pub(crate) fn opt_int(&mut self, name: &str) -> Result<Option<i32>, String> {
        self.take(name).map(int).transpose()
    }

    pub(crate) fn constant(&mut self, name: &str) -> Result<Constant, String> {
        match self.required(name)? {
            Value::Literal(constant) => Ok(constant.clone()),
            other => Err(format!("{name}: expected a constant, found {other:?}")),
        }
    }

    pub(crate) fn location(&mut self) -> Result<Location, String> {
        let mut get = |name: &str| -> Result<u32, String> {
            u32::try_from(int(self.required(name)?)?).map_err(|e| format!("{name}: {e}"))
        };
        Ok(Location::new(
            get("lineno")?,
            get("col_offset")?,
            get("end_lineno")?,
            get("end_col_offset")?,
        ))
    }
}

fn text(value: &Value) -> Result<&str, String> {
    match value {
        Value::Literal(Constant::Str(s)) => s
            .as_str()
            .ok_or_else(|| format!("a lone surrogate in {s:?}")),
        other => Err(format!("expected a str, found {other:?}")),
    }
}

fn int(value: &Value) -> Result<i32, String> {
    match value {
        Value::Literal(Constant::Int(i)) => i
            .as_i64()
            .and_then(|v| i32::try_from(v).ok())
            .ok_or_else(|| format!("{i:?} is out of range")),
        other => Err(format!("expected an int, found {other:?}")),
    }
}

/// Parses the whole text as one value.
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.pos != parser.chars.len() {
        return parser.error("trailing text");
    }
    Ok(value)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn error<T>(&self, message: &str) -> Result<T, String> {
        let context: String = self.chars[self.pos.min(self.chars.len())..]
            .iter()
            .take(40)
            .collect();
        Err(format!("{message} at character {}: {context:?}", self.pos))
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            self.error(&format!("expected {c:?}"))
        }
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_space();
        match self.peek() {
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                if !self.eat(']') {
                    loop {
                        items.push(self.value()?);
                        if self.eat(']') {
                            break;
                        }
                        self.expect(',')?;
                    }
                }
                Ok(Value::List(items))
            }
            Some('\'' | '"') => Ok(Value::Literal(Constant::Str(self.string()?))),
            Some('b') if matches!(self.chars.get(self.pos + 1), Some('\'' | '"')) => {
                self.pos += 1;
                let s = self.string()?;
                let bytes: Option<Vec<u8>> =
                    s.code_points().map(|cp| u8::try_from(cp).ok()).collect();
                Ok(Value::Literal(Constant::Bytes(
                    bytes.ok_or("a bytes escape above \\xff")?.into(),
                )))
            }
            Some('(') => {
                // `(real+imagj)`, the repr of a complex whose real part is not +0.0.
                self.pos += 1;
                let real = self.token();
                let imag = self.token();
                self.expect(')')?;
                let real = real.parse::<f64>().map_err(|e| format!("{real}: {e}"))?;
                let Some(imag) = imag.strip_suffix('j') else {
                    return self.error("expected `j`");
                };
                let imag = imag.parse::<f64>().map_err(|e| format!("{imag}: {e}"))?;
                Ok(Value::Literal(Constant::Complex { real, imag }))
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => {
                Ok(Value::Literal(self.number()?))
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let start = self.pos;
                let word = self.word();
                if self.peek() == Some('(') {
                    self.pos += 1;
                    return self.node(word);
                }
                Ok(Value::Literal(match word.as_str() {
                    "None" => Constant::None,
                    "True" => Constant::Bool(true),
                    "False" => Constant::Bool(false),
                    "Ellipsis" => Constant::Ellipsis,
                    _ => {
                        self.pos = start;
                        self.number()?
                    }
                }))
            }
            _ => self.error("expected a value"),
        }
    }

    fn node(&mut self, class: String) -> Result<Value, String> {
        let mut fields = Vec::new();
        if !self.eat(')') {
            loop {
                self.skip_space();
                let name = self.word();
                self.expect('=')?;
                fields.push((name, self.value()?));
                if self.eat(')') {
                    break;
                }
                self.expect(',')?;
            }
        }
        Ok(Value::Node(DynNode { class, fields }))
    }

    /// A number as `repr` writes it: a sign, then letters, digits, dots, and signs after `e`.
    fn token(&mut self) -> String {
        self.skip_space();
        let start = self.pos;
        if matches!(self.peek(), Some('-' | '+')) {
            self.pos += 1;
        }
        while let Some(c) = self.peek() {
            let after_e = matches!(self.chars.get(self.pos.wrapping_sub(1)), Some('e' | 'E'));
            if c.is_ascii_alphanumeric() || c == '.' || ((c == '+' || c == '-') && after_e) {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.chars[start..self.pos].iter().collect()
    }

    /// An int, a float or an imaginary literal as `repr` writes them.
    fn number(&mut self) -> Result<Constant, String> {
        let token = self.token();
        if let Some(imag) = token.strip_suffix('j') {
            let imag = imag.parse::<f64>().map_err(|e| format!("{token}: {e}"))?;
            return Ok(Constant::Complex { real: 0.0, imag });
        }
        let digits = token.strip_prefix('-').unwrap_or(&token);
        if digits.chars().all(|c| c.is_ascii_digit()) && !digits.is_empty() {
            if token.starts_with('-') {
                let value = token.parse::<i64>().map_err(|e| format!("{token}: {e}"))?;
                return Ok(Constant::Int(Int::from(value)));
            }
            return Int::from_literal(&token)
                .map(Constant::Int)
                .ok_or(format!("bad int {token}"));
        }
        token
            .parse::<f64>()
            .map(Constant::Float)
            .map_err(|e| format!("{token}: {e}"))
    }

    fn string(&mut self) -> Result<StrValue, String> {
        let quote = self.peek().ok_or("end of text in a string")?;
        self.pos += 1;
        let mut code_points = Vec::new();
        loop {
            let c = self.peek().ok_or("end of text in a string")?;
            self.pos += 1;
            if c == quote {
                break;
            }
            if c != '\\' {
                code_points.push(u32::from(c));
                continue;
            }
            let escape = self.peek().ok_or("end of text in an escape")?;
            self.pos += 1;
            let hex_digits = match escape {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                't' => {
                    code_points.push(u32::from('\t'));
                    continue;
                }
                'n' => {
                    code_points.push(u32::from('\n'));
                    continue;
                }
                'r' => {
                    code_points.push(u32::from('\r'));
                    continue;
                }
                '\\' | '\'' | '"' => {
                    code_points.push(u32::from(escape));
                    continue;
                }
                other => return self.error(&format!("unknown escape \\{other}")),
            };
            let hex: String = self.chars[self.pos..self.pos + hex_digits].iter().collect();
            self.pos += hex_digits;
            code_points
                .push(u32::from_str_radix(&hex, 16).map_err(|e| format!("\\{escape}{hex}: {e}"))?);
        }
        StrValue::from_code_points(code_points)
            .ok_or_else(|| "a code point above U+10FFFF".to_string())
    }
}
