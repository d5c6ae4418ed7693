//! The matching engine of `_sre` (CPython's Modules/_sre/sre_lib.h): a backtracking matcher
//! that runs the code `re._compiler` produces over a subject of code points (`str`) or bytes.
//!
//! The matcher never recurses on the native stack. A sub-match (a branch alternative, one more
//! repetition, the tail after a repeat, an assertion) pushes a [`Ctx`] on an explicit stack
//! and starts over at the sub-pattern; when that sub-match ends, the context is popped and the
//! operation that asked for it resumes where it stopped, told by the context's [`Jump`]. The
//! saved capture marks and `last_ptr` values live on a second stack of words. Both stacks
//! grow with `try_reserve`, so a pattern that needs more memory than there is gets a
//! `MemoryError`, never an aborted process.
//!
//! Code words are read through [`Code::at`], which answers `FAILURE` (0) past the end, so no
//! code list, however malformed, makes the engine index out of bounds; every skip moves
//! forward, so malformed code cannot loop without consuming input either.

use super::constants::*;

/// One character of a subject: a byte, or a code point.
pub(crate) trait Char: Copy {
    /// The character as a code point (a byte's value for bytes).
    fn cp(self) -> u32;
}

impl Char for u8 {
    #[inline]
    fn cp(self) -> u32 {
        self as u32
    }
}

impl Char for u32 {
    #[inline]
    fn cp(self) -> u32 {
        self
    }
}

/// Why a match stopped without an answer (CPython's `SRE_ERROR_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SreError {
    /// The code is not what the compiler produces ("internal error in regular expression
    /// engine").
    Illegal,
    /// The backtracking stacks could not grow.
    Memory,
    /// Ctrl-C arrived during the match (KeyboardInterrupt).
    Interrupted,
}

/// Compiled code, read without bounds failures.
#[derive(Clone, Copy)]
pub(crate) struct Code<'c>(pub &'c [u32]);

impl Code<'_> {
    /// The word at `i`, or `FAILURE` past the end.
    #[inline]
    pub(crate) fn at(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(FAILURE)
    }
}

/// Where a finished sub-match returns to in the operation that started it (CPython's
/// `JUMP_*` labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// The state of one active operation (CPython's `match_context`).
#[derive(Clone, Copy)]
struct Ctx {
    /// Code position of the operation's arguments (just after its opcode).
    pc: usize,
    ptr: isize,
    count: isize,
    chr: u32,
    rep: usize,
    lastmark: isize,
    lastindex: isize,
    toplevel: bool,
    jump: Jump,
}

/// A repetition in progress (`REPEAT` … `MAX_UNTIL`/`MIN_UNTIL`; CPython's `SRE_REPEAT`).
#[derive(Clone, Copy)]
struct Repeat {
    count: isize,
    /// Code position of the `REPEAT`'s arguments: skip, min, max, then the item.
    pc: usize,
    prev: Option<usize>,
    last_ptr: isize,
}

/// What the dispatch loop does next.
enum Step {
    /// Run a sub-match at `pc`, then resume the current operation at `jump`.
    Call(Jump, usize, bool),
    /// The current sub-match ended.
    Return(bool),
}

/// Largest number of contexts or saved words before the match gives up with MemoryError.
const STACK_LIMIT: usize = 1 << 24;

/// The state of a match or search over one subject (CPython's `SRE_STATE`).
pub(crate) struct State<'t, C: Char> {
    text: &'t [C],
    /// Where the current attempt starts.
    pub(crate) start: usize,
    /// The end of the subject as the pattern sees it (`endpos`).
    pub(crate) end: usize,
    /// Where the last match ended.
    pub(crate) ptr: usize,
    /// Capture marks: even `2g` the start of group `g + 1`, odd the end; -1 unset.
    pub(crate) marks: Vec<isize>,
    /// Highest valid index in `marks`, or -1.
    pub(crate) lastmark: isize,
    /// Number of the last closed group, or -1.
    pub(crate) lastindex: isize,
    /// The match may not be empty at `start` (after an empty match, in iterations).
    pub(crate) must_advance: bool,
    /// The match must end at `end` (`fullmatch`).
    pub(crate) match_all: bool,
    /// Marks beyond this index are malformed code (the pattern's groups decide it).
    pub(crate) mark_limit: usize,
    repeat: Option<usize>,
    /// Steps since the last check for Ctrl-C.
    steps: u32,
    repeats: Vec<Repeat>,
    ctxs: Vec<Ctx>,
    data: Vec<isize>,
}

/// The growable buffers of a [`State`], kept between the matches of one `findall`, `sub` or
/// `split` so that each match does not allocate them again.
#[derive(Default)]
pub(crate) struct Scratch {
    marks: Vec<isize>,
    repeats: Vec<Repeat>,
    ctxs: Vec<Ctx>,
    data: Vec<isize>,
}

