//! The source lines and `~~~^^^` caret lines under each traceback entry (Lib/traceback.py's
//! `StackSummary.format_frame_summary`, `_should_show_carets` and
//! `_extract_caret_anchors_from_line_segment`), and the "Did you mean" suggestions of the
//! last line (`_compute_suggestion_error`).

use pyrs_ast::{Expr, Mod, Stmt};
use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::typeobject::is_instance;
use pyrs_objects::{protocol, str as pystr, ExcKind, Value};
use pyrs_parser::{parse, Mode};

use crate::code::CodeData;
use crate::exc::TracebackData;
use crate::frameobject::FrameObject;
use crate::traceback::Lines;

/// East Asian Width `W` and `F` code point ranges (Unicode 15.1, as CPython 3.13's
/// `unicodedata` has them): the characters `_display_width` counts as two columns.
const WIDE: &[(u32, u32)] = &[
    (0x1100, 0x115F),
    (0x231A, 0x231B),
    (0x2329, 0x232A),
    (0x23E9, 0x23EC),
    (0x23F0, 0x23F0),
    (0x23F3, 0x23F3),
    (0x25FD, 0x25FE),
    (0x2614, 0x2615),
    (0x2648, 0x2653),
    (0x267F, 0x267F),
    (0x2693, 0x2693),
    (0x26A1, 0x26A1),
    (0x26AA, 0x26AB),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26CE, 0x26CE),
    (0x26D4, 0x26D4),
    (0x26EA, 0x26EA),
    (0x26F2, 0x26F3),
    (0x26F5, 0x26F5),
    (0x26FA, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2705, 0x2705),
    (0x270A, 0x270B),
    (0x2728, 0x2728),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2795, 0x2797),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E3),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0x4DBF),
    (0x4E00, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF1),
    (0x17000, 0x187F7),
    (0x18800, 0x18CD5),
    (0x18D00, 0x18D08),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1F004, 0x1F004),
    (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F200, 0x1F202),
    (0x1F210, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F250, 0x1F251),
    (0x1F260, 0x1F265),
    (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335),
    (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393),
    (0x1F3A0, 0x1F3CA),
    (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0),
    (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440),
    (0x1F442, 0x1F4FC),
    (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E),
    (0x1F550, 0x1F567),
    (0x1F57A, 0x1F57A),
    (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A4),
    (0x1F5FB, 0x1F64F),
    (0x1F680, 0x1F6C5),
    (0x1F6CC, 0x1F6CC),
    (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D7),
    (0x1F6DC, 0x1F6DF),
    (0x1F6EB, 0x1F6EC),
    (0x1F6F4, 0x1F6FC),
    (0x1F7E0, 0x1F7EB),
    (0x1F7F0, 0x1F7F0),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1F9FF),
    (0x1FA70, 0x1FA7C),
    (0x1FA80, 0x1FA88),
    (0x1FA90, 0x1FABD),
    (0x1FABF, 0x1FAC5),
    (0x1FACE, 0x1FADB),
    (0x1FAE0, 0x1FAE8),
    (0x1FAF0, 0x1FAF8),
    (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
];

