//! The line editor of the interactive prompt on a terminal, after CPython 3.13's own
//! (Lib/_pyrepl: reader.py, historical_reader.py, completing_reader.py, readline.py and
//! unix_console.py): an entry of several lines is one buffer, edited as one unit and drawn
//! with `>>> ` on its first line and `... ` on each following one; Enter runs the entry when
//! it is complete and otherwise opens a new line, indented as the previous one and one level
//! deeper after a `:`; Tab completes (a menu of the choices on a second Tab) or, at the start
//! of a line, indents; Up and Down move between the entry's lines and, past its first or
//! last, through the history, whose file is read and written in `_pyrepl.readline`'s format.
//!
//! The terminal is put in raw mode (libc's termios) only while an entry is being read. Each
//! change redraws the entry from its first row: the editor remembers on which row of the
//! entry the cursor stands, moves up to the first, rewrites every row, clears what is left
//! of the old drawing and puts the cursor back. Ctrl-C is read as a key (the terminal's
//! signal keys are off while reading), so it cancels the entry without a signal.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::os::fd::RawFd;

/// How reading an entry ended, when it did not give an entry.
pub(crate) enum ReadError {
    /// Ctrl-C: the entry is dropped (the caller prints `KeyboardInterrupt`).
    Interrupted,
    /// Ctrl-D on an empty entry.
    Eof,
    /// The terminal failed.
    Io,
}

/// What the editor asks of the prompt it serves.
pub(crate) trait Host {
    /// `_more_lines`: whether Enter at the end of `text` opens a new line rather than
    /// running the entry.
    fn more_lines(&self, text: &str) -> bool;
    /// The completions of `stem` (the word before the cursor), sorted; `line` is the text
    /// of the line before the stem.
    fn completions(&self, stem: &str, line: &str) -> Vec<String>;
    /// F1: pydoc's interactive help, the terminal given back meanwhile.
    fn help(&self);
    /// F2: `history` shown in a pager, the terminal given back meanwhile.
    fn show_history(&self, history: &str);
}

/// The characters that end a word for completion (`ReadlineConfig.completer_delims`).
const COMPLETER_DELIMS: &str = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

/// The prompt's colour (3.13's theme: bold magenta), and the reset after it.
const PROMPT_COLOUR: &str = "\x1b[1;35m";
const RESET: &str = "\x1b[0m";

/// Standard input, where keys come from, and standard output, where the entry is drawn.
const INPUT: RawFd = 0;
const OUTPUT: RawFd = 1;

/// The terminal in raw mode for as long as this lives, as unix_console's `prepare` sets it
/// (no echo, no line buffering, no output processing), with its signal keys off too and
/// bracketed paste on; dropping it restores the terminal as it was.
struct RawMode {
    saved: libc::termios,
}

impl RawMode {
    fn enter() -> Option<RawMode> {
        // SAFETY: tcgetattr fills the termios structure it is given; tcsetattr reads it.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(INPUT, &mut saved) != 0 {
                return None;
            }
            let mut raw = saved;
            raw.c_iflag &= !(libc::INPCK | libc::ISTRIP | libc::IXON | libc::ICRNL);
            raw.c_iflag |= libc::BRKINT;
            raw.c_oflag &= !libc::OPOST;
            raw.c_cflag &= !(libc::CSIZE | libc::PARENB);
            raw.c_cflag |= libc::CS8;
            raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::IEXTEN | libc::ISIG);
            raw.c_cc[libc::VMIN] = 1;
            raw.c_cc[libc::VTIME] = 0;
            if libc::tcsetattr(INPUT, libc::TCSADRAIN, &raw) != 0 {
                return None;
            }
            write_out("\x1b[?2004h");
            Some(RawMode { saved })
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        write_out("\x1b[?2004l");
        // SAFETY: restores the settings read by `enter`.
        unsafe {
            libc::tcsetattr(INPUT, libc::TCSADRAIN, &self.saved);
        }
    }
}

/// Writes to the terminal at once (the editor's output bypasses `sys.stdout`).
fn write_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The terminal's size, columns and rows (80×25 when it cannot say).
fn terminal_size() -> (usize, usize) {
    // SAFETY: TIOCGWINSZ fills the winsize structure it is given.
    unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        if libc::ioctl(OUTPUT, libc::TIOCGWINSZ, &mut size) == 0 && size.ws_col > 0 {
            return (usize::from(size.ws_col), usize::from(size.ws_row.max(1)));
        }
    }
    (80, 25)
}

/// One key, as read from the terminal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Key {
    Char(char),
    /// Ctrl and a letter (or one of `@[\]^_`), by that character in lower case.
    Ctrl(char),
    /// Alt (or Esc, then) a character.
    Meta(char),
    Enter,
    MetaEnter,
    Tab,
    Backspace,
    MetaBackspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    CtrlLeft,
    CtrlRight,
    Home,
    End,
    PasteStart,
    PasteEnd,
    /// A function key, by its number.
    F(u8),
    /// A sequence the editor does not know, or Esc alone.
    Ignored,
}

/// The keys coming from the terminal: bytes read as they arrive and decoded into keys
/// (UTF-8 characters, control characters and escape sequences of xterm and its kin).
struct Keys {
    pending: VecDeque<u8>,
}

