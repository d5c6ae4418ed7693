//! The `^^^^` lines under traceback source lines and the "Did you mean" suggestions of the
//! last line (Lib/traceback.py's `_extract_caret_anchors_from_line_segment` and
//! `_compute_suggestion_error`). FIXME: carets are not printed yet.

use pyrs_objects::Value;

use crate::traceback::Lines;

/// The caret line for the instruction at `lasti` of `code` on `line`, when CPython prints
/// one.
pub(crate) fn carets(
    _code: &Value,
    _lasti: usize,
    _line: &str,
    _lines: &mut Lines,
    _filename: &str,
) -> Option<String> {
    None
}

/// The ". Did you mean: 'x'?" suffix of an exception's line, when CPython adds one.
pub(crate) fn suggestion(_exc: &Value) -> Option<String> {
    None
}
