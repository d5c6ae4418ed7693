//! The interactive prompt on a terminal: `pyrs` driven in a pseudo-terminal (rexpect), as a
//! person types at it — history recall, a block of several lines and its `... ` prompts,
//! `1; 2` showing only `2`, an entry of several lines recalled from the history file after a
//! restart, completion of an attribute, Ctrl-C, an uncaught exception, `_`, `exit` without
//! parentheses, Ctrl-D — and long runs of random keys from fixed seeds (editing, history,
//! completion, search, pastes, unknown and cut-short escape sequences, bytes that are not
//! UTF-8), after which the editor must still be alive and answering.
//!
//! Timeouts are generous: test machines are slow and shared.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use rexpect::session::{spawn_command, PtySession};

/// How long one expected output may take to appear.
const TIMEOUT_MS: u64 = 60_000;

/// Up arrow, as a terminal sends it.
const UP: &str = "\x1b[A";

/// A scratch directory for one test (its HOME and history file).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyrs-repl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// `pyrs` at its prompt, without colour, with its history in `home`.
fn start(home: &Path) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pyrs"));
    command
        .env("HOME", home)
        .env("PYTHON_HISTORY", home.join("history"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHON_COLORS")
        .env_remove("FORCE_COLOR")
        .current_dir(home);
    let mut p = spawn_command(command, Some(TIMEOUT_MS)).expect("pyrs starts in a pty");
    p.exp_string("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.")
        .expect("banner");
    next_prompt(&mut p);
    p
}

/// Types `text` and Enter (a terminal sends CR for it).
fn type_line(p: &mut PtySession, text: &str) {
    p.send(&format!("{text}\r")).expect("send");
    p.flush().expect("flush");
}

/// Sends a line and waits for `expected` in what follows (the line editor redraws the line
/// as it is typed, so the output is matched by content, never by position), then for the
/// next prompt.
fn enter(p: &mut PtySession, line: &str, expected: &str) {
    type_line(p, line);
    expect(p, expected);
}

/// Waits for `expected`, then for the next prompt.
fn expect(p: &mut PtySession, expected: &str) {
    if let Err(e) = p.exp_string(expected) {
        panic!("waiting for {expected:?}: {e}");
    }
    next_prompt(p);
}

/// Waits for a new prompt: the line editor starts each one by turning bracketed paste on,
/// which tells it from the redraws of the line being edited. Typing before it would race
/// with the editor switching the terminal back to raw mode.
fn next_prompt(p: &mut PtySession) {
    p.exp_string("\x1b[?2004h").expect("a new prompt");
    p.exp_string(">>> ").expect("the prompt");
}

/// Leaves with `exit` (no parentheses, as in 3.13) and checks the exit status.
fn leave(mut p: PtySession) {
    type_line(&mut p, "exit");
    p.exp_eof().expect("pyrs ends after exit");
    let status = p.process_mut().wait().expect("status");
    assert!(
        matches!(status, rexpect::process::wait::WaitStatus::Exited(_, 0)),
        "exit status: {status:?}"
    );
}

#[test]
fn expression_values_and_underscore() {
    let home = scratch("values");
    let mut p = start(&home);
    enter(&mut p, "6 * 7", "42");
    enter(&mut p, "_ + 1", "43");
    enter(&mut p, "[_] * 2", "[43, 43]");
    leave(p);
}

#[test]
fn history_recall_within_and_across_sessions() {
    let home = scratch("history");
    let mut p = start(&home);
    enter(&mut p, "print('ab' * 3)", "ababab");
    // Up recalls the entry; Enter runs it again.
    p.send(UP).expect("send up");
    type_line(&mut p, "");
    expect(&mut p, "ababab");
    leave(p);
    let history = std::fs::read_to_string(home.join("history")).expect("history file written");
    assert!(history.contains("print('ab' * 3)"), "{history:?}");
    // A new session starts with the old entries.
    let mut p = start(&home);
    p.send(UP).expect("send up");
    p.send(UP).expect("send up");
    type_line(&mut p, "");
    expect(&mut p, "ababab");
    leave(p);
}

#[test]
fn multi_line_def_with_automatic_indentation() {
    let home = scratch("multiline");
    let mut p = start(&home);
    // The body line gets its indentation from the editor; a blank line ends the block.
    type_line(&mut p, "def twice(x):");
    type_line(&mut p, "return x * 2");
    type_line(&mut p, "");
    next_prompt(&mut p);
    enter(&mut p, "twice(21) + 100", "142");
    // The whole block is one history entry.
    leave(p);
    let history = std::fs::read_to_string(home.join("history")).expect("history file");
    assert!(history.contains("def twice(x):"), "{history:?}");
}

#[test]
fn tab_completes_an_attribute() {
    let home = scratch("completion");
    let mut p = start(&home);
    enter(&mut p, "import string", "");
    p.send("string.ascii_low").expect("send");
    p.send("\t").expect("send tab");
    std::thread::sleep(std::time::Duration::from_millis(300));
    type_line(&mut p, "");
    expect(&mut p, "'abcdefghijklmnopqrstuvwxyz'");
    leave(p);
}

#[test]
fn ctrl_c_cancels_the_line_and_interrupts_code() {
    let home = scratch("ctrlc");
    let mut p = start(&home);
    p.send("1 + ").expect("send");
    p.send_control('c').expect("ctrl-c");
    expect(&mut p, "KeyboardInterrupt");
    type_line(&mut p, "while True: pass");
    std::thread::sleep(std::time::Duration::from_millis(1000));
    p.send_control('c').expect("ctrl-c");
    expect(&mut p, "KeyboardInterrupt");
    enter(&mut p, "3 + 4", "7");
    leave(p);
}

#[test]
fn uncaught_exception_then_ctrl_d() {
    let home = scratch("exception");
    let mut p = start(&home);
    type_line(&mut p, "1 / 0");
    p.exp_string("Traceback (most recent call last):")
        .expect("a traceback");
    expect(&mut p, "ZeroDivisionError: division by zero");
    enter(&mut p, "'still ' + 'here'", "'still here'");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("pyrs ends at ctrl-d");
}

#[test]
fn system_exit_ends_the_prompt_with_its_status() {
    let home = scratch("sysexit");
    let mut p = start(&home);
    type_line(&mut p, "raise SystemExit(5)");
    p.exp_eof().expect("pyrs ends");
    let status = p.process_mut().wait().expect("status");
    assert!(
        matches!(status, rexpect::process::wait::WaitStatus::Exited(_, 5)),
        "exit status: {status:?}"
    );
}

#[test]
fn entries_are_named_python_input_n_and_keep_their_lines() {
    let home = scratch("inputnames");
    let mut p = start(&home);
    // An empty entry has its number too: the function below is entry 1.
    type_line(&mut p, "");
    next_prompt(&mut p);
    type_line(&mut p, "def broken():");
    type_line(&mut p, "return 1 / 0");
    type_line(&mut p, "");
    next_prompt(&mut p);
    type_line(&mut p, "broken()");
    p.exp_string("File \"<python-input-2>\", line 1, in <module>")
        .expect("the entry's own name");
    p.exp_string("File \"<python-input-1>\", line 2, in broken")
        .expect("the earlier entry's name");
    p.exp_string("return 1 / 0")
        .expect("the earlier entry's line");
    expect(&mut p, "ZeroDivisionError: division by zero");
    // linecache knows the entries, as the traceback module reads them.
    enter(
        &mut p,
        "import linecache; linecache.getline('<python-input-1>', 2)",
        "'    return 1 / 0\\n'",
    );
    type_line(&mut p, "1 +");
    expect(&mut p, "File \"<python-input-4>\", line 1");
    leave(p);
}

#[test]
fn continuation_lines_show_the_secondary_prompt() {
    let home = scratch("ps2");
    let mut p = start(&home);
    // Enter after `:` opens a line drawn behind `... `, already indented by four spaces.
    type_line(&mut p, "def seven():");
    p.exp_string("...     ")
        .expect("the continuation prompt and indentation");
    type_line(&mut p, "return 7");
    p.exp_string("...     return 7")
        .expect("the body behind its prompt");
    type_line(&mut p, "");
    next_prompt(&mut p);
    enter(&mut p, "seven() * 6", "42");
    leave(p);
}

#[test]
fn only_the_last_statement_of_an_entry_shows_its_value() {
    let home = scratch("laststmt");
    let mut p = start(&home);
    type_line(&mut p, "10 + 1; 20 + 2");
    // What the entry prints, between the editor giving the terminal back and the next
    // prompt taking it again.
    p.exp_string("\x1b[?2004l").expect("the entry ends");
    let shown = p.exp_string("\x1b[?2004h").expect("the next prompt");
    assert_eq!(shown.trim(), "22", "{shown:?}");
    p.exp_string(">>> ").expect("the prompt");
    enter(&mut p, "_", "22");
    leave(p);
}

#[test]
fn multi_line_entry_recalled_from_the_history_file_after_a_restart() {
    let home = scratch("histfile");
    let mut p = start(&home);
    type_line(&mut p, "def five():");
    type_line(&mut p, "return 5");
    type_line(&mut p, "");
    next_prompt(&mut p);
    leave(p);
    // _pyrepl's format: the entry's lines joined by \r\n; `exit` is not kept.
    let history = std::fs::read_to_string(home.join("history")).expect("history file");
    assert_eq!(history, "def five():\r\n    return 5\r\n    \n");
    let mut p = start(&home);
    // Up recalls the whole entry, drawn on two lines; Enter at its end opens a line, and
    // Enter on that blank line runs it.
    p.send(UP).expect("send up");
    p.flush().expect("flush");
    p.exp_string("...     return 5")
        .expect("the recalled entry's second line");
    type_line(&mut p, "");
    type_line(&mut p, "");
    next_prompt(&mut p);
    enter(&mut p, "five() + 1", "6");
    leave(p);
}

#[test]
fn input_reads_with_the_line_editor() {
    let home = scratch("input");
    let mut p = start(&home);
    type_line(&mut p, "input('word? ') * 2");
    p.exp_string("word? ").expect("input's prompt");
    type_line(&mut p, "ab");
    expect(&mut p, "'abab'");
    // The answer went into the history, as 3.13 keeps it: Up, Up shows the entry before.
    p.send(UP).expect("send up");
    p.send(UP).expect("send up");
    p.flush().expect("flush");
    type_line(&mut p, "");
    p.exp_string("word? ")
        .expect("the entry recalled and run again");
    type_line(&mut p, "c");
    expect(&mut p, "'cc'");
    leave(p);
}

/// A small deterministic generator (xorshift64*), so that a failing sequence of keys can be
/// replayed from its seed.
struct Keystrokes(u64);

impl Keystrokes {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }

    /// One key or sequence a terminal can send: text (wide, combining and four-byte
    /// characters too), editing and motion keys, history, completion, search, kill and yank,
    /// pastes with line breaks, escape sequences the editor does not know or that are cut
    /// short, and bytes that are not UTF-8. Left out: the keys that run the entry or leave
    /// the editor (Enter, Alt-Enter, Ctrl-C, Ctrl-D, Ctrl-Z, F1 and F2, which open help and a
    /// pager, F3, which makes Enter insert), since the point is to stay in one long edit:
    /// keys that arrive while an entry runs meet the terminal in its ordinary mode, where
    /// the line discipline, not the editor, reads them.
    fn key(&mut self) -> String {
        const TEXT: &[&str] = &[
            "a", "x", "_", " ", "(", ")", ":", ".", "'", "\"", "#", "1", "é", "中", "\u{301}",
            "😀", "import ", "print", "def f(", "    ", "\t",
        ];
        const KEYS: &[&str] = &[
            "\x7f",
            "\x08",
            "\x1b[3~",
            "\x1b[A",
            "\x1b[B",
            "\x1b[C",
            "\x1b[D",
            "\x1b[1;5C",
            "\x1b[1;5D",
            "\x1b[H",
            "\x1b[F",
            "\x1bOH",
            "\x1bOF",
            "\x1b[1~",
            "\x1b[4~",
            "\x01",
            "\x02",
            "\x05",
            "\x06",
            "\x0b",
            "\x15",
            "\x17",
            "\x19",
            "\x14",
            "\x0c",
            "\x10",
            "\x0e",
            "\x12",
            "\x13",
            "\x07",
            "\x1b\x7f",
            "\x1bb",
            "\x1bf",
            "\x1bd",
            "\x1b[99;99X",
            "\x1b[",
            "\x1bO",
            "\x1b",
            "\x1b[14~",
            "\x1b[200~",
            "\x1b[201~",
            "\u{ff}",
        ];
        match self.below(10) {
            0..=4 => self.pick(TEXT).to_string(),
            5..=8 => self.pick(KEYS).to_string(),
            // Ctrl-G first ends a search, if one is on: a key that ends a search is
            // dropped, and the paste's line break would then be an Enter.
            _ => format!(
                "\x07\x1b[200~{}\r{}\x1b[201~",
                self.pick(TEXT),
                self.pick(TEXT)
            ),
        }
    }
}