impl Keys {
    /// The next byte; `wait_ms` bounds the wait (None: as long as it takes). None at the end
    /// of input, on an error, or when the time is up.
    fn byte(&mut self, wait_ms: Option<i32>) -> Option<u8> {
        if let Some(b) = self.pending.pop_front() {
            return Some(b);
        }
        loop {
            if let Some(ms) = wait_ms {
                let mut poll = libc::pollfd {
                    fd: INPUT,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one pollfd, given with its count.
                if unsafe { libc::poll(&mut poll, 1, ms) } <= 0 {
                    return None;
                }
            }
            let mut buf = [0u8; 256];
            // SAFETY: reads at most the buffer's length into it.
            let n = unsafe { libc::read(INPUT, buf.as_mut_ptr().cast(), buf.len()) };
            if n > 0 {
                self.pending.extend(&buf[..n as usize]);
                return self.pending.pop_front();
            }
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return None;
        }
    }

    /// The next key; None at the end of input.
    fn next(&mut self) -> Option<Key> {
        let b = self.byte(None)?;
        Some(match b {
            0x1b => self.escape(),
            b'\r' | b'\n' => Key::Enter,
            b'\t' => Key::Tab,
            0x7f => Key::Backspace,
            0x00..=0x1f => Key::Ctrl(char::from(b + 0x60)),
            0x20..=0x7e => Key::Char(char::from(b)),
            _ => self.utf8(b).map_or(Key::Ignored, Key::Char),
        })
    }

    /// The rest of a UTF-8 character starting with `lead`.
    fn utf8(&mut self, lead: u8) -> Option<char> {
        let len = match lead {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return None,
        };
        let mut bytes = vec![lead];
        for _ in 1..len {
            let b = self.byte(Some(100))?;
            if !(0x80..=0xbf).contains(&b) {
                // Not a continuation byte: the character is cut short, and this byte is
                // a key of its own.
                self.pending.push_front(b);
                return None;
            }
            bytes.push(b);
        }
        std::str::from_utf8(&bytes).ok()?.chars().next()
    }

    /// What follows an Esc: a CSI or SS3 sequence, or Alt and a key.
    fn escape(&mut self) -> Key {
        let Some(b) = self.byte(Some(50)) else {
            return Key::Ignored;
        };
        match b {
            b'[' => {
                let mut params = String::new();
                loop {
                    let Some(c) = self.byte(Some(100)) else {
                        return Key::Ignored;
                    };
                    if (0x40..=0x7e).contains(&c) {
                        return csi_key(&params, char::from(c));
                    }
                    if !(0x20..=0x3f).contains(&c) {
                        // A control character (Ctrl-C above all) is never part of a
                        // sequence: the one it cut short is dropped, and it is a key.
                        self.pending.push_front(c);
                        return Key::Ignored;
                    }
                    params.push(char::from(c));
                }
            }
            b'O' => match self.byte(Some(100)) {
                Some(b'A') => Key::Up,
                Some(b'B') => Key::Down,
                Some(b'C') => Key::Right,
                Some(b'D') => Key::Left,
                Some(b'H') => Key::Home,
                Some(b'F') => Key::End,
                Some(b @ b'P'..=b'S') => Key::F(b - b'P' + 1),
                Some(c) if c < 0x20 => {
                    self.pending.push_front(c);
                    Key::Ignored
                }
                _ => Key::Ignored,
            },
            b'\r' | b'\n' => Key::MetaEnter,
            0x7f | 0x08 => Key::MetaBackspace,
            0x20..=0x7e => Key::Meta(char::from(b)),
            _ => {
                // Esc alone, then a key of its own (a control character, another Esc, the
                // start of a UTF-8 character).
                self.pending.push_front(b);
                Key::Ignored
            }
        }
    }
}

/// The key of a CSI sequence (`ESC [ params final`).
fn csi_key(params: &str, last: char) -> Key {
    match (params, last) {
        ("", 'A') => Key::Up,
        ("", 'B') => Key::Down,
        ("", 'C') => Key::Right,
        ("", 'D') => Key::Left,
        ("", 'H') | ("1" | "7", '~') => Key::Home,
        ("", 'F') | ("4" | "8", '~') => Key::End,
        ("3", '~') => Key::Delete,
        ("1;5", 'C') => Key::CtrlRight,
        ("1;5", 'D') => Key::CtrlLeft,
        ("11", '~') => Key::F(1),
        ("12", '~') => Key::F(2),
        ("13", '~') => Key::F(3),
        ("14", '~') => Key::F(4),
        ("200", '~') => Key::PasteStart,
        ("201", '~') => Key::PasteEnd,
        _ => Key::Ignored,
    }
}

/// The columns a character takes on the terminal (utils.py's `str_width`: two for East
/// Asian wide and full-width characters, none for combining marks).
fn char_width(c: char) -> usize {
    let u = u32::from(c);
    if u < 0x300 {
        return 1;
    }
    if (0x300..0x370).contains(&u) || (0x200b..=0x200f).contains(&u) {
        return 0;
    }
    let wide = (0x1100..=0x115f).contains(&u)
        || (0x2e80..=0x303e).contains(&u)
        || (0x3041..=0x33ff).contains(&u)
        || (0x3400..=0x4dbf).contains(&u)
        || (0x4e00..=0x9fff).contains(&u)
        || (0xa000..=0xa4cf).contains(&u)
        || (0xac00..=0xd7a3).contains(&u)
        || (0xf900..=0xfaff).contains(&u)
        || (0xfe30..=0xfe4f).contains(&u)
        || (0xff00..=0xff60).contains(&u)
        || (0xffe0..=0xffe6).contains(&u)
        || (0x1f300..=0x1f64f).contains(&u)
        || (0x1f900..=0x1f9ff).contains(&u)
        || (0x20000..=0x3fffd).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

/// How a character of the buffer is shown (reader.py's `disp_str`): control characters as
/// `^X`, a tab as four spaces, anything else as itself.
fn display(c: char) -> (String, usize) {
    match c {
        '\t' => ("    ".to_string(), 4),
        c if u32::from(c) < 0x20 || c == '\x7f' => {
            let shown = char::from_u32(u32::from(c) ^ 0x40).unwrap_or('?');
            (format!("^{shown}"), 2)
        }
        c => (c.to_string(), char_width(c)),
    }
}

/// What the last key did, as far as the kill ring cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Kill,
    Yank,
    Other,
}

/// The completion menu (completing_reader.py's `cmpltn_*` fields).
#[derive(Default)]
struct Menu {
    visible: bool,
    rows: Vec<String>,
    end: usize,
    choices: Vec<String>,
}

/// An incremental history search in progress (Ctrl-R, Ctrl-S).
struct Search {
    text: String,
    backwards: bool,
    /// The entry shown and the cursor's place when it started.
    start: (usize, usize),
}

/// The line editor: the entry being edited, the history and what is on the screen.
pub(crate) struct Reader {
    /// The entries of this session and those read from the history file, oldest first.
    pub(crate) history: Vec<String>,
    /// Which history entry the buffer shows (`history.len()`: the new entry).
    historyi: usize,
    /// History entries edited while browsing, by index, until the entry ends.
    transient: HashMap<usize, String>,
    buffer: Vec<char>,
    pos: usize,
    ps1: String,
    ps3: String,
    colour: bool,
    /// A message shown under the entry (`[ not unique ]`).
    msg: String,
    menu: Menu,
    last_was_complete: bool,
    last_used_indentation: Option<String>,
    in_bracketed_paste: bool,
    /// F3's paste mode: Enter opens a new line, unindented, until F3 again.
    paste_mode: bool,
    /// Whether the entry may have several lines (`more_lines` is set).
    multiline: bool,
    /// What the kill commands removed, the newest last (Ctrl-Y, Alt-Y).
    kill_ring: Vec<String>,
    /// Whether the last key killed text, yanked it, or did something else.
    last: Last,
    /// Set by a kill during the key being handled.
    killed: bool,
    search: Option<Search>,
    /// On which row of the drawing the cursor stands, and how many rows were drawn.
    cursor_row: usize,
    cursor_col: usize,
    drawn: bool,
    /// The first row of the entry drawn, when it is taller than the terminal.
    offset: usize,
    /// The terminal's raw mode, while an entry is read.
    raw: Option<RawMode>,
    keys: Keys,
}

impl Reader {
    pub(crate) fn new(colour: bool) -> Reader {
        Reader {
            history: Vec::new(),
            historyi: 0,
            transient: HashMap::new(),
            buffer: Vec::new(),
            pos: 0,
            ps1: String::new(),
            ps3: String::new(),
            colour,
            msg: String::new(),
            menu: Menu::default(),
            last_was_complete: false,
            last_used_indentation: None,
            in_bracketed_paste: false,
            paste_mode: false,
            multiline: true,
            kill_ring: Vec::new(),
            last: Last::Other,
            killed: false,
            search: None,
            cursor_row: 0,
            cursor_col: 0,
            drawn: false,
            offset: 0,
            raw: None,
            keys: Keys {
                pending: VecDeque::new(),
            },
        }
    }

