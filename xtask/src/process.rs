//! Running a program to completion and capturing its stdout, stderr and exit status.

use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result};

/// How a program ended: the corpus's type, shared by every task that runs programs.
pub(crate) use crate::programs::corpus::Status;

/// Everything a run printed, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Captured {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    pub(crate) status: Status,
}

/// Runs `command` with no stdin, capturing its output; kills it after `limit` if one is given.
/// The waiting is the corpus's ([`crate::programs::corpus::wait_with_limit`]): both pipes
/// drained on their own threads, and a killed program's output given up when a process it
/// started keeps the pipes open.
pub(crate) fn run(command: &mut Command, limit: Option<Duration>) -> Result<Captured> {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {command:?}"))?;
    let (stdout, stderr, status) =
        crate::programs::corpus::wait_with_limit(child, limit.unwrap_or(Duration::MAX), None)
            .with_context(|| format!("cannot wait for {command:?}"))?;
    Ok(Captured {
        stdout,
        stderr,
        status,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::Instant;

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
