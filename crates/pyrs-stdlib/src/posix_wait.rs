//! The child-process part of `posix` (CPython's Modules/posixmodule.c): `waitpid`, `wait`
//! and the macros that take a wait status apart (`WIFEXITED`, `WEXITSTATUS`…), which
//! `subprocess` reads at import.

use pyrs_objects::args::Args;
use pyrs_objects::native::NativeFn;
use pyrs_objects::{int, tuple, PyErr, PyResult, Value};

use crate::argconv::{add_functions, index_arg, last_errno, module_dict, os_error};

/// Adds the wait functions and constants to the `posix` module.
pub(crate) fn add(module: &Value) {
    let functions: &[(&'static str, NativeFn)] = &[
        ("waitpid", waitpid),
        ("wait", wait),
        ("WIFEXITED", wifexited),
        ("WEXITSTATUS", wexitstatus),
        ("WIFSIGNALED", wifsignaled),
        ("WTERMSIG", wtermsig),
        ("WIFSTOPPED", wifstopped),
        ("WSTOPSIG", wstopsig),
        ("WIFCONTINUED", wifcontinued),
        ("WCOREDUMP", wcoredump),
    ];
    add_functions(module, functions);
    let d = module_dict(module);
    for (name, value) in [
        ("WNOHANG", libc::WNOHANG),
        ("WUNTRACED", libc::WUNTRACED),
        ("WCONTINUED", libc::WCONTINUED),
    ] {
        d.set_str(name, int::from_i64(value as i64));
    }
}

fn c_int(v: &Value) -> PyResult<i32> {
    let n = index_arg(v)?;
    i32::try_from(n).map_err(|_| {
        PyErr::overflow_error(if n < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

/// `waitpid(pid, options)`: `(pid, status)`; retried after signals.
fn waitpid(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("waitpid", 2, 2)?;
    let pid = c_int(&a[0])?;
    let options = c_int(&a[1])?;
    let mut status = 0;
    loop {
        // SAFETY: status is a valid int to fill.
        let r = unsafe { libc::waitpid(pid, &mut status, options) };
        if r >= 0 {
            return Ok(tuple::new(vec![
                int::from_i64(r as i64),
                int::from_i64(status as i64),
            ]));
        }
        let errno = last_errno();
        if errno != libc::EINTR {
            return Err(os_error(errno, None, None));
        }
        pyrs_vm::signals::check()?;
    }
}

/// `wait()`: `(pid, status)` of any child.
fn wait(args: Args<'_>) -> PyResult<Value> {
    args.exact("wait", 0, 0)?;
    let mut status = 0;
    loop {
        // SAFETY: status is a valid int to fill.
        let r = unsafe { libc::wait(&mut status) };
        if r >= 0 {
            return Ok(tuple::new(vec![
                int::from_i64(r as i64),
                int::from_i64(status as i64),
            ]));
        }
        let errno = last_errno();
        if errno != libc::EINTR {
            return Err(os_error(errno, None, None));
        }
        pyrs_vm::signals::check()?;
    }
}

/// The `status` argument of the W* macros.
fn status_arg(args: &Args<'_>, name: &str) -> PyResult<i32> {
    let [status] = args.bind(name, ["status"], 1, 1, 1)?;
    c_int(&status.unwrap_or_else(pyrs_objects::none))
}

fn wifexited(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(libc::WIFEXITED(status_arg(
        &args,
        "WIFEXITED",
    )?)))
}

fn wexitstatus(args: Args<'_>) -> PyResult<Value> {
    Ok(int::from_i64(
        libc::WEXITSTATUS(status_arg(&args, "WEXITSTATUS")?) as i64,
    ))
}

fn wifsignaled(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(libc::WIFSIGNALED(status_arg(
        &args,
        "WIFSIGNALED",
    )?)))
}

fn wtermsig(args: Args<'_>) -> PyResult<Value> {
    Ok(int::from_i64(
        libc::WTERMSIG(status_arg(&args, "WTERMSIG")?) as i64,
    ))
}

fn wifstopped(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(libc::WIFSTOPPED(status_arg(
        &args,
        "WIFSTOPPED",
    )?)))
}

fn wstopsig(args: Args<'_>) -> PyResult<Value> {
    Ok(int::from_i64(
        libc::WSTOPSIG(status_arg(&args, "WSTOPSIG")?) as i64,
    ))
}

fn wifcontinued(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(libc::WIFCONTINUED(status_arg(
        &args,
        "WIFCONTINUED",
    )?)))
}

fn wcoredump(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(libc::WCOREDUMP(status_arg(
        &args,
        "WCOREDUMP",
    )?)))
}