    /// `_ReadlineWrapper.read_history_file`: one entry per line; a line ending in `\r` is
    /// continued by the next (an entry of several lines); a first line `_HiStOrY_V2_` marks
    /// libedit's format, whose lines are escaped.
    pub(crate) fn read_history_file(&mut self, path: &std::path::Path) -> std::io::Result<()> {
        let data = std::fs::read(path)?;
        let mut data: &[u8] = &data;
        let editline = data.starts_with(b"_HiStOrY_V2_");
        if editline {
            data = data
                .iter()
                .position(|b| *b == b'\n')
                .map_or(&[][..], |i| &data[i + 1..]);
        }
        let mut buffer = String::new();
        for raw in data.split(|b| *b == b'\n') {
            let line = if editline {
                unescape_editline(raw)
            } else {
                String::from_utf8_lossy(raw).into_owned()
            };
            if line.ends_with('\r') {
                buffer.push_str(&line);
                buffer.push('\n');
            } else {
                let entry = if buffer.is_empty() {
                    line
                } else {
                    let joined = buffer.replace('\r', "") + &line;
                    buffer.clear();
                    joined
                };
                let entry = entry.trim_end_matches('\n');
                if !entry.is_empty() {
                    self.history.push(entry.to_string());
                }
            }
        }
        Ok(())
    }

    /// `_ReadlineWrapper.write_history_file`: every entry on its own line, the newlines
    /// inside an entry written as `\r\n`.
    pub(crate) fn write_history_file(&self, path: &std::path::Path) -> std::io::Result<()> {
        let mut text = String::new();
        for entry in &self.history {
            text.push_str(&entry.replace('\n', "\r\n"));
            text.push('\n');
        }
        std::fs::write(path, text)
    }

    /// Reads one entry: `ps1` on its first line, `ps3` on the others; with `multiline`
    /// false, one line (as `input()` reads). The entry is added to the history.
    pub(crate) fn readline(
        &mut self,
        host: &dyn Host,
        ps1: &str,
        ps3: &str,
        multiline: bool,
    ) -> Result<String, ReadError> {
        self.multiline = multiline;
        self.ps1 = ps1.to_string();
        self.ps3 = ps3.to_string();
        self.buffer.clear();
        self.pos = 0;
        self.msg.clear();
        self.menu = Menu::default();
        self.last_was_complete = false;
        self.in_bracketed_paste = false;
        self.paste_mode = false;
        self.last = Last::Other;
        self.search = None;
        self.transient.clear();
        self.historyi = self.history.len();
        self.cursor_row = 0;
        self.drawn = false;
        self.offset = 0;
        self.raw = RawMode::enter();
        if self.raw.is_none() {
            return Err(ReadError::Io);
        }
        let result = self.read_loop(host);
        self.raw = None;
        if let Ok(entry) = &result {
            for (i, text) in std::mem::take(&mut self.transient) {
                if i < self.history.len() && i != self.historyi {
                    self.history[i] = text;
                }
            }
            if !entry.is_empty() {
                self.history.push(entry.clone());
            }
        }
        result
    }