fn is_wide(c: char) -> bool {
    let c = c as u32;
    WIDE.binary_search_by(|&(lo, hi)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// Python's `str.isspace` for one character.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `_display_width(line, offset)`: the columns the first `offset` characters take.
fn display_width(line: &[char], offset: usize) -> usize {
    if line.iter().all(char::is_ascii) {
        return offset;
    }
    line.iter()
        .take(offset)
        .map(|&c| if is_wide(c) { 2 } else { 1 })
        .sum()
}

/// `_byte_offset_to_character_offset`: the characters starting before byte `offset`
/// (a character cut in two counts, as the replacement character does).
fn char_offset(line: &str, offset: usize) -> usize {
    line.char_indices().take_while(|&(i, _)| i < offset).count()
}

/// Python's `str.splitlines()` for `\n`-separated text.
fn splitlines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n').collect()
}

fn lstrip(s: &[char]) -> &[char] {
    let n = s.iter().take_while(|&&c| is_space(c)).count();
    &s[n..]
}

fn rstrip(s: &[char]) -> &[char] {
    let n = s.iter().rev().take_while(|&&c| is_space(c)).count();
    &s[..s.len() - n]
}

/// `textwrap.dedent` on a list of lines: whitespace-only lines become empty, and the
/// longest run of spaces and tabs that starts every other line is removed.
fn dedent(lines: &[String]) -> Vec<String> {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| {
            if !l.is_empty() && l.chars().all(|c| c == ' ' || c == '\t') {
                ""
            } else {
                l.as_str()
            }
        })
        .collect();
    let mut margin: Option<&str> = None;
    for l in &lines {
        let n = l.len() - l.trim_start_matches([' ', '\t']).len();
        if n == l.len() {
            continue;
        }
        let indent = &l[..n];
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(m) => m,
            Some(m) if m.starts_with(indent) => indent,
            Some(m) => {
                let common = m
                    .bytes()
                    .zip(indent.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("");
    lines
        .iter()
        .map(|l| l.strip_prefix(margin).unwrap_or(l).to_string())
        .collect()
}

/// Where the caret line changes character (`_Anchors`): segment line and character index
/// of the end of the left part and of the start of the right part.
struct Anchors {
    left_end_lineno: usize,
    left_end_offset: usize,
    right_start_lineno: usize,
    right_start_offset: usize,
}

/// `_extract_caret_anchors_from_line_segment`: for a binary operation, the operator; for a
/// subscript or a call, the brackets.
fn caret_anchors(segment: &str) -> Option<Anchors> {
    let tree = parse(&format!("(\n{segment}\n)"), Mode::Exec).ok()?;
    let Mod::Module(m) = tree else {
        return None;
    };
    if m.body.len() != 1 {
        return None;
    }
    let Stmt::Expr(stmt) = &m.body[0] else {
        return None;
    };
    let lines: Vec<&str> = splitlines(segment);
    let chars: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let normalize = |lineno: usize, offset: u32| -> Option<usize> {
        Some(char_offset(lines.get(lineno)?, offset as usize))
    };
    let next_valid_char = |mut lineno: usize, mut col: usize| -> Option<(usize, usize)> {
        while lineno < chars.len() && col >= chars[lineno].len() {
            col = 0;
            lineno += 1;
        }
        (lineno < chars.len() && col < chars[lineno].len()).then_some((lineno, col))
    };
    let increment_until = |mut lineno: usize,
                           mut col: usize,
                           stop: &dyn Fn(char) -> bool|
     -> Option<(usize, usize)> {
        loop {
            let ch = *chars.get(lineno)?.get(col)?;
            if ch == '\\' || ch == '#' {
                (lineno, col) = next_valid_char(lineno + 1, 0)?;
            } else if !stop(ch) {
                (lineno, col) = next_valid_char(lineno, col + 1)?;
            } else {
                return Some((lineno, col));
            }
        }
    };
    let setup_positions = |e: &Expr, force_valid: bool| -> Option<(usize, usize)> {
        let loc = e.loc();
        let lineno = (loc.end_lineno as usize).checked_sub(2)?;
        let col = normalize(lineno, loc.end_col_offset)?;
        if force_valid {
            next_valid_char(lineno, col)
        } else {
            Some((lineno, col))
        }
    };
    let bracketed = |inner: &Expr, whole: &Expr, open: char| -> Option<Anchors> {
        let (l, c) = setup_positions(inner, true)?;
        let (l, c) = increment_until(l, c, &|x| x == open)?;
        let (rl, rc) = setup_positions(whole, false)?;
        Some(Anchors {
            left_end_lineno: l,
            left_end_offset: c,
            right_start_lineno: rl,
            right_start_offset: rc,
        })
    };
    let expr = &stmt.value;
    match expr {
        Expr::BinOp(b) => {
            let (lineno, col) = setup_positions(&b.left, true)?;
            let (lineno, col) = increment_until(lineno, col, &|x| !is_space(x) && x != ')')?;
            let mut right_col = col + 1;
            let right = b.right.loc();
            let line = &chars[lineno];
            if right_col < line.len()
                && ((right.lineno as usize).checked_sub(2)? > lineno
                    || right_col
                        < normalize((right.lineno as usize).checked_sub(2)?, right.col_offset)?)
                && !is_space(line[right_col])
                && line[right_col] != '\\'
                && line[right_col] != '#'
            {
                right_col += 1;
            }
            Some(Anchors {
                left_end_lineno: lineno,
                left_end_offset: col,
                right_start_lineno: lineno,
                right_start_offset: right_col,
            })
        }
        Expr::Subscript(s) => bracketed(&s.value, expr, '['),
        Expr::Call(c) => bracketed(&c.func, expr, '('),
        _ => None,
    }
}

/// `_should_show_carets`: not when the carets would underline a whole `return f(...)` or
/// `x = f(...)` statement or the whole line.
fn should_show_carets(
    start_offset: usize,
    end_offset: usize,
    all_lines: &[Vec<char>],
    text: &str,
    anchors: bool,
) -> bool {
    if let Ok(Mod::Module(m)) = parse(text, Mode::Exec) {
        let Some(statement) = m.body.first() else {
            return false;
        };
        let value = match statement {
            Stmt::Return(r) => match &r.value {
                Some(v @ Expr::Call(c)) if matches!(c.func, Expr::Name(_)) => Some(v),
                _ => None,
            },
            Stmt::Assign(a) => match &a.value {
                v @ Expr::Call(_)
                    if a.targets.len() == 1 && matches!(a.targets[0], Expr::Name(_)) =>
                {
                    Some(v)
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(v) = value {
            let loc = v.loc();
            if loc.lineno == 1
                && loc.end_lineno as usize == all_lines.len()
                && loc.col_offset as usize == start_offset
                && loc.end_col_offset as usize == end_offset
            {
                return false;
            }
        }
    }
    if anchors {
        return true;
    }
    let first = &all_lines[0];
    let last = &all_lines[all_lines.len() - 1];
    !lstrip(&first[..start_offset.min(first.len())]).is_empty()
        || !rstrip(&last[end_offset.min(last.len())..]).is_empty()
}

/// The source position of the instruction at code unit `lasti` (`_get_code_position`).
pub(crate) fn position(code: &Value, lasti: usize) -> pyrs_bytecode::Positions {
    code.downcast::<CodeData>()
        .and_then(|c| c.code.positions().nth(lasti))
        .unwrap_or_default()
}

/// The lines `format_frame_summary` prints under an entry's `File` line: the source of the
/// instruction (dedented, at most its first, last and anchor lines) and the carets.
pub(crate) fn format_source(
    filename: &str,
    lineno: u32,
    pos: pyrs_bytecode::Positions,
    lines: &mut Lines,
) -> String {
    let end_lineno = pos.end_lineno.unwrap_or(lineno);
    let original: Vec<String> = (lineno..=end_lineno)
        .map(|n| {
            let l = lines.get(filename, n).unwrap_or_default();
            let c: Vec<char> = l.chars().collect();
            rstrip(&c).iter().collect()
        })
        .collect();
    let dedented = dedent(&original);
    if dedented.iter().all(|l| l.chars().all(is_space)) {
        return String::new();
    }
    let (Some(colno), Some(end_colno)) = (pos.col_offset, pos.end_col_offset) else {
        let first: Vec<char> = original
            .first()
            .map(|l| l.chars().collect())
            .unwrap_or_default();
        let line: String = rstrip(lstrip(&first)).iter().collect();
        return if line.is_empty() {
            "\n".to_string()
        } else {
            format!("    {line}\n")
        };
    };
    let first_line = &original[0];
    let Some(last_line) = original.get((end_lineno - lineno) as usize) else {
        return String::new();
    };
    let start_offset = char_offset(first_line, colno as usize);
    let end_offset = char_offset(last_line, end_colno as usize);
    let all_lines: Vec<Vec<char>> = dedented.iter().map(|l| l.chars().collect()).collect();
    let dedent_characters = first_line.chars().count() - all_lines[0].len();
    let start_offset = start_offset.saturating_sub(dedent_characters);
    let end_offset = end_offset.saturating_sub(dedent_characters);
    let n = all_lines.len();
    let dp_start_offset = display_width(&all_lines[0], start_offset);
    let dp_end_offset = display_width(&all_lines[n - 1], end_offset);

    let joined: Vec<char> = dedented.join("\n").chars().collect();
    let seg_end = (joined.len() + end_offset).saturating_sub(all_lines[n - 1].len());
    let seg_end = seg_end.min(joined.len());
    let segment: String = if start_offset < seg_end {
        joined[start_offset..seg_end].iter().collect()
    } else {
        String::new()
    };
    let anchors =
        caret_anchors(&segment).filter(|a| a.left_end_lineno < n && a.right_start_lineno < n);
    let show_carets = should_show_carets(
        start_offset,
        end_offset,
        &all_lines,
        &dedented.join("\n"),
        anchors.is_some(),
    );

    let mut significant = std::collections::BTreeSet::new();
    significant.insert(0usize);
    significant.insert(n - 1);
    let (mut left_end, mut right_start) = (0, 0);
    let (mut primary, mut secondary) = ('^', '^');
    if let Some(a) = &anchors {
        left_end = a.left_end_offset;
        right_start = a.right_start_offset;
        if a.left_end_lineno == 0 {
            left_end += start_offset;
        }
        if a.right_start_lineno == 0 {
            right_start += start_offset;
        }
        left_end = display_width(&all_lines[a.left_end_lineno], left_end);
        right_start = display_width(&all_lines[a.right_start_lineno], right_start);
        primary = '~';
        secondary = '^';
        for l in [a.left_end_lineno, a.right_start_lineno] {
            significant.extend((l.saturating_sub(1))..=(l + 1));
        }
    }
    significant.retain(|&l| l < n);

    let mut result: Vec<String> = Vec::new();
    let output_line = |result: &mut Vec<String>, lineno: usize| {
        let line = &all_lines[lineno];
        result.push(line.iter().collect());
        if !show_carets {
            return;
        }
        let num_spaces = line.len() - lstrip(line).len();
        let num_carets = if lineno == n - 1 {
            dp_end_offset
        } else {
            display_width(line, line.len())
        };
        let carets: String = (0..num_carets)
            .map(|col| {
                if col < num_spaces || (lineno == 0 && col < dp_start_offset) {
                    ' '
                } else if let Some(a) = &anchors {
                    let after_left = lineno > a.left_end_lineno
                        || (lineno == a.left_end_lineno && col >= left_end);
                    let before_right = lineno < a.right_start_lineno
                        || (lineno == a.right_start_lineno && col < right_start);
                    if after_left && before_right {
                        secondary
                    } else {
                        primary
                    }
                } else {
                    primary
                }
            })
            .collect();
        result.push(carets);
    };
    let sig: Vec<usize> = significant.into_iter().collect();
    for (i, &lineno) in sig.iter().enumerate() {
        if i > 0 {
            let diff = lineno - sig[i - 1];
            if diff == 2 {
                output_line(&mut result, lineno - 1);
            } else if diff > 2 {
                result.push(format!("...<{} lines>...", diff - 1));
            }
        }
        output_line(&mut result, lineno);
    }
    let mut out = String::new();
    for l in dedent(&result) {
        out.push_str("    ");
        out.push_str(&l);
        out.push('\n');
    }
    out
}

fn attr(exc: &Value, name: &str) -> Option<Value> {
    protocol::getattr_opt(exc, &pystr::intern(name))
        .ok()
        .flatten()
        .filter(|v| !protocol::is_none(v))
}

/// `dir(obj)` as a sorted list of names (the `str` ones).
fn dir_names(obj: &Value) -> Option<Vec<String>> {
    let m = protocol::lookup_special(obj, "__dir__").ok()??;
    let r = protocol::call1(&m, &[]).ok()?;
    let mut names: Vec<String> = protocol::collect(&r)
        .ok()?
        .iter()
        .filter_map(pystr::text_of)
        .collect();
    names.sort();
    Some(names)
}

fn dict_keys(d: &Value) -> Vec<String> {
    match d.downcast::<pyrs_objects::dict::DictData>() {
        Some(dd) => dd.keys().iter().filter_map(pystr::text_of).collect(),
        None => protocol::collect(d)
            .map(|k| k.iter().filter_map(pystr::text_of).collect())
            .unwrap_or_default(),
    }
}

/// The frame of the innermost traceback entry.
fn last_frame(exc: &Value) -> Option<Value> {
    let mut tb = exc
        .downcast::<BaseExceptionData>()?
        .traceback
        .borrow()
        .clone()?;
    loop {
        let next = tb.downcast::<TracebackData>()?.next.borrow().clone();
        match next {
            Some(n) => tb = n,
            None => return Some(tb.downcast::<TracebackData>()?.frame.clone()),
        }
    }
}

/// The `self` local of a frame, if it has one.
fn frame_self(frame: &Value) -> Option<Value> {
    let f = frame.downcast::<FrameObject>()?;
    let locals = f.locals_snapshot();
    protocol::getitem(&locals, &pystr::intern("self")).ok()
}

fn closest(names: &[String], wrong: &str) -> Option<String> {
    if names.len() >= 750 {
        return None;
    }
    crate::suggest::best_match(wrong, names.iter().map(String::as_str))
}

/// `_compute_suggestion_error`: the name to suggest for `wrong`.
fn compute_suggestion(exc: &Value, wrong: &str) -> Option<String> {
    if is_instance(exc, ExcKind::AttributeError.class()) {
        let obj = protocol::getattr_opt(exc, &pystr::intern("obj"))
            .ok()
            .flatten()?;
        let mut d = dir_names(&obj)?;
        let mut hide = !wrong.starts_with('_');
        if hide {
            if let Some(s) = last_frame(exc).and_then(|f| frame_self(&f)) {
                if s.is(&obj) {
                    hide = false;
                }
            }
        }
        if hide {
            d.retain(|x| !x.starts_with('_'));
        }
        closest(&d, wrong)
    } else if is_instance(exc, ExcKind::ImportError.class()) {
        let name = attr(exc, "name").and_then(|n| pystr::text_of(&n))?;
        let top = name.split('.').next().unwrap_or_default();
        let module = crate::sys::modules_dict().get_str(&pystr::new(top))?;
        let mut d = dir_names(&module)?;
        if !wrong.starts_with('_') {
            d.retain(|x| !x.starts_with('_'));
        }
        closest(&d, wrong)
    } else {
        let frame = last_frame(exc)?;
        let f = frame.downcast::<FrameObject>()?;
        let mut d = Vec::new();
        d.extend(dict_keys(&f.locals_snapshot()));
        d.extend(dict_keys(&f.globals));
        d.extend(dict_keys(&f.builtins));
        if let Some(s) = frame_self(&frame) {
            if protocol::getattr_opt(&s, &pystr::new(wrong))
                .ok()
                .flatten()
                .is_some()
            {
                return Some(format!("self.{wrong}"));
            }
        }
        closest(&d, wrong)
    }
}

/// The text `TracebackException` appends to an exception's line: ". Did you mean: 'x'?"
/// and, for a NameError naming a standard module, "Did you forget to import 'm'?".
pub(crate) fn suggestion(exc: &Value) -> Option<String> {
    if is_instance(exc, ExcKind::ImportError.class()) {
        let wrong = attr(exc, "name_from")?;
        let wrong = pystr::text_of(&wrong)?;
        return compute_suggestion(exc, &wrong).map(|s| format!(". Did you mean: '{s}'?"));
    }
    let is_name = is_instance(exc, ExcKind::NameError.class());
    if !is_name && !is_instance(exc, ExcKind::AttributeError.class()) {
        return None;
    }
    let wrong = pystr::text_of(&attr(exc, "name")?)?;
    let found = compute_suggestion(exc, &wrong);
    let mut out = String::new();
    if let Some(s) = &found {
        out.push_str(&format!(". Did you mean: '{s}'?"));
    }
    if is_name
        && crate::suggest::STDLIB_MODULE_NAMES
            .binary_search(&wrong.as_str())
            .is_ok()
    {
        if found.is_some() {
            out.push_str(&format!(" Or did you forget to import '{wrong}'?"));
        } else {
            out.push_str(&format!(". Did you forget to import '{wrong}'?"));
        }
    }
    (!out.is_empty()).then_some(out)
}