#[test]
fn random_keys_never_break_the_editor() {
    let home = scratch("randomkeys");
    for seed in [0x9e37_79b9_7f4a_7c15u64, 42, 2024] {
        let mut p = start(&home);
        enter(&mut p, "import string, os", "");
        let mut keys = Keystrokes(seed);
        for _ in 0..400 {
            let key = keys.key();
            // `\u{ff}` stands for the byte 0xFF, which is not UTF-8.
            let bytes: Vec<u8> = key
                .chars()
                .flat_map(|c| match c {
                    '\u{ff}' => vec![0xff],
                    c => c.to_string().into_bytes(),
                })
                .collect();
            p.writer.write_all(&bytes).expect("send");
        }
        p.flush().expect("flush");
        // Whatever the entry now holds, Ctrl-C drops it and a new prompt comes.
        p.send("\x03").expect("send Ctrl-C");
        p.flush().expect("flush");
        if let Err(e) = p.exp_string("KeyboardInterrupt") {
            // The error carries everything the terminal showed: its end has the panic.
            let shown = e.to_string();
            let tail: String = shown
                .chars()
                .rev()
                .take(3000)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            panic!("seed {seed}: no KeyboardInterrupt after the keys; the terminal's last output: {tail}");
        }
        next_prompt(&mut p);
        enter(&mut p, "6 * 7", "42");
        leave(p);
    }
}

#[test]
fn ctrl_c_interrupts_a_search_and_a_cut_short_escape_sequence() {
    let home = scratch("searchint");
    let mut p = start(&home);
    enter(&mut p, "11 + 1", "12");
    // Ctrl-R, then a letter of the entry: the search shows it. Ctrl-C then drops the entry,
    // as the terminal's interrupt key does at python3.13's prompt.
    p.send("\x121").expect("send");
    p.flush().expect("flush");
    p.exp_string("(r-search `1')").expect("the search prompt");
    p.send("\x03").expect("send Ctrl-C");
    p.flush().expect("flush");
    expect(&mut p, "KeyboardInterrupt");
    enter(&mut p, "5 * 5", "25");
    // An escape sequence cut short does not swallow it either: a control character ends
    // the sequence and is a key of its own.
    p.send("2 + \x1b[12\x03").expect("send");
    p.flush().expect("flush");
    expect(&mut p, "KeyboardInterrupt");
    enter(&mut p, "6 * 6", "36");
    leave(p);
}
