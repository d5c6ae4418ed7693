//! The instructions of `match` statements (PEP 634). FIXME: MATCH_CLASS, MATCH_KEYS.

use pyrs_bytecode::Opcode;
use pyrs_objects::{PyErr, PyResult};

use crate::frame::Frame;

/// Executes `MATCH_MAPPING`, `MATCH_SEQUENCE`, `MATCH_KEYS` or `MATCH_CLASS`.
pub(crate) fn execute(_frame: &mut Frame, op: Opcode, _oparg: u32) -> PyResult<()> {
    Err(PyErr::system_error(format!(
        "{} is not supported yet",
        op.name()
    )))
}
