//! Reader of ast.asdl: ASDL plus pyrs's four documented additions, into a small model.
//!
//! The model keeps what the Rust emitter and the reference check need: each type with its
//! Rust name, its constructors (a product is one constructor named after its type), their
//! fields with quantifiers, the attributes, and the doc comments written after each definition.

use std::fmt;

/// The whole file: the types in the order they are written.
#[derive(Debug)]
pub(crate) struct Asdl {
    pub(crate) types: Vec<Type>,
}

/// One `name = ...` definition.
#[derive(Debug)]
pub(crate) struct Type {
    /// The ASDL name, which is also CPython's abstract class name (`stmt`, `expr_context`).
    pub(crate) name: String,
    /// The Rust name: `name:Rust` when given, else the CamelCase of `name`.
    pub(crate) rust: String,
    /// The `-- text` lines written above the definition.
    pub(crate) summary: String,
    pub(crate) kind: Kind,
    /// `attributes (...)`: the location fields, empty when the type has none.
    pub(crate) attributes: Vec<Field>,
}

/// Whether a type is a sum of constructors or a single product.
#[derive(Debug)]
pub(crate) enum Kind {
    Sum(Vec<Constructor>),
    /// A product: one constructor whose name is the type's name.
    Product(Constructor),
}

/// A constructor: a concrete node class of CPython's `ast` module.
#[derive(Debug)]
pub(crate) struct Constructor {
    pub(crate) name: String,
    pub(crate) fields: Vec<Field>,
    /// The `-- text` lines after the constructor, joined by spaces.
    pub(crate) summary: String,
    /// The `--! text` lines after the constructor: differences from the CPython class.
    pub(crate) notes: Vec<String>,
}

/// One field: `type? name`.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) ty: String,
    pub(crate) name: String,
    pub(crate) quant: Quant,
}

/// The shape of a field: one value, an optional one, a list, or a list of optional values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quant {
    One,
    Opt,
    Seq,
    OptSeq,
}

impl Type {
    /// The constructors of a sum, or the product's single constructor.
    pub(crate) fn constructors(&self) -> &[Constructor] {
        match &self.kind {
            Kind::Sum(constructors) => constructors,
            Kind::Product(constructor) => std::slice::from_ref(constructor),
        }
    }