    fn read_loop(&mut self, host: &dyn Host) -> Result<String, ReadError> {
        loop {
            self.refresh();
            let Some(key) = self.keys.next() else {
                return Err(ReadError::Io);
            };
            self.msg.clear();
            // Ctrl-C is the terminal's interrupt key (python3.13 leaves ISIG on, so it never
            // reaches the key map): it drops the entry whatever the editor is doing, an
            // incremental search or a paste included.
            if key == Key::Ctrl('c') {
                self.search = None;
                self.finish();
                return Err(ReadError::Interrupted);
            }
            if self.search.is_some() {
                self.search_key(key);
                continue;
            }
            let was_complete = self.last_was_complete;
            self.last_was_complete = false;
            let mut keep_menu = false;
            let mut accepted = false;
            let mut yanked = false;
            let last = self.last;
            self.killed = false;
            match key {
                Key::Char(c) => {
                    self.insert(&c.to_string());
                    keep_menu = true;
                    self.filter_menu();
                }
                Key::Enter if self.in_bracketed_paste => self.insert("\n"),
                Key::Enter | Key::Ctrl('j') | Key::Ctrl('m') => accepted = self.maybe_accept(host),
                Key::MetaEnter => return Ok(self.finish()),
                Key::Tab if self.in_bracketed_paste => self.insert("\t"),
                Key::Tab => {
                    self.complete(host, was_complete);
                    self.last_was_complete = true;
                    keep_menu = true;
                }
                Key::Backspace => self.backspace_dedent(),
                Key::Ctrl('h') => self.backspace(),
                Key::Ctrl('d') if self.buffer.is_empty() => {
                    self.finish();
                    return Err(ReadError::Eof);
                }
                Key::Ctrl('d') | Key::Delete => self.delete(),
                Key::Left | Key::Ctrl('b') => self.pos = self.pos.saturating_sub(1),
                Key::Right | Key::Ctrl('f') => self.pos = (self.pos + 1).min(self.buffer.len()),
                Key::Home | Key::Ctrl('a') => self.pos = self.bol(self.pos),
                Key::End | Key::Ctrl('e') => self.pos = self.eol(self.pos),
                Key::Up => self.up(),
                Key::Down => self.down(),
                Key::Ctrl('p') => self.select_item(self.historyi.saturating_sub(1)),
                Key::Ctrl('n') => self.select_item((self.historyi + 1).min(self.history.len())),
                Key::Meta('<') => self.select_item(0),
                Key::Meta('>') => self.select_item(self.history.len()),
                Key::Meta('b') | Key::CtrlLeft => self.pos = self.word_start(self.pos),
                Key::Meta('f') | Key::CtrlRight => self.pos = self.word_end(self.pos),
                Key::Meta('d') => {
                    let end = self.word_end(self.pos);
                    self.kill(self.pos, end);
                }
                Key::Ctrl('k') => {
                    let eol = self.eol(self.pos);
                    // When only blanks are left on the line, its newline goes too.
                    let blank = self.buffer[self.pos..eol].iter().all(|c| c.is_whitespace());
                    let end = if blank {
                        (eol + 1).min(self.buffer.len())
                    } else {
                        eol
                    };
                    self.kill(self.pos, end);
                }
                Key::Ctrl('u') => {
                    let bol = self.bol(self.pos);
                    self.kill(bol, self.pos);
                }
                Key::Ctrl('w') | Key::MetaBackspace => {
                    let start = self.word_start(self.pos);
                    self.kill(start, self.pos);
                }
                Key::Ctrl('y') => {
                    if let Some(text) = self.kill_ring.last().cloned() {
                        self.insert(&text);
                    }
                    yanked = true;
                }
                Key::Meta('y') if last == Last::Yank => {
                    self.yank_pop();
                    yanked = true;
                }
                Key::Ctrl('t') => self.transpose(),
                Key::Ctrl('l') => {
                    write_out("\x1b[H\x1b[2J");
                    self.drawn = false;
                    self.cursor_row = 0;
                }
                Key::Ctrl('r') | Key::Ctrl('s') => {
                    self.search = Some(Search {
                        text: String::new(),
                        backwards: key == Key::Ctrl('r'),
                        start: (self.historyi, self.pos),
                    });
                }
                Key::Ctrl('z') => self.suspend(),
                Key::F(3) => self.paste_mode = !self.paste_mode,
                Key::F(1) => self.suspended(|| host.help()),
                Key::F(2) => {
                    let history = self.history.join("\n");
                    self.suspended(|| host.show_history(&history));
                }
                Key::PasteStart => self.in_bracketed_paste = true,
                Key::PasteEnd => self.in_bracketed_paste = false,
                _ => {}
            }
            self.last = if self.killed {
                Last::Kill
            } else if yanked {
                Last::Yank
            } else {
                Last::Other
            };
            if accepted {
                return Ok(self.finish());
            }
            if !self.multiline {
                // One line only (readline.py's `after_command`), even after a history
                // entry of several lines was recalled.
                if let Some(newline) = self.buffer.iter().position(|c| *c == '\n') {
                    self.buffer.truncate(newline);
                    self.pos = self.pos.min(newline);
                }
            }
            if !keep_menu {
                self.menu = Menu::default();
            }
        }
    }

    /// Ends the entry on the screen: the cursor after its last character, the menu and any
    /// message gone, and a new line. The entry's text.
    fn finish(&mut self) -> String {
        self.pos = self.buffer.len();
        self.menu = Menu::default();
        self.msg.clear();
        self.search = None;
        self.refresh();
        write_out("\r\n");
        self.buffer.iter().collect()
    }

    fn text(&self) -> String {
        self.buffer.iter().collect()
    }

    fn insert(&mut self, text: &str) {
        for c in text.chars() {
            self.buffer.insert(self.pos, c);
            self.pos += 1;
        }
    }

    /// Where the line holding `pos` starts.
    fn bol(&self, pos: usize) -> usize {
        let mut p = pos;
        while p > 0 && self.buffer[p - 1] != '\n' {
            p -= 1;
        }
        p
    }

    /// Where the line holding `pos` ends (its newline, or the end of the buffer).
    fn eol(&self, pos: usize) -> usize {
        let mut p = pos;
        while p < self.buffer.len() && self.buffer[p] != '\n' {
            p += 1;
        }
        p
    }

    /// Whether `c` is part of a word for the word commands (reader.py's syntax table:
    /// letters and digits, and every character past U+00FF).
    fn is_word(c: char) -> bool {
        c.is_alphanumeric() || u32::from(c) > 0xff
    }

    fn word_start(&self, pos: usize) -> usize {
        let mut p = pos;
        while p > 0 && !Self::is_word(self.buffer[p - 1]) {
            p -= 1;
        }
        while p > 0 && Self::is_word(self.buffer[p - 1]) {
            p -= 1;
        }
        p
    }

    fn word_end(&self, pos: usize) -> usize {
        let mut p = pos;
        while p < self.buffer.len() && !Self::is_word(self.buffer[p]) {
            p += 1;
        }
        while p < self.buffer.len() && Self::is_word(self.buffer[p]) {
            p += 1;
        }
        p
    }

    /// `kill_range`: removes `start..end` into the kill ring; right after another kill, it
    /// joins the text that one removed.
    fn kill(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let text: String = self.buffer.drain(start..end).collect();
        match self.kill_ring.last_mut() {
            Some(last) if self.last == Last::Kill => {
                if start < self.pos {
                    last.insert_str(0, &text);
                } else {
                    last.push_str(&text);
                }
            }
            _ => self.kill_ring.push(text),
        }
        self.pos = start;
        self.killed = true;
    }

    /// `yank_pop`: the text just yanked replaced by the one killed before it.
    fn yank_pop(&mut self) {
        let Some(last) = self.kill_ring.pop() else {
            return;
        };
        let len = last.chars().count();
        self.kill_ring.insert(0, last);
        let Some(text) = self.kill_ring.last().cloned() else {
            return;
        };
        let start = self.pos.saturating_sub(len);
        self.buffer.drain(start..self.pos);
        self.pos = start;
        self.insert(&text);
    }

    fn transpose(&mut self) {
        let len = self.buffer.len();
        if len < 2 || self.pos == 0 {
            return;
        }
        let p = if self.pos == len { len - 1 } else { self.pos };
        self.buffer.swap(p - 1, p);
        self.pos = (p + 1).min(len);
    }