impl<'t, C: Char> State<'t, C> {
    /// A state like [`State::new`] that uses (emptied) buffers from `scratch`; give them back
    /// with [`State::give_back`].
    pub(crate) fn with_scratch(
        text: &'t [C],
        start: usize,
        end: usize,
        scratch: &mut Scratch,
    ) -> State<'t, C> {
        let mut st = State::new(text, start, end);
        st.marks = std::mem::take(&mut scratch.marks);
        st.repeats = std::mem::take(&mut scratch.repeats);
        st.repeats.clear();
        st.ctxs = std::mem::take(&mut scratch.ctxs);
        st.ctxs.clear();
        st.data = std::mem::take(&mut scratch.data);
        st.data.clear();
        st
    }

    /// Returns the buffers to `scratch`.
    pub(crate) fn give_back(self, scratch: &mut Scratch) {
        scratch.marks = self.marks;
        scratch.repeats = self.repeats;
        scratch.ctxs = self.ctxs;
        scratch.data = self.data;
    }

    /// A state over `text[..end]`, starting at `start` (both already clamped to the text).
    pub(crate) fn new(text: &'t [C], start: usize, end: usize) -> State<'t, C> {
        State {
            text,
            start,
            end,
            ptr: start,
            marks: Vec::new(),
            lastmark: -1,
            lastindex: -1,
            must_advance: false,
            match_all: false,
            mark_limit: 2 * MAXGROUPS as usize + 2,
            repeat: None,
            steps: 0,
            repeats: Vec::new(),
            ctxs: Vec::new(),
            data: Vec::new(),
        }
    }

    /// The span of group `g` (0 is the whole match) after a successful match, if it took part.
    pub(crate) fn span(&self, g: usize) -> Option<(usize, usize)> {
        if g == 0 {
            return Some((self.start, self.ptr));
        }
        let i = 2 * (g - 1);
        if (i as isize + 1) > self.lastmark {
            return None;
        }
        let (a, b) = (self.marks[i], self.marks[i + 1]);
        if a < 0 || b < 0 {
            return None;
        }
        Some((a as usize, b as usize))
    }

    #[inline]
    fn ch(&self, i: isize) -> u32 {
        self.text[i as usize].cp()
    }

    #[inline]
    fn endi(&self) -> isize {
        self.end as isize
    }

    // ---- the backtracking stacks ----

    fn push_ctx(&mut self, ctx: Ctx) -> Result<(), SreError> {
        if self.ctxs.len() >= STACK_LIMIT || self.ctxs.try_reserve(1).is_err() {
            return Err(SreError::Memory);
        }
        self.ctxs.push(ctx);
        Ok(())
    }

    fn push_data(&mut self, words: usize) -> Result<(), SreError> {
        if self.data.len() + words > STACK_LIMIT || self.data.try_reserve(words).is_err() {
            return Err(SreError::Memory);
        }
        Ok(())
    }

    fn mark_push(&mut self, lastmark: isize) -> Result<(), SreError> {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.push_data(n)?;
            self.data.extend_from_slice(&self.marks[..n]);
        }
        Ok(())
    }

    fn mark_pop_keep(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let from = self.data.len() - n;
            self.marks[..n].copy_from_slice(&self.data[from..]);
        }
    }

    fn mark_pop(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            self.mark_pop_keep(lastmark);
            self.mark_pop_discard(lastmark);
        }
    }

    fn mark_pop_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.data.truncate(self.data.len() - n);
        }
    }

    fn set_mark(&mut self, i: usize, ptr: isize) -> Result<(), SreError> {
        if i >= self.marks.len() {
            if i >= self.mark_limit {
                return Err(SreError::Illegal);
            }
            if self.marks.try_reserve(i + 1).is_err() {
                return Err(SreError::Memory);
            }
            self.marks.resize(i + 1, -1);
        }
        if i as isize > self.lastmark {
            for j in (self.lastmark + 1) as usize..i {
                self.marks[j] = -1;
            }
            self.lastmark = i as isize;
        }
        self.marks[i] = ptr;
        Ok(())
    }

    // ---- single-character tests ----

    /// `SRE(at)`: whether position `ptr` satisfies the position code `at`.
    fn at(&self, ptr: isize, at: u32) -> bool {
        let end = self.endi();
        let word_at = |f: fn(u32) -> bool| -> (bool, bool) {
            let before = ptr > 0 && f(self.ch(ptr - 1));
            let here = ptr < end && f(self.ch(ptr));
            (before, here)
        };
        match at {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == 0,
            AT_BEGINNING_LINE => ptr == 0 || is_linebreak(self.ch(ptr - 1)),
            AT_END => ptr == end || (end - ptr == 1 && is_linebreak(self.ch(ptr))),
            AT_END_LINE => ptr == end || is_linebreak(self.ch(ptr)),
            AT_END_STRING => ptr == end,
            AT_BOUNDARY | AT_NON_BOUNDARY | AT_LOC_BOUNDARY | AT_LOC_NON_BOUNDARY
            | AT_UNI_BOUNDARY | AT_UNI_NON_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let f = match at {
                    AT_BOUNDARY | AT_NON_BOUNDARY => is_word,
                    AT_LOC_BOUNDARY | AT_LOC_NON_BOUNDARY => is_loc_word,
                    _ => is_uni_word,
                };
                let (before, here) = word_at(f);
                if matches!(at, AT_BOUNDARY | AT_LOC_BOUNDARY | AT_UNI_BOUNDARY) {
                    before != here
                } else {
                    before == here
                }
            }
            _ => false,
        }
    }

    /// `SRE(count)`: how many times (at most `maxcount`) the one-character item at `pc`
    /// matches from `self.ptr`.
    fn count(&mut self, code: Code<'_>, pc: usize, maxcount: u32) -> Result<isize, SreError> {
        let start = self.ptr as isize;
        let mut end = self.endi();
        if maxcount != MAXREPEAT && (maxcount as isize) < end - start {
            end = start + maxcount as isize;
        }
        let mut ptr = start;
        let arg = code.at(pc + 1);
        macro_rules! scan {
            ($cond:expr) => {{
                while ptr < end {
                    let c = self.ch(ptr);
                    #[allow(clippy::redundant_closure_call)]
                    if !($cond)(c) {
                        break;
                    }
                    ptr += 1;
                }
            }};
        }
        match code.at(pc) {
            IN => scan!(|c| charset(code, pc + 2, c)),
            ANY => scan!(|c| !is_linebreak(c)),
            ANY_ALL => ptr = end,
            LITERAL => scan!(|c| c == arg),
            LITERAL_IGNORE => scan!(|c| lower_ascii(c) == arg),
            LITERAL_UNI_IGNORE => scan!(|c| lower_unicode(c) == arg),
            LITERAL_LOC_IGNORE => scan!(|c| char_loc_ignore(arg, c)),
            NOT_LITERAL => scan!(|c| c != arg),
            NOT_LITERAL_IGNORE => scan!(|c| lower_ascii(c) != arg),
            NOT_LITERAL_UNI_IGNORE => scan!(|c| lower_unicode(c) != arg),
            NOT_LITERAL_LOC_IGNORE => scan!(|c| !char_loc_ignore(arg, c)),
            _ => {
                // A general one-character item: match it once per step, one level deep.
                while (self.ptr as isize) < end {
                    let before = self.ptr;
                    if !self.run(code, pc, false)? {
                        break;
                    }
                    if self.ptr == before {
                        break;
                    }
                }
                let n = self.ptr as isize - start;
                self.ptr = start as usize;
                return Ok(n);
            }
        }
        Ok(ptr - start)
    }

    // ---- matching: the second impl block below ----
}