    /// A sum whose constructors all have no fields and no attributes: a plain Rust enum.
    pub(crate) fn is_simple(&self) -> bool {
        matches!(&self.kind, Kind::Sum(cs) if cs.iter().all(|c| c.fields.is_empty()))
            && self.attributes.is_empty()
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quant = match self.quant {
            Quant::One => "",
            Quant::Opt => "?",
            Quant::Seq => "*",
            Quant::OptSeq => "?*",
        };
        write!(f, "{}{} {}", self.ty, quant, self.name)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Punct(char),
    /// `-- text`: a summary line.
    Comment(String),
    /// `--! text`: a difference note.
    Note(String),
    /// An empty line: it ends the comments that document the definition above it.
    Blank,
}

fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, String> {
    let mut tokens = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line_no = number + 1;
        if line.trim().is_empty() {
            tokens.push((line_no, Token::Blank));
            continue;
        }
        let mut rest = line;
        loop {
            rest = rest.trim_start();
            let Some(c) = rest.chars().next() else { break };
            if let Some(comment) = rest.strip_prefix("--") {
                let token = match comment.strip_prefix('!') {
                    Some(note) => Token::Note(note.trim().to_string()),
                    None => Token::Comment(comment.trim().to_string()),
                };
                tokens.push((line_no, token));
                break;
            }
            if c.is_ascii_alphanumeric() || c == '_' {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                tokens.push((line_no, Token::Name(rest[..end].to_string())));
                rest = &rest[end..];
            } else if "=|(),?*:{}".contains(c) {
                tokens.push((line_no, Token::Punct(c)));
                rest = &rest[1..];
            } else {
                return Err(format!("line {line_no}: unexpected character {c:?}"));
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
}

impl Parser {
    /// The next token, skipping empty lines.
    fn peek(&mut self) -> Option<&Token> {
        while matches!(self.tokens.get(self.pos), Some((_, Token::Blank))) {
            self.pos += 1;
        }
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn line(&self) -> usize {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or(0, |(l, _)| *l)
    }

    fn error<T>(&mut self, message: &str) -> Result<T, String> {
        let found = self.peek().cloned();
        Err(format!(
            "ast.asdl line {}: {message}, found {found:?}",
            self.line()
        ))
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.peek().cloned();
        self.pos += 1;
        token
    }

    fn name(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Token::Name(name)) => {
                let name = name.clone();
                self.pos += 1;
                Ok(name)
            }
            _ => self.error("expected a name"),
        }
    }

    fn punct(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            self.error(&format!("expected {c:?}"))
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_comments(&mut self) {
        while matches!(self.peek(), Some(Token::Comment(_) | Token::Note(_))) {
            self.pos += 1;
        }
    }

    /// Collects the comments at the cursor up to an empty line: summary lines joined by
    /// spaces, and notes.
    fn docs(&mut self) -> (String, Vec<String>) {
        let mut summary: Vec<String> = Vec::new();
        let mut notes = Vec::new();
        loop {
            match self.tokens.get(self.pos).map(|(_, t)| t) {
                Some(Token::Comment(text)) => summary.push(text.clone()),
                Some(Token::Note(text)) => notes.push(text.clone()),
                _ => break,
            }
            self.pos += 1;
        }
        (summary.join(" "), notes)
    }

    fn fields(&mut self) -> Result<Vec<Field>, String> {
        self.punct('(')?;
        let mut fields = Vec::new();
        loop {
            let ty = self.name()?;
            let quant = if self.eat('?') {
                if self.eat('*') {
                    Quant::OptSeq
                } else {
                    Quant::Opt
                }
            } else if self.eat('*') {
                Quant::Seq
            } else {
                Quant::One
            };
            let name = self.name()?;
            fields.push(Field { ty, name, quant });
            if !self.eat(',') {
                break;
            }
        }
        self.punct(')')?;
        Ok(fields)
    }

    fn attributes(&mut self) -> Result<Vec<Field>, String> {
        if self.peek() == Some(&Token::Name("attributes".into())) {
            self.pos += 1;
            self.fields()
        } else {
            Ok(Vec::new())
        }
    }

    fn constructor(&mut self) -> Result<Constructor, String> {
        let name = self.name()?;
        // Not `peek`, which would skip the empty line that ends this constructor's comments.
        let fields = if matches!(self.tokens.get(self.pos), Some((_, Token::Punct('(')))) {
            self.fields()?
        } else {
            Vec::new()
        };
        let (summary, notes) = self.docs();
        Ok(Constructor {
            name,
            fields,
            summary,
            notes,
        })
    }

    fn definition(&mut self, summary: String) -> Result<Type, String> {
        let name = self.name()?;
        let rust = if self.eat(':') {
            self.name()?
        } else {
            camel_case(&name)
        };
        self.punct('=')?;
        let kind = if self.peek() == Some(&Token::Punct('(')) {
            let fields = self.fields()?;
            let (summary, notes) = self.docs();
            Kind::Product(Constructor {
                name: name.clone(),
                fields,
                summary,
                notes,
            })
        } else {
            let mut constructors = vec![self.constructor()?];
            while self.eat('|') {
                self.skip_comments();
                constructors.push(self.constructor()?);
            }
            Kind::Sum(constructors)
        };
        let attributes = self.attributes()?;
        Ok(Type {
            name,
            rust,
            summary,
            kind,
            attributes,
        })
    }
}

/// `expr_context` becomes `ExprContext`.
pub(crate) fn camel_case(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Reads the text of ast.asdl.
pub(crate) fn parse(text: &str) -> Result<Asdl, String> {
    let mut parser = Parser {
        tokens: tokenize(text)?,
        pos: 0,
    };
    parser.skip_comments();
    if parser.name()? != "module" {
        return parser.error("expected `module`");
    }
    parser.name()?;
    parser.punct('{')?;
    let mut types = Vec::new();
    loop {
        parser.peek();
        let (summary, _) = parser.docs();
        if parser.eat('}') {
            break;
        }
        types.push(parser.definition(summary)?);
    }
    if parser.next().is_some() {
        return parser.error("expected the end of the file");
    }
    for ty in &types {
        for field in &ty.attributes {
            if !["lineno", "col_offset", "end_lineno", "end_col_offset"]
                .contains(&field.name.as_str())
            {
                return Err(format!("{}: unknown attribute {}", ty.name, field.name));
            }
        }
    }
    Ok(Asdl { types })
}