    /// Runs `f` with the terminal as it was before the entry (`Reader.suspend`): the entry
    /// stays on the screen above what `f` shows, its history set aside (a nested `input()`
    /// starts afresh), and is drawn again below.
    fn suspended(&mut self, f: impl FnOnce()) {
        let pos = self.pos;
        self.pos = self.buffer.len();
        self.menu = Menu::default();
        self.refresh();
        write_out("\r\n");
        self.pos = pos;
        self.raw = None;
        let history = std::mem::take(&mut self.history);
        f();
        self.history = history;
        self.raw = RawMode::enter();
        self.drawn = false;
        self.cursor_row = 0;
    }

    /// Ctrl-Z: the terminal given back, the process stopped as the shell's job control
    /// expects; when it goes on, the entry is drawn again.
    fn suspend(&mut self) {
        // SAFETY: reads and restores the terminal's settings around stopping the process.
        unsafe {
            let mut raw: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(INPUT, &mut raw) != 0 {
                return;
            }
            write_out("\r\n");
            let mut cooked = raw;
            cooked.c_lflag |= libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN;
            cooked.c_oflag |= libc::OPOST;
            cooked.c_iflag |= libc::ICRNL;
            libc::tcsetattr(INPUT, libc::TCSADRAIN, &cooked);
            libc::kill(0, libc::SIGTSTP);
            libc::tcsetattr(INPUT, libc::TCSADRAIN, &raw);
        }
        self.drawn = false;
        self.cursor_row = 0;
    }

    /// readline.py's `maybe_accept`: whether Enter ends the entry; if not, it has opened a
    /// new line, indented.
    fn maybe_accept(&mut self, host: &dyn Host) -> bool {
        let text = self.text();
        let after: String = self.buffer[self.pos..].iter().collect();
        if !(after.contains('\n') || (self.multiline && host.more_lines(&text))) {
            if self.paste_mode {
                self.insert("\n");
                return false;
            }
            return true;
        }
        // A blank line before the cursor, and only blanks after it: the block ends.
        let before = &self.buffer[..self.pos];
        let mut i = self.pos.saturating_sub(1);
        while i > 0 && before[i].is_whitespace() {
            i -= 1;
        }
        let newline_before = before[i.min(before.len())..].contains(&'\n');
        if newline_before && !after.is_empty() && after.chars().all(char::is_whitespace) {
            return true;
        }
        let (prev_start, indent) = self.previous_line_indent(self.pos);
        self.insert("\n");
        if self.paste_mode {
            return false;
        }
        if let Some(indent) = indent {
            let copied: String = self.buffer[prev_start..prev_start + indent]
                .iter()
                .collect();
            self.insert(&copied);
        }
        if let Some(indentation) = self.first_indentation() {
            self.last_used_indentation = Some(indentation);
        }
        if self.should_auto_indent() {
            let indentation = self
                .last_used_indentation
                .clone()
                .unwrap_or_else(|| "    ".to_string());
            self.insert(&indentation);
        }
        false
    }

    /// `_get_previous_line_indent`: where the line holding `pos` starts, and its
    /// indentation's length (None when the line before `pos` is blank).
    fn previous_line_indent(&self, pos: usize) -> (usize, Option<usize>) {
        let start = self.bol(pos);
        let mut text = start;
        while text < pos && matches!(self.buffer[text], ' ' | '\t') {
            text += 1;
        }
        if text == pos {
            (start, None)
        } else {
            (start, Some(text - start))
        }
    }

    /// `_get_first_indentation`: the indentation of the entry's first indented line.
    fn first_indentation(&self) -> Option<String> {
        let b = &self.buffer;
        let mut start = None;
        for i in 0..b.len() {
            if i + 1 < b.len() && b[i] == '\n' && matches!(b[i + 1], ' ' | '\t') {
                start = Some(i + 1);
            } else if let Some(s) = start {
                if !matches!(b[i], ' ' | '\t' | '\n') {
                    return Some(b[s..i].iter().collect());
                }
            }
        }
        None
    }

    /// `_should_auto_indent`: whether the last character before the cursor, comments and
    /// blanks aside, is a `:`.
    fn should_auto_indent(&self) -> bool {
        let mut last = None;
        let mut p = self.pos;
        while p > 0 {
            p -= 1;
            let c = self.buffer[p];
            if last.is_none() {
                if !matches!(c, ' ' | '\t' | '\n' | '#') {
                    last = Some(c);
                }
            } else {
                if c == '\n' {
                    break;
                }
                if c == '#' {
                    last = None;
                }
            }
        }
        last == Some(':')
    }

    /// `backspace_dedent`: in a line's indentation, back to the previous level.
    fn backspace_dedent(&mut self) {
        if self.pos == 0 {
            return;
        }
        let mut repeat = 1;
        if self.buffer[self.pos - 1] != '\n' {
            let indent = self.this_line_indent(self.pos);
            if indent > 0 {
                let mut ls = self.pos - indent;
                while ls > 0 {
                    let (start, prev) = self.previous_line_indent(ls - 1);
                    ls = start;
                    if let Some(prev) = prev.filter(|p| *p < indent) {
                        repeat = indent - prev;
                        break;
                    }
                }
            }
        }
        let start = self.pos - repeat;
        self.buffer.drain(start..self.pos);
        self.pos = start;
    }

    fn delete(&mut self) {
        if self.pos < self.buffer.len() {
            self.buffer.remove(self.pos);
        }
    }

    fn backspace(&mut self) {
        if self.pos > 0 {
            self.pos -= 1;
            self.buffer.remove(self.pos);
        }
    }

    /// `_get_this_line_indent`: how many blanks stand between the line's start and `pos`
    /// (0 unless only blanks do).
    fn this_line_indent(&self, pos: usize) -> usize {
        let mut p = pos;
        let mut indent = 0;
        while p > 0 && matches!(self.buffer[p - 1], ' ' | '\t') {
            indent += 1;
            p -= 1;
        }
        if p > 0 && self.buffer[p - 1] == '\n' {
            indent
        } else {
            0
        }
    }

    /// `up`: to the line above, or on the first line, the previous history entry.
    fn up(&mut self) {
        let bol = self.bol(self.pos);
        if bol == 0 {
            if self.historyi > 0 {
                self.select_item(self.historyi - 1);
            } else {
                self.pos = 0;
            }
            return;
        }
        let col = self.pos - bol;
        let at_end = self.pos == self.eol(self.pos)
            && self.buffer[bol..self.pos]
                .iter()
                .any(|c| !c.is_whitespace());
        let prev_start = self.bol(bol - 1);
        let prev_len = bol - 1 - prev_start;
        self.pos = prev_start + if at_end { prev_len } else { col.min(prev_len) };
    }

