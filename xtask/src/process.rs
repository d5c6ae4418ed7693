//! Running a program to completion and capturing its stdout, stderr and exit status.

use std::fmt;
use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// How a program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// It exited with this code.
    Exit(i32),
    /// It was killed by this signal (Unix).
    Signal(i32),
    /// It ran longer than its time limit and was killed.
    TimedOut,
}

impl Status {
    /// Whether the program exited with status 0.
    pub(crate) fn success(self) -> bool {
        self == Status::Exit(0)
    }

    fn from_exit_status(status: ExitStatus) -> Status {
        if let Some(code) = status.code() {
            return Status::Exit(code);
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(signal) = status.signal() {
                return Status::Signal(signal);
            }
        }
        Status::Exit(-1)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Exit(code) => write!(f, "exit {code}"),
            Status::Signal(signal) => write!(f, "signal {signal}"),
            Status::TimedOut => write!(f, "timed out"),
        }
    }
}

/// Everything a run printed, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Captured {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    pub(crate) status: Status,
}

/// How long the pipes of a killed program may stay open before we stop reading them.
const GRACE: Duration = Duration::from_secs(1);

/// Runs `command` with no stdin, capturing its output; kills it after `limit` if one is given.
pub(crate) fn run(command: &mut Command, limit: Option<Duration>) -> Result<Captured> {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {command:?}"))?;
    // Both pipes are drained on their own threads, so a program that fills one of them
    // while we wait on the other cannot block; each thread reports when its pipe closes.
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        let done = done_tx.clone();
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let result = match pipe {
                Some(mut pipe) => pipe.read_to_end(&mut bytes).map(|_| bytes),
                None => Ok(bytes),
            };
            let _ = done.send(());
            result
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    drop(done_tx);

    let mut closed = 0;
    let mut timed_out = false;
    if let Some(limit) = limit {
        while closed < 2 {
            let left = limit.saturating_sub(start.elapsed());
            if done_rx.recv_timeout(left).is_err() {
                timed_out = true;
                break;
            }
            closed += 1;
        }
    }
    if timed_out {
        let _ = child.kill();
        let _ = child.wait();
        // A process it started may have inherited the pipes and keep them open: wait for them
        // a little, then leave the reading threads to finish on their own.
        while closed < 2 && done_rx.recv_timeout(GRACE).is_ok() {
            closed += 1;
        }
        let (stdout, stderr) = if closed == 2 {
            (
                join(stdout).unwrap_or_default(),
                join(stderr).unwrap_or_default(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        return Ok(Captured {
            stdout,
            stderr,
            status: Status::TimedOut,
        });
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for {command:?}"))?;
    let stdout = join(stdout).with_context(|| format!("cannot read the stdout of {command:?}"))?;
    let stderr = join(stderr).with_context(|| format!("cannot read the stderr of {command:?}"))?;
    Ok(Captured {
        stdout,
        stderr,
        status: Status::from_exit_status(status),
    })
}

fn join(reader: thread::JoinHandle<std::io::Result<Vec<u8>>>) -> std::io::Result<Vec<u8>> {
    reader
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("the reading thread panicked")))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn output_and_status_are_captured() {
        let mut command = Command::new("sh");
        command.args(["-c", "printf out; printf err >&2; exit 3"]);
        let captured = run(&mut command, Some(Duration::from_secs(30))).unwrap();
        assert_eq!(captured.stdout, b"out");
        assert_eq!(captured.stderr, b"err");
        assert_eq!(captured.status, Status::Exit(3));
    }

    #[test]
    fn a_program_over_its_limit_is_killed() {
        let mut command = Command::new("sh");
        command.args(["-c", "exec sleep 5"]);
        let captured = run(&mut command, Some(Duration::from_millis(200))).unwrap();
        assert_eq!(captured.status, Status::TimedOut);
    }

    #[test]
    fn a_killed_program_whose_child_holds_the_pipes_does_not_block() {
        let mut command = Command::new("sh");
        command.args(["-c", "printf started; sleep 5; true"]);
        let start = Instant::now();
        let captured = run(&mut command, Some(Duration::from_millis(200))).unwrap();
        assert_eq!(captured.status, Status::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(4));
    }
}