/// `SRE(charset)`: whether `ch` is in the set whose items start at `pc` (ending with
/// `FAILURE`).
pub(crate) fn charset(code: Code<'_>, mut pc: usize, ch: u32) -> bool {
    let mut ok = true;
    loop {
        let op = code.at(pc);
        pc += 1;
        match op {
            FAILURE => return !ok,
            LITERAL => {
                if ch == code.at(pc) {
                    return ok;
                }
                pc += 1;
            }
            CATEGORY => {
                if category(code.at(pc), ch) {
                    return ok;
                }
                pc += 1;
            }
            CHARSET => {
                if ch < 256 && code.at(pc + (ch as usize >> 5)) & (1u32 << (ch & 31)) != 0 {
                    return ok;
                }
                pc += 8;
            }
            RANGE => {
                if code.at(pc) <= ch && ch <= code.at(pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            RANGE_UNI_IGNORE => {
                if code.at(pc) <= ch && ch <= code.at(pc + 1) {
                    return ok;
                }
                let up = upper_unicode(ch);
                if code.at(pc) <= up && up <= code.at(pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            NEGATE => ok = !ok,
            BIGCHARSET => {
                let count = code.at(pc) as usize;
                pc += 1;
                let block = if ch < 0x10000 {
                    // 256 one-byte block indices packed four to a word, in native order.
                    let hi = (ch >> 8) as usize;
                    let word = code.at(pc + hi / 4);
                    Some(word.to_ne_bytes()[hi % 4] as usize)
                } else {
                    None
                };
                pc += 64;
                if let Some(block) = block {
                    let bit = block * 256 + (ch & 255) as usize;
                    if code.at(pc + bit / 32) & (1u32 << (ch & 31)) != 0 {
                        return ok;
                    }
                }
                pc += count * 8;
            }
            _ => return false,
        }
    }
}

/// What the operation a finished sub-match resumed does next.
enum Resume {
    /// Go on dispatching at the (updated) code position.
    Dispatch,
    /// Start a sub-match or return.
    Step(Step),
}

impl<C: Char> State<'_, C> {
    /// `SRE(match)`: matches the code at `pc` at `self.ptr`; on success `self.ptr` is where
    /// the match ended and the marks hold the groups. `toplevel` applies `match_all` and
    /// `must_advance` to this match (not to sub-matches inside assertions and possessive
    /// repeats).
    pub(crate) fn run(
        &mut self,
        code: Code<'_>,
        pc: usize,
        toplevel: bool,
    ) -> Result<bool, SreError> {
        let base = self.ctxs.len();
        self.push_ctx(Ctx {
            pc,
            ptr: 0,
            count: 0,
            chr: 0,
            rep: 0,
            lastmark: -1,
            lastindex: -1,
            toplevel,
            jump: Jump::None,
        })?;
        let mut pc = pc;
        let mut ptr: isize = 0;
        let mut step: Option<Step> = None; // None: enter the sub-match at `pc`
        loop {
            self.steps = self.steps.wrapping_add(1);
            if self.steps & 0xfff == 0 && pyrs_vm::signals::check().is_err() {
                return Err(SreError::Interrupted);
            }
            let next = match step.take() {
                None => {
                    // Entrance of a (sub-)match.
                    ptr = self.ptr as isize;
                    let mut fail = false;
                    if code.at(pc) == INFO {
                        let min = code.at(pc + 3);
                        if min != 0 && ((self.endi() - ptr) as u64) < min as u64 {
                            fail = true;
                        } else {
                            pc += code.at(pc + 1) as usize + 1;
                        }
                    }
                    if fail {
                        Step::Return(false)
                    } else {
                        self.dispatch(code, &mut pc, &mut ptr)?
                    }
                }
                Some(s) => s,
            };
            match next {
                Step::Call(jump, next_pc, top) => {
                    let cur = self.ctxs.len() - 1;
                    self.ctxs[cur].pc = pc;
                    self.ctxs[cur].ptr = ptr;
                    self.push_ctx(Ctx {
                        pc: next_pc,
                        ptr: 0,
                        count: 0,
                        chr: 0,
                        rep: 0,
                        lastmark: -1,
                        lastindex: -1,
                        toplevel: top,
                        jump,
                    })?;
                    pc = next_pc;
                    step = None;
                }
                Step::Return(ret) => {
                    let child = self.ctxs.pop().ok_or(SreError::Illegal)?;
                    if self.ctxs.len() <= base {
                        return Ok(ret);
                    }
                    let cur = self.ctxs.len() - 1;
                    pc = self.ctxs[cur].pc;
                    ptr = self.ctxs[cur].ptr;
                    match self.resume(child.jump, ret, code, &mut pc, &mut ptr)? {
                        Resume::Dispatch => step = Some(self.dispatch(code, &mut pc, &mut ptr)?),
                        Resume::Step(s) => step = Some(s),
                    }
                }
            }
        }
    }

    #[inline]
    fn cur(&mut self) -> &mut Ctx {
        let i = self.ctxs.len() - 1;
        &mut self.ctxs[i]
    }

    fn lastmark_save(&mut self) {
        let (m, i) = (self.lastmark, self.lastindex);
        let c = self.cur();
        c.lastmark = m;
        c.lastindex = i;
    }

    fn lastmark_restore(&mut self) {
        let c = *self.cur();
        self.lastmark = c.lastmark;
        self.lastindex = c.lastindex;
    }

    fn at_start_and_must_advance(&self, ptr: isize) -> bool {
        self.must_advance && ptr == self.start as isize
    }

    /// Runs operations from `pc` until one needs a sub-match or the match ends.
    fn dispatch(
        &mut self,
        code: Code<'_>,
        pc: &mut usize,
        ptr: &mut isize,
    ) -> Result<Step, SreError> {
        let end = self.endi();
        macro_rules! fail {
            () => {
                return Ok(Step::Return(false))
            };
        }
        macro_rules! one_char {
            ($test:expr, $width:expr) => {{
                if *ptr >= end {
                    fail!();
                }
                let c = self.ch(*ptr);
                #[allow(clippy::redundant_closure_call)]
                if !($test)(c) {
                    fail!();
                }
                *pc += $width;
                *ptr += 1;
            }};
        }
        loop {
            let op = code.at(*pc);
            *pc += 1;
            let arg = code.at(*pc);
            match op {
                MARK => {
                    let i = arg as usize;
                    if i & 1 == 1 {
                        self.lastindex = (i / 2 + 1) as isize;
                    }
                    self.set_mark(i, *ptr)?;
                    *pc += 1;
                }
                LITERAL => one_char!(|c| c == arg, 1),
                NOT_LITERAL => one_char!(|c| c != arg, 1),
                SUCCESS => {
                    let toplevel = self.cur().toplevel;
                    if toplevel
                        && ((self.match_all && *ptr != end) || self.at_start_and_must_advance(*ptr))
                    {
                        fail!();
                    }
                    self.ptr = *ptr as usize;
                    return Ok(Step::Return(true));
                }
                AT => {
                    if !self.at(*ptr, arg) {
                        fail!();
                    }
                    *pc += 1;
                }
                CATEGORY => one_char!(|c| category(arg, c), 1),
                ANY => one_char!(|c| !is_linebreak(c), 0),
                ANY_ALL => one_char!(|_| true, 0),
                IN => one_char!(|c| charset(code, *pc + 1, c), arg as usize),
                LITERAL_IGNORE => one_char!(|c| lower_ascii(c) == arg, 1),
                LITERAL_UNI_IGNORE => one_char!(|c| lower_unicode(c) == arg, 1),
                LITERAL_LOC_IGNORE => one_char!(|c| char_loc_ignore(arg, c), 1),
                NOT_LITERAL_IGNORE => one_char!(|c| lower_ascii(c) != arg, 1),
                NOT_LITERAL_UNI_IGNORE => one_char!(|c| lower_unicode(c) != arg, 1),
                NOT_LITERAL_LOC_IGNORE => one_char!(|c| !char_loc_ignore(arg, c), 1),
                IN_IGNORE => one_char!(|c| charset(code, *pc + 1, lower_ascii(c)), arg as usize),
                IN_UNI_IGNORE => {
                    one_char!(|c| charset(code, *pc + 1, lower_unicode(c)), arg as usize)
                }
                IN_LOC_IGNORE => one_char!(
                    |c| {
                        let lo = lower_locale(c);
                        charset(code, *pc + 1, lo) || {
                            let up = upper_locale(c);
                            up != lo && charset(code, *pc + 1, up)
                        }
                    },
                    arg as usize
                ),
                JUMP | INFO => *pc += arg as usize,
                BRANCH => {
                    self.lastmark_save();
                    if self.repeat.is_some() {
                        let lm = self.cur().lastmark;
                        self.mark_push(lm)?;
                    }
                    return Ok(self.branch_next(code, pc, *ptr));
                }
                REPEAT_ONE => {
                    let min = code.at(*pc + 1) as isize;
                    let max = code.at(*pc + 2);
                    if min > end - *ptr {
                        fail!();
                    }
                    self.ptr = *ptr as usize;
                    let count = self.count(code, *pc + 3, max)?;
                    self.cur().count = count;
                    *ptr += count;
                    if count < min {
                        fail!();
                    }
                    let tail = *pc + arg as usize;
                    if code.at(tail) == SUCCESS
                        && *ptr == end
                        && !(self.cur().toplevel && self.at_start_and_must_advance(*ptr))
                    {
                        self.ptr = *ptr as usize;
                        return Ok(Step::Return(true));
                    }
                    self.lastmark_save();
                    if self.repeat.is_some() {
                        let lm = self.cur().lastmark;
                        self.mark_push(lm)?;
                    }
                    if code.at(tail) == LITERAL {
                        self.cur().chr = code.at(tail + 1);
                        return Ok(self.repeat_one_literal_next(code, *pc, ptr));
                    }
                    return Ok(self.repeat_one_next(code, *pc, *ptr));
                }
                MIN_REPEAT_ONE => {
                    let min = code.at(*pc + 1);
                    if min as isize > end - *ptr {
                        fail!();
                    }
                    self.ptr = *ptr as usize;
                    if min == 0 {
                        self.cur().count = 0;
                    } else {
                        let count = self.count(code, *pc + 3, min)?;
                        if count < min as isize {
                            fail!();
                        }
                        self.cur().count = count;
                        *ptr += count;
                    }
                    let tail = *pc + arg as usize;
                    let toplevel = self.cur().toplevel;
                    if code.at(tail) == SUCCESS
                        && !(toplevel
                            && ((self.match_all && *ptr != end)
                                || self.at_start_and_must_advance(*ptr)))
                    {
                        self.ptr = *ptr as usize;
                        return Ok(Step::Return(true));
                    }
                    self.lastmark_save();
                    if self.repeat.is_some() {
                        let lm = self.cur().lastmark;
                        self.mark_push(lm)?;
                    }
                    return Ok(self.min_repeat_one_next(code, *pc, *ptr));
                }
                POSSESSIVE_REPEAT_ONE => {
                    let min = code.at(*pc + 1) as isize;
                    let max = code.at(*pc + 2);
                    if *ptr + min > end {
                        fail!();
                    }
                    self.ptr = *ptr as usize;
                    let count = self.count(code, *pc + 3, max)?;
                    self.cur().count = count;
                    *ptr += count;
                    if count < min {
                        fail!();
                    }
                    *pc += arg as usize;
                    if code.at(*pc) == SUCCESS
                        && *ptr == end
                        && !(self.cur().toplevel && self.at_start_and_must_advance(*ptr))
                    {
                        self.ptr = *ptr as usize;
                        return Ok(Step::Return(true));
                    }
                }
                REPEAT => {
                    let rep = Repeat {
                        count: -1,
                        pc: *pc,
                        prev: self.repeat,
                        last_ptr: -1,
                    };
                    if self.repeats.len() >= STACK_LIMIT || self.repeats.try_reserve(1).is_err() {
                        return Err(SreError::Memory);
                    }
                    let ri = self.repeats.len();
                    self.repeats.push(rep);
                    self.cur().rep = ri;
                    self.repeat = Some(ri);
                    self.ptr = *ptr as usize;
                    let top = self.cur().toplevel;
                    return Ok(Step::Call(Jump::Repeat, *pc + arg as usize, top));
                }
                MAX_UNTIL => {
                    let ri = self.repeat.ok_or(SreError::Illegal)?;
                    self.cur().rep = ri;
                    self.ptr = *ptr as usize;
                    let count = self.repeats[ri].count + 1;
                    self.cur().count = count;
                    let rpc = self.repeats[ri].pc;
                    let (min, max) = (code.at(rpc + 1), code.at(rpc + 2));
                    let top = self.cur().toplevel;
                    if count < min as isize {
                        self.repeats[ri].count = count;
                        return Ok(Step::Call(Jump::MaxUntil1, rpc + 3, top));
                    }
                    if (count < max as isize || max == MAXREPEAT)
                        && self.ptr as isize != self.repeats[ri].last_ptr
                    {
                        self.repeats[ri].count = count;
                        self.lastmark_save();
                        let lm = self.cur().lastmark;
                        self.mark_push(lm)?;
                        self.push_data(1)?;
                        self.data.push(self.repeats[ri].last_ptr);
                        self.repeats[ri].last_ptr = self.ptr as isize;
                        return Ok(Step::Call(Jump::MaxUntil2, rpc + 3, top));
                    }
                    return Ok(self.max_until_tail(*pc, ri));
                }
                MIN_UNTIL => {
                    let ri = self.repeat.ok_or(SreError::Illegal)?;
                    self.cur().rep = ri;
                    self.ptr = *ptr as usize;
                    let count = self.repeats[ri].count + 1;
                    self.cur().count = count;
                    let rpc = self.repeats[ri].pc;
                    let top = self.cur().toplevel;
                    if count < code.at(rpc + 1) as isize {
                        self.repeats[ri].count = count;
                        return Ok(Step::Call(Jump::MinUntil1, rpc + 3, top));
                    }
                    self.repeat = self.repeats[ri].prev;
                    self.lastmark_save();
                    if self.repeat.is_some() {
                        let lm = self.cur().lastmark;
                        self.mark_push(lm)?;
                    }
                    return Ok(Step::Call(Jump::MinUntil2, *pc, top));
                }
                POSSESSIVE_REPEAT => {
                    self.ptr = *ptr as usize;
                    self.cur().count = 0;
                    match self.poss_repeat_min(code, pc, ptr)? {
                        Resume::Dispatch => {}
                        Resume::Step(s) => return Ok(s),
                    }
                }
                ATOMIC_GROUP => {
                    self.ptr = *ptr as usize;
                    return Ok(Step::Call(Jump::AtomicGroup, *pc + 1, false));
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                    let g = arg as usize * 2;
                    if g as isize >= self.lastmark {
                        fail!();
                    }
                    let (p, e) = (self.marks[g], self.marks[g + 1]);
                    if p < 0 || e < 0 || e < p {
                        fail!();
                    }
                    let fold: fn(u32) -> u32 = match op {
                        GROUPREF => |c| c,
                        GROUPREF_IGNORE => lower_ascii,
                        GROUPREF_UNI_IGNORE => lower_unicode,
                        _ => lower_locale,
                    };
                    for q in p..e {
                        if *ptr >= end || fold(self.ch(*ptr)) != fold(self.ch(q)) {
                            fail!();
                        }
                        *ptr += 1;
                    }
                    *pc += 1;
                }
                GROUPREF_EXISTS => {
                    let g = arg as usize * 2;
                    let exists = (g as isize) < self.lastmark && {
                        let (p, e) = (self.marks[g], self.marks[g + 1]);
                        p >= 0 && e >= 0 && e >= p
                    };
                    if exists {
                        *pc += 2;
                    } else {
                        *pc += code.at(*pc + 1) as usize;
                    }
                }
                ASSERT => {
                    let back = code.at(*pc + 1) as isize;
                    if *ptr < back {
                        fail!();
                    }
                    self.ptr = (*ptr - back) as usize;
                    return Ok(Step::Call(Jump::Assert, *pc + 2, false));
                }
                ASSERT_NOT => {
                    let back = code.at(*pc + 1) as isize;
                    if *ptr >= back {
                        self.ptr = (*ptr - back) as usize;
                        self.lastmark_save();
                        if self.repeat.is_some() {
                            let lm = self.cur().lastmark;
                            self.mark_push(lm)?;
                        }
                        return Ok(Step::Call(Jump::AssertNot, *pc + 2, false));
                    }
                    *pc += arg as usize;
                }
                FAILURE => fail!(),
                _ => return Err(SreError::Illegal),
            }
        }
    }

    /// Continues the operation that started a sub-match, now that it returned `ret`.
    fn resume(
        &mut self,
        jump: Jump,
        ret: bool,
        code: Code<'_>,
        pc: &mut usize,
        ptr: &mut isize,
    ) -> Result<Resume, SreError> {
        let ctx = *self.cur();
        let has_repeat = self.repeat.is_some();
        let step = |s| Ok(Resume::Step(s));
        match jump {
            Jump::None => step(Step::Return(ret)),
            Jump::Branch => {
                if ret {
                    if has_repeat {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return step(Step::Return(true));
                }
                if has_repeat {
                    self.mark_pop_keep(ctx.lastmark);
                }
                self.lastmark_restore();
                *pc += code.at(*pc) as usize;
                step(self.branch_next(code, pc, *ptr))
            }
            Jump::RepeatOne1 | Jump::RepeatOne2 => {
                if ret {
                    if has_repeat {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return step(Step::Return(true));
                }
                if has_repeat {
                    self.mark_pop_keep(ctx.lastmark);
                }
                self.lastmark_restore();
                *ptr -= 1;
                self.cur().count -= 1;
                if jump == Jump::RepeatOne1 {
                    step(self.repeat_one_literal_next(code, *pc, ptr))
                } else {
                    step(self.repeat_one_next(code, *pc, *ptr))
                }
            }
            Jump::MinRepeatOne => {
                if ret {
                    if has_repeat {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return step(Step::Return(true));
                }
                if has_repeat {
                    self.mark_pop_keep(ctx.lastmark);
                }
                self.lastmark_restore();
                self.ptr = *ptr as usize;
                let n = self.count(code, *pc + 3, 1)?;
                if n == 0 {
                    if has_repeat {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return step(Step::Return(false));
                }
                *ptr += 1;
                self.cur().count += 1;
                step(self.min_repeat_one_next(code, *pc, *ptr))
            }
            Jump::Repeat => {
                self.repeat = self.repeats[ctx.rep].prev;
                self.repeats.truncate(ctx.rep);
                step(Step::Return(ret))
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return step(Step::Return(true));
                }
                self.repeats[ctx.rep].count = ctx.count - 1;
                self.ptr = *ptr as usize;
                step(Step::Return(false))
            }
            Jump::MaxUntil2 => {
                let saved = self.data.pop().ok_or(SreError::Illegal)?;
                self.repeats[ctx.rep].last_ptr = saved;
                if ret {
                    self.mark_pop_discard(ctx.lastmark);
                    return step(Step::Return(true));
                }
                self.mark_pop(ctx.lastmark);
                self.lastmark_restore();
                self.repeats[ctx.rep].count = ctx.count - 1;
                self.ptr = *ptr as usize;
                step(self.max_until_tail(*pc, ctx.rep))
            }
            Jump::MaxUntil3 => {
                self.repeat = Some(ctx.rep);
                if ret {
                    return step(Step::Return(true));
                }
                self.ptr = *ptr as usize;
                step(Step::Return(false))
            }
            Jump::MinUntil2 => {
                let repeat_of_tail = self.repeat.is_some();
                self.repeat = Some(ctx.rep);
                if ret {
                    if repeat_of_tail {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return step(Step::Return(true));
                }
                if repeat_of_tail {
                    self.mark_pop(ctx.lastmark);
                }
                self.lastmark_restore();
                self.ptr = *ptr as usize;
                let rep = self.repeats[ctx.rep];
                let max = code.at(rep.pc + 2);
                if (ctx.count >= max as isize && max != MAXREPEAT)
                    || self.ptr as isize == rep.last_ptr
                {
                    return step(Step::Return(false));
                }
                self.repeats[ctx.rep].count = ctx.count;
                self.push_data(1)?;
                self.data.push(rep.last_ptr);
                self.repeats[ctx.rep].last_ptr = self.ptr as isize;
                step(Step::Call(Jump::MinUntil3, rep.pc + 3, ctx.toplevel))
            }
            Jump::MinUntil3 => {
                let saved = self.data.pop().ok_or(SreError::Illegal)?;
                self.repeats[ctx.rep].last_ptr = saved;
                if ret {
                    return step(Step::Return(true));
                }
                self.repeats[ctx.rep].count = ctx.count - 1;
                self.ptr = *ptr as usize;
                step(Step::Return(false))
            }
            Jump::PossRepeat1 => {
                if ret {
                    self.cur().count += 1;
                    return self.poss_repeat_min(code, pc, ptr);
                }
                self.ptr = *ptr as usize;
                step(Step::Return(false))
            }
            Jump::PossRepeat2 => {
                if ret {
                    self.mark_pop_discard(ctx.lastmark);
                    self.cur().count += 1;
                    return self.poss_repeat_more(code, pc, ptr);
                }
                self.mark_pop(ctx.lastmark);
                self.lastmark_restore();
                self.ptr = *ptr as usize;
                Ok(self.poss_repeat_tail(code, pc, ptr))
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.ptr = *ptr as usize;
                    return step(Step::Return(false));
                }
                *pc += code.at(*pc) as usize;
                *ptr = self.ptr as isize;
                Ok(Resume::Dispatch)
            }
            Jump::Assert => {
                if !ret {
                    return step(Step::Return(false));
                }
                *pc += code.at(*pc) as usize;
                Ok(Resume::Dispatch)
            }
            Jump::AssertNot => {
                if ret {
                    if has_repeat {
                        self.mark_pop_discard(ctx.lastmark);
                    }
                    return step(Step::Return(false));
                }
                if has_repeat {
                    self.mark_pop(ctx.lastmark);
                }
                self.lastmark_restore();
                *pc += code.at(*pc) as usize;
                Ok(Resume::Dispatch)
            }
        }
    }

    /// `BRANCH`: tries the alternative whose skip word is at `pc` and the ones after it.
    fn branch_next(&mut self, code: Code<'_>, pc: &mut usize, ptr: isize) -> Step {
        let end = self.endi();
        loop {
            let skip = code.at(*pc) as usize;
            if skip == 0 {
                if self.repeat.is_some() {
                    let lm = self.cur().lastmark;
                    self.mark_pop_discard(lm);
                }
                return Step::Return(false);
            }
            let first = code.at(*pc + 1);
            let cannot = (first == LITERAL && (ptr >= end || self.ch(ptr) != code.at(*pc + 2)))
                || (first == IN && (ptr >= end || !charset(code, *pc + 3, self.ch(ptr))));
            if cannot {
                *pc += skip;
                continue;
            }
            self.ptr = ptr as usize;
            let top = self.cur().toplevel;
            return Step::Call(Jump::Branch, *pc + 1, top);
        }
    }

    /// `REPEAT_ONE` whose tail starts with a literal: backs off to the next position where
    /// that literal is.
    fn repeat_one_literal_next(&mut self, code: Code<'_>, pc: usize, ptr: &mut isize) -> Step {
        let end = self.endi();
        let min = code.at(pc + 1) as isize;
        let chr = self.cur().chr;
        while self.cur().count >= min && (*ptr >= end || self.ch(*ptr) != chr) {
            *ptr -= 1;
            self.cur().count -= 1;
        }
        if self.cur().count < min {
            if self.repeat.is_some() {
                let lm = self.cur().lastmark;
                self.mark_pop_discard(lm);
            }
            return Step::Return(false);
        }
        self.ptr = *ptr as usize;
        let top = self.cur().toplevel;
        Step::Call(Jump::RepeatOne1, pc + code.at(pc) as usize, top)
    }

    /// `REPEAT_ONE`, general tail: tries the tail after the current count.
    fn repeat_one_next(&mut self, code: Code<'_>, pc: usize, ptr: isize) -> Step {
        let min = code.at(pc + 1) as isize;
        if self.cur().count < min {
            if self.repeat.is_some() {
                let lm = self.cur().lastmark;
                self.mark_pop_discard(lm);
            }
            return Step::Return(false);
        }
        self.ptr = ptr as usize;
        let top = self.cur().toplevel;
        Step::Call(Jump::RepeatOne2, pc + code.at(pc) as usize, top)
    }

    /// `MIN_REPEAT_ONE`: tries the tail after the current count.
    fn min_repeat_one_next(&mut self, code: Code<'_>, pc: usize, ptr: isize) -> Step {
        let max = code.at(pc + 2);
        if max == MAXREPEAT || self.cur().count <= max as isize {
            self.ptr = ptr as usize;
            let top = self.cur().toplevel;
            return Step::Call(Jump::MinRepeatOne, pc + code.at(pc) as usize, top);
        }
        if self.repeat.is_some() {
            let lm = self.cur().lastmark;
            self.mark_pop_discard(lm);
        }
        Step::Return(false)
    }

    /// `MAX_UNTIL`: no more items here; the tail must match.
    fn max_until_tail(&mut self, pc: usize, ri: usize) -> Step {
        self.repeat = self.repeats[ri].prev;
        let top = self.cur().toplevel;
        Step::Call(Jump::MaxUntil3, pc, top)
    }

    /// `POSSESSIVE_REPEAT`: the items up to the minimum count.
    fn poss_repeat_min(
        &mut self,
        code: Code<'_>,
        pc: &mut usize,
        ptr: &mut isize,
    ) -> Result<Resume, SreError> {
        if self.cur().count < code.at(*pc + 1) as isize {
            return Ok(Resume::Step(Step::Call(Jump::PossRepeat1, *pc + 3, false)));
        }
        // No position equals this, so the loop below is entered.
        *ptr = -1;
        self.poss_repeat_more(code, pc, ptr)
    }

    /// `POSSESSIVE_REPEAT`: one more item, while the last one was not empty.
    fn poss_repeat_more(
        &mut self,
        code: Code<'_>,
        pc: &mut usize,
        ptr: &mut isize,
    ) -> Result<Resume, SreError> {
        let max = code.at(*pc + 2);
        if (self.cur().count < max as isize || max == MAXREPEAT) && self.ptr as isize != *ptr {
            self.lastmark_save();
            let lm = self.cur().lastmark;
            self.mark_push(lm)?;
            *ptr = self.ptr as isize;
            return Ok(Resume::Step(Step::Call(Jump::PossRepeat2, *pc + 3, false)));
        }
        Ok(self.poss_repeat_tail(code, pc, ptr))
    }

    /// `POSSESSIVE_REPEAT`: goes on with the tail, without backtracking into the items.
    fn poss_repeat_tail(&mut self, code: Code<'_>, pc: &mut usize, ptr: &mut isize) -> Resume {
        *pc += code.at(*pc) as usize + 1;
        *ptr = self.ptr as isize;
        Resume::Dispatch
    }

    // ---- entry points ----

    fn reset_marks(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
    }

    /// `sre_match`: the pattern matches at `self.start`.
    pub(crate) fn pattern_match(&mut self, code: Code<'_>) -> Result<bool, SreError> {
        self.ptr = self.start;
        self.run(code, 0, true)
    }

    /// `SRE(search)`: the first position from `self.start` where the pattern matches; on
    /// success `self.start` and `self.ptr` are the match's bounds.
    pub(crate) fn search(&mut self, code: Code<'_>) -> Result<bool, SreError> {
        let mut ptr = self.start;
        let end = self.end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut search_end = end;
        let mut prefix: Option<(usize, usize, usize)> = None; // (len, skip, code position)
        let mut charset_pc: Option<usize> = None;
        let mut flags = 0;
        if code.at(0) == INFO {
            flags = code.at(2);
            let min = code.at(3) as usize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                search_end = (end + 1).saturating_sub(min).max(ptr);
            }
            if flags & INFO_PREFIX != 0 {
                prefix = Some((code.at(5) as usize, code.at(6) as usize, 7));
            } else if flags & INFO_CHARSET != 0 {
                charset_pc = Some(5);
            }
            pc = 1 + code.at(1) as usize;
        }
        if let Some((len, skip, at)) = prefix.filter(|p| p.0 > 0) {
            self.must_advance = false;
            let first = code.at(at);
            if len > end - ptr {
                return Ok(false);
            }
            let last_start = end - len;
            while ptr <= last_start {
                if self.text[ptr].cp() == first
                    && (1..len).all(|i| self.text[ptr + i].cp() == code.at(at + i))
                {
                    self.start = ptr;
                    self.ptr = ptr + skip;
                    if flags & INFO_LITERAL != 0 {
                        self.ptr = ptr + len;
                        return Ok(true);
                    }
                    if self.run(code, pc + 2 * skip, false)? {
                        return Ok(true);
                    }
                    self.reset_marks();
                }
                ptr += 1;
            }
            return Ok(false);
        }
        if let Some(cs) = charset_pc {
            self.must_advance = false;
            while ptr < end {
                if charset(code, cs, self.text[ptr].cp()) {
                    self.start = ptr;
                    self.ptr = ptr;
                    if self.run(code, pc, false)? {
                        return Ok(true);
                    }
                    self.reset_marks();
                }
                ptr += 1;
            }
            return Ok(false);
        }
        self.start = ptr;
        self.ptr = ptr;
        let mut status = self.run(code, pc, true)?;
        self.must_advance = false;
        if !status
            && code.at(pc) == AT
            && matches!(code.at(pc + 1), AT_BEGINNING | AT_BEGINNING_STRING)
        {
            self.start = end;
            self.ptr = end;
            return Ok(false);
        }
        while !status && ptr < search_end {
            ptr += 1;
            self.reset_marks();
            self.start = ptr;
            self.ptr = ptr;
            status = self.run(code, pc, false)?;
        }
        Ok(status)
    }
}

#[cfg(test)]
mod tests {
    //! The engine over code words recorded from CPython 3.13's `re._compiler._code`.
    use super::*;

    type Span = (usize, usize);

    /// The span of the match of `code` in `text` and that of its group 1.
    fn search(code: &[u32], text: &str) -> Option<(Span, Option<Span>)> {
        let cps: Vec<u32> = text.chars().map(|c| c as u32).collect();
        let mut st = State::new(&cps[..], 0, cps.len());
        st.mark_limit = 4;
        st.search(Code(code))
            .expect("no engine error")
            .then(|| ((st.start, st.ptr), st.span(1)))
    }

    #[test]
    fn repeat_with_group() {
        // a(b)*c
        let code = [
            14, 8, 1, 2, MAXREPEAT, 1, 1, 97, 0, 16, 97, 23, 9, 0, MAXREPEAT, 17, 0, 16, 98, 17, 1,
            18, 16, 99, 1,
        ];
        assert_eq!(search(&code, "xxabbbc"), Some(((2, 7), Some((5, 6)))));
        assert_eq!(search(&code, "xac"), Some(((1, 3), None)));
        assert_eq!(search(&code, "abbd"), None);
    }

    #[test]
    fn long_subject_needs_no_native_recursion() {
        // (?:a|b)*c over a long subject
        let code = [
            14, 4, 0, 1, MAXREPEAT, 24, 10, 0, MAXREPEAT, 13, 5, 22, 97, 98, 0, 1, 16, 99, 1,
        ];
        let text = "ab".repeat(100_000) + "c";
        assert_eq!(search(&code, &text), Some(((0, 200_001), None)));
    }

    #[test]
    fn lazy_repeat_and_backreference() {
        // x+?y
        let code = [
            14, 4, 0, 2, MAXREPEAT, 26, 6, 1, MAXREPEAT, 16, 120, 1, 16, 121, 1,
        ];
        assert_eq!(search(&code, "axxxy"), Some(((1, 5), None)));
        // (\w)\1
        let code = [
            14, 7, 4, 2, 2, 8, 14, 0, 17, 0, 13, 4, 8, 14, 0, 17, 1, 11, 0, 1,
        ];
        assert_eq!(search(&code, "abccd"), Some(((2, 4), Some((2, 3)))));
    }

    #[test]
    fn malformed_code_is_an_error_or_a_failure() {
        for code in [&[][..], &[17, 999], &[18], &[23, 0, 0, 5], &[7, 0], &[99]] {
            let text: Vec<u32> = vec![97; 3];
            let mut st = State::new(&text[..], 0, 3);
            st.mark_limit = 4;
            let _ = st.search(Code(code));
        }
    }
}