    /// `down`: to the line below, or on the last line, the next history entry.
    fn down(&mut self) {
        let eol = self.eol(self.pos);
        if eol == self.buffer.len() {
            if self.historyi < self.history.len() {
                self.select_item(self.historyi + 1);
                self.pos = self.eol(0);
            } else {
                self.pos = self.buffer.len();
            }
            return;
        }
        let bol = self.bol(self.pos);
        let col = self.pos - bol;
        let at_end = self.pos == eol && self.buffer[bol..eol].iter().any(|c| !c.is_whitespace());
        let next_start = eol + 1;
        let next_len = self.eol(next_start) - next_start;
        self.pos = next_start + if at_end { next_len } else { col.min(next_len) };
    }

    /// `select_item`: shows history entry `i` (the new entry at `history.len()`), keeping
    /// what was typed over the one shown.
    fn select_item(&mut self, i: usize) {
        self.transient.insert(self.historyi, self.text());
        let text = match self.transient.get(&i) {
            Some(text) => text.clone(),
            None => self
                .history
                .get(i)
                .map(|h| h.trim_end().to_string())
                .unwrap_or_default(),
        };
        self.buffer = text.chars().collect();
        self.historyi = i;
        self.pos = self.buffer.len();
    }

    /// A key during an incremental search (historical_reader.py's `isearch_keymap`):
    /// characters add to the searched text, Ctrl-R and Ctrl-S search again, Ctrl-C and
    /// Ctrl-G go back to where the search started; any other key ends the search, and is
    /// used up by it.
    fn search_key(&mut self, key: Key) {
        let Some(search) = &mut self.search else {
            return;
        };
        match key {
            Key::Char(c) => {
                search.text.push(c);
                let text: Vec<char> = search.text.chars().collect();
                let p = self.pos + text.len() - 1;
                if self.buffer.get(p) != text.last() {
                    self.isearch_next();
                }
            }
            Key::Backspace | Key::Ctrl('h') => {
                search.text.pop();
            }
            Key::Ctrl('r') | Key::Ctrl('s') => {
                search.backwards = key == Key::Ctrl('r');
                self.isearch_next();
            }
            Key::Ctrl('g') => {
                let (historyi, pos) = search.start;
                self.search = None;
                self.select_item(historyi);
                self.pos = pos.min(self.buffer.len());
            }
            _ => self.search = None,
        }
    }

    /// `isearch_next`: the next place, in the entry shown and then in the entries before it
    /// (or after it, searching forwards), where the searched text is.
    fn isearch_next(&mut self) {
        let Some(search) = &self.search else {
            return;
        };
        let term: Vec<char> = search.text.chars().collect();
        let forwards = !search.backwards;
        let mut i = self.historyi;
        let mut s = self.buffer.clone();
        let mut p = self.pos as isize;
        loop {
            let found = if forwards {
                find(&s, &term, (p + 1).max(0) as usize, s.len())
            } else {
                // `rfind(term, 0, p + len(term) - 1)`
                let end = (p + term.len() as isize - 1).clamp(0, s.len() as isize) as usize;
                rfind(&s, &term, end)
            };
            if let Some(at) = found {
                self.select_item(i);
                self.pos = at;
                return;
            }
            if (forwards && i + 1 >= self.history.len()) || (!forwards && i == 0) {
                return;
            }
            if forwards {
                i += 1;
                s = self.get_item(i).chars().collect();
                p = -1;
            } else {
                i -= 1;
                s = self.get_item(i).chars().collect();
                p = s.len() as isize;
            }
        }
    }

    /// `get_item`: history entry `i` as last edited.
    fn get_item(&self, i: usize) -> String {
        match self.transient.get(&i) {
            Some(text) => text.clone(),
            None if i < self.history.len() => self.history[i].clone(),
            None => self.text(),
        }
    }

    /// The word before the cursor (`get_stem`).
    fn stem(&self) -> String {
        let mut p = self.pos;
        while p > 0 && !COMPLETER_DELIMS.contains(self.buffer[p - 1]) {
            p -= 1;
        }
        self.buffer[p..self.pos].iter().collect()
    }

    /// The completions of the stem: at the start of a line (an empty stem), the blanks up
    /// to the next indentation level, as `ReadlineAlikeReader.get_completions`.
    fn completions(&self, host: &dyn Host, stem: &str) -> Vec<String> {
        if stem.is_empty() && self.multiline {
            let col = self.pos - self.bol(self.pos);
            return vec![" ".repeat(4 - col % 4)];
        }
        let start = self.pos - stem.chars().count();
        let line: String = self.buffer[self.bol(start)..start].iter().collect();
        host.completions(stem, &line)
    }

    /// `complete`: inserts the one completion, or what all have in common; a second Tab
    /// shows them all.
    fn complete(&mut self, host: &dyn Host, again: bool) {
        let stem = self.stem();
        self.menu.choices = self.completions(host, &stem);
        let choices = self.menu.choices.clone();
        let stem_len = stem.chars().count();
        match choices.len() {
            0 => {}
            1 => {
                let rest: String = choices[0].chars().skip(stem_len).collect();
                self.insert(&rest);
            }
            _ => {
                let prefix = common_prefix(&choices, stem_len);
                if !prefix.is_empty() {
                    self.insert(&prefix);
                }
                if again {
                    let (width, height) = terminal_size();
                    let (rows, end) = build_menu(width, height, &choices, self.menu.end);
                    self.menu.rows = rows;
                    self.menu.end = end;
                    self.menu.visible = true;
                } else if !self.menu.visible {
                    let whole: String = stem.clone() + &prefix;
                    self.msg = if choices.contains(&whole) {
                        "[ complete but not unique ]".to_string()
                    } else {
                        "[ not unique ]".to_string()
                    };
                }
            }
        }
    }

    /// After a character typed with the menu shown: the menu keeps the choices that still
    /// fit (completing_reader.py's `self_insert`).
    fn filter_menu(&mut self) {
        if !self.menu.visible {
            self.menu = Menu::default();
            return;
        }
        let stem = self.stem();
        if stem.is_empty() {
            self.menu = Menu::default();
            return;
        }
        let left: Vec<String> = self
            .menu
            .choices
            .iter()
            .filter(|c| c.starts_with(&stem))
            .cloned()
            .collect();
        if left.is_empty() {
            self.menu = Menu::default();
            return;
        }
        let (width, height) = terminal_size();
        let (rows, end) = build_menu(width, height, &left, 0);
        self.menu.rows = rows;
        self.menu.end = end;
    }

    /// The prompt of line `lineno` of the entry, as reader.py's `get_prompt` picks it (and
    /// historical_reader.py's during a search, on the cursor's line), coloured when colour
    /// is on; and its width.
    fn prompt(&self, lineno: usize, cursor_on_line: bool) -> (String, usize) {
        if let Some(search) = self.search.as_ref().filter(|_| cursor_on_line) {
            let dir = if search.backwards { "r" } else { "f" };
            let prompt = format!("({dir}-search `{}') ", search.text);
            let width = prompt.chars().map(char_width).sum();
            return (prompt, width);
        }
        let prompt = if self.paste_mode && !self.in_bracketed_paste {
            "(paste) "
        } else if lineno == 0 {
            &self.ps1
        } else {
            &self.ps3
        };
        let (prompt, width) = process_prompt(prompt);
        if self.colour {
            (format!("{PROMPT_COLOUR}{prompt}{RESET}"), width)
        } else {
            (prompt, width)
        }
    }

    /// The rows that show the entry (reader.py's `calc_screen`): each line behind its
    /// prompt, wrapped at the terminal's width with a `\` at the end of a row that goes on;
    /// the completion menu above the cursor's line; the message below. And where the
    /// cursor goes, as (column, row).
    fn screen(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        let mut pos = self.pos;
        let mut menu_at = 0;
        let text = self.text();
        for (lineno, line) in text.split('\n').enumerate() {
            let chars: Vec<char> = line.chars().collect();
            let cursor_here = pos <= chars.len();
            let (shown_prompt, prompt_width) = self.prompt(lineno, cursor_here);
            if cursor_here {
                menu_at = rows.len();
            }
            let mut row = shown_prompt;
            let mut column = prompt_width;
            let total: usize = prompt_width + chars.iter().map(|c| display(*c).1).sum::<usize>();
            let wraps = total >= width;
            for (i, c) in chars.iter().enumerate() {
                let (shown, w) = display(*c);
                if wraps && column + w >= width && column > 0 {
                    row.push('\\');
                    rows.push(std::mem::take(&mut row));
                    column = 0;
                }
                if cursor_here && i == pos {
                    cursor = (column, rows.len());
                }
                row.push_str(&shown);
                column += w;
            }
            if cursor_here && pos == chars.len() {
                cursor = (column, rows.len());
            }
            rows.push(row);
            if cursor_here {
                pos = usize::MAX / 2;
            } else {
                pos -= chars.len() + 1;
            }
        }
        if self.menu.visible && !self.menu.rows.is_empty() {
            let n = self.menu.rows.len();
            rows.splice(menu_at..menu_at, self.menu.rows.iter().cloned());
            if cursor.1 >= menu_at {
                cursor.1 += n;
            }
        }
        if !self.msg.is_empty() {
            rows.extend(self.msg.split('\n').map(str::to_string));
        }
        (rows, cursor)
    }

    /// Draws the entry again from its first row, and puts the cursor in its place. Moves
    /// along the first row are relative, so that a prompt drawn after output the program
    /// left without a newline stays after it.
    fn refresh(&mut self) {
        let (width, height) = terminal_size();
        let (mut rows, (x, mut y)) = self.screen(width);
        // An entry taller than the terminal shows the rows around the cursor (unix_console's
        // offset): the drawing never goes above the screen's top.
        if rows.len() > height {
            if y < self.offset {
                self.offset = y;
            } else if y >= self.offset + height {
                self.offset = y + 1 - height;
            }
            self.offset = self.offset.min(rows.len() - height);
            rows.truncate(self.offset + height);
            rows.drain(..self.offset);
            y -= self.offset;
        } else {
            self.offset = 0;
        }
        let mut out = String::from("\x1b[?25l");
        if self.drawn {
            if self.cursor_row > 0 {
                out.push_str(&format!("\x1b[{}A\r", self.cursor_row));
            } else if self.cursor_col > 0 {
                out.push_str(&format!("\x1b[{}D", self.cursor_col));
            }
        }
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push_str("\r\n");
            }
            if self.drawn || i > 0 {
                out.push_str("\x1b[K");
            }
            out.push_str(row);
        }
        out.push_str("\x1b[J");
        let last = rows.len() - 1;
        let last_width = visible_width(&rows[last]);
        if y == last {
            if last_width > x {
                out.push_str(&format!("\x1b[{}D", last_width - x));
            }
        } else {
            out.push_str(&format!("\x1b[{}A\r", last - y));
            if x > 0 {
                out.push_str(&format!("\x1b[{x}C"));
            }
        }
        out.push_str("\x1b[?25h");
        write_out(&out);
        self.cursor_row = y;
        self.cursor_col = x;
        self.drawn = true;
    }
}

/// Where `term` first occurs in `s[start..end]`.
fn find(s: &[char], term: &[char], start: usize, end: usize) -> Option<usize> {
    if term.is_empty() {
        return (start <= end.min(s.len())).then_some(start);
    }
    let end = end.min(s.len());
    (start..end)
        .take_while(|i| i + term.len() <= end)
        .find(|i| s[*i..*i + term.len()] == *term)
}

/// Where `term` last occurs in `s[..end]`.
fn rfind(s: &[char], term: &[char], end: usize) -> Option<usize> {
    let end = end.min(s.len());
    if term.len() > end {
        return None;
    }
    (0..=end - term.len())
        .rev()
        .find(|i| s[*i..*i + term.len()] == *term)
}

/// reader.py's `process_prompt`: a prompt without the `\x01` and `\x02` that bracket what
/// takes no room on the screen (as readline's prompts mark their escape sequences), and the
/// columns it takes (bracketed text and CSI sequences aside).
fn process_prompt(prompt: &str) -> (String, usize) {
    let mut shown = String::new();
    let mut hidden = String::new();
    let mut width_of = String::new();
    let mut inside = false;
    for c in prompt.chars() {
        match c {
            '\x01' => inside = true,
            '\x02' => {
                inside = false;
                shown.push_str(&std::mem::take(&mut hidden));
            }
            c if inside => hidden.push(c),
            c => {
                shown.push(c);
                width_of.push(c);
            }
        }
    }
    shown.push_str(&hidden);
    width_of.push_str(&hidden);
    let width = visible_width(&width_of);
    (shown, width)
}

/// The columns a drawn row takes (its colour sequences aside).
fn visible_width(row: &str) -> usize {
    let mut width = 0;
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: up to its final byte.
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if ('\x40'..='\x7e').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        width += char_width(c);
    }
    width
}

/// What the words have in common after their first `skip` characters
/// (completing_reader.py's `prefix`).
fn common_prefix(words: &[String], skip: usize) -> String {
    let mut iters: Vec<_> = words.iter().map(|w| w.chars().skip(skip)).collect();
    let mut prefix = String::new();
    loop {
        let mut next = None;
        for it in iters.iter_mut() {
            match (it.next(), next) {
                (None, _) => return prefix,
                (Some(c), None) => next = Some(c),
                (Some(c), Some(n)) if c != n => return prefix,
                _ => {}
            }
        }
        match next {
            Some(c) => prefix.push(c),
            None => return prefix,
        }
    }
}

/// completing_reader.py's `build_menu` as `ReadlineAlikeReader` uses it (no brackets,
/// sorted down the columns): the menu's rows, from choice `start`, and where the next page
/// starts (0 when the menu showed every choice).
fn build_menu(width: usize, height: usize, words: &[String], start: usize) -> (Vec<String>, usize) {
    if words.is_empty() {
        return (Vec::new(), 0);
    }
    const PADDING: usize = 2;
    let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let maxlen = longest.min(width.saturating_sub(PADDING)).max(1);
    let cols = (width / (maxlen + PADDING)).max(1);
    let rows = (words.len() - 1) / cols + 1;
    let mut table: Vec<&str> = words.iter().map(String::as_str).collect();
    table.resize(cols * rows, "");
    let ordered: Vec<&str> = (0..table.len())
        .map(|i| table[(i % cols) * rows + i / cols])
        .collect();
    let mut menu = Vec::new();
    let mut i = start;
    for r in 0..rows {
        let mut row = String::new();
        for _ in 0..cols {
            let word: String = ordered
                .get(i)
                .copied()
                .unwrap_or("")
                .chars()
                .take(maxlen)
                .collect();
            let pad = maxlen - word.chars().count();
            row.push_str(&word);
            row.push_str(&" ".repeat(pad + PADDING));
            i += 1;
            if i >= ordered.len() {
                break;
            }
        }
        menu.push(row);
        if i >= ordered.len() {
            i = 0;
            break;
        }
        if r + 5 > height {
            menu.push(format!("   {} more... ", ordered.len() - i));
            break;
        }
    }
    (menu, i)
}

/// A line of libedit's history file: `\040` for a space, `\\` for a backslash, and other
/// octal escapes.
fn unescape_editline(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' && i + 1 < raw.len() {
            let digits: Vec<u8> = raw[i + 1..]
                .iter()
                .take(3)
                .take_while(|d| (b'0'..=b'7').contains(d))
                .copied()
                .collect();
            if digits.len() == 3 {
                let value = digits.iter().fold(0u32, |v, d| v * 8 + u32::from(d - b'0'));
                out.push(value as u8);
                i += 4;
                continue;
            }
            out.push(raw[i + 1]);
            i += 2;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader_with(text: &str) -> Reader {
        let mut r = Reader::new(false);
        r.buffer = text.chars().collect();
        r.pos = r.buffer.len();
        r
    }

    #[test]
    fn auto_indent_after_colon() {
        let r = reader_with("if x:  # why");
        assert!(r.should_auto_indent());
        let r = reader_with("x = {'a':");
        assert!(r.should_auto_indent());
        let r = reader_with("x = 1");
        assert!(!r.should_auto_indent());
    }

    #[test]
    fn backspace_goes_back_one_level() {
        let mut r = reader_with("if x:\n    if y:\n        ");
        r.backspace_dedent();
        assert_eq!(r.text(), "if x:\n    if y:\n    ");
        r.backspace_dedent();
        assert_eq!(r.text(), "if x:\n    if y:\n");
    }

    #[test]
    fn menu_sorted_down_the_columns() {
        let words: Vec<String> = ["aa", "bb", "cc", "dd", "ee"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (rows, end) = build_menu(12, 25, &words, 0);
        assert_eq!(rows, vec!["aa  cc  ee  ", "bb  dd      "]);
        assert_eq!(end, 0);
        assert_eq!(common_prefix(&words, 0), "");
        let words = vec!["string.ascii_a".to_string(), "string.ascii_b".to_string()];
        assert_eq!(common_prefix(&words, 3), "ing.ascii_");
    }

    #[test]
    fn prompt_width_leaves_out_escapes() {
        assert_eq!(process_prompt(">>> "), (">>> ".to_string(), 4));
        assert_eq!(
            process_prompt("\x01\x1b[32m\x02py> \x01\x1b[0m\x02"),
            ("\x1b[32mpy> \x1b[0m".to_string(), 4)
        );
        assert_eq!(
            process_prompt("\x1b[1mX\x1b[0m "),
            ("\x1b[1mX\x1b[0m ".to_string(), 2)
        );
    }

    #[test]
    fn history_file_round_trip() {
        let dir = std::env::temp_dir().join(format!("pyrs-editor-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("history");
        let mut r = Reader::new(false);
        r.history = vec!["1 + 1".into(), "def f():\n    return 1\n    ".into()];
        r.write_history_file(&path).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, "1 + 1\ndef f():\r\n    return 1\r\n    \n");
        let mut back = Reader::new(false);
        back.read_history_file(&path).unwrap();
        assert_eq!(back.history, r.history);
        std::fs::write(&path, "_HiStOrY_V2_\nprint(1)\\040#\n").unwrap();
        let mut edit = Reader::new(false);
        edit.read_history_file(&path).unwrap();
        assert_eq!(edit.history, vec!["print(1) #".to_string()]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn screen_shows_prompts_on_every_line() {
        let mut r = reader_with("def f():\n    return 1");
        r.ps1 = ">>> ".into();
        r.ps3 = "... ".into();
        let (rows, cursor) = r.screen(80);
        assert_eq!(rows, vec![">>> def f():", "...     return 1"]);
        assert_eq!(cursor, (16, 1));
        let r = {
            let mut r = reader_with(&"x".repeat(10));
            r.ps1 = ">>> ".into();
            r
        };
        let (rows, cursor) = r.screen(10);
        assert_eq!(rows, vec![">>> xxxxx\\", "xxxxx"]);
        assert_eq!(cursor, (5, 1));
    }
}
