//! `_posixsubprocess` (CPython's Modules/_posixsubprocess.c): `fork_exec`, the fork and
//! exec under `subprocess.Popen` on POSIX.
//!
//! Everything the child needs (argv, environment, executable paths, cwd) is converted in
//! the parent, so that between `fork()` and `exec()` the child only makes system calls
//! (plus `preexec_fn`, which runs Python code in the child as CPython does). Failures in
//! the child are reported through `errpipe_write` in the format subprocess.py parses:
//! `OSError:<hex errno>:` (followed by `noexec` when the failure came before exec), or
//! `SubprocessError:0:<message>`. pyrs always forks (never `vfork`).

use std::ffi::CString;

use pyrs_objects::args::Args;
use pyrs_objects::bytes::BytesData;
use pyrs_objects::native::NativeFn;
use pyrs_objects::str::StrData;
use pyrs_objects::{int, protocol, PyErr, PyResult, Value};

use crate::argconv::{add_functions, index_arg, last_errno, os_error, type_name};

/// Makes the `_posixsubprocess` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_posixsubprocess");
    let functions: &[(&'static str, NativeFn)] = &[("fork_exec", fork_exec)];
    add_functions(&module, functions);
    Ok(module)
}

/// `PyUnicode_FSConverter`: str (UTF-8 with surrogateescape), bytes or a path-like object
/// to a C string.
fn fs_converter(v: &Value) -> PyResult<CString> {
    let path = if v.downcast::<StrData>().is_some() || v.downcast::<BytesData>().is_some() {
        v.clone()
    } else {
        match protocol::lookup_special(v, "__fspath__")? {
            Some(f) => protocol::call1(&f, &[])?,
            None => {
                return Err(PyErr::type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    type_name(v)
                )))
            }
        }
    };
    let bytes = if let Some(d) = path.downcast::<StrData>() {
        pyrs_objects::codecs::encode(&path, d, Some("utf-8"), Some("surrogateescape"))?
    } else if let Some(b) = path.downcast::<BytesData>() {
        b.as_bytes().to_vec()
    } else {
        return Err(PyErr::type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            type_name(v),
            type_name(&path)
        )));
    };
    CString::new(bytes).map_err(|_| PyErr::value_error("embedded null byte"))
}

/// A sequence of bytes-like items to C strings (CPython's `_PySequence_BytesToCharpArray`).
fn bytes_array(seq: &Value) -> PyResult<Vec<CString>> {
    let mut out = Vec::new();
    for item in protocol::collect(seq)? {
        let b = pyrs_objects::bytes::as_bytes_like(&item).ok_or_else(|| {
            PyErr::type_error(format!("expected bytes, {} found", type_name(&item)))
        })?;
        out.push(CString::new(b).map_err(|_| PyErr::value_error("embedded null byte"))?);
    }
    Ok(out)
}

/// A NULL-terminated array of pointers into `strings`.
fn pointers(strings: &[CString]) -> Vec<*const libc::c_char> {
    strings
        .iter()
        .map(|s| s.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
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

/// A user or group id argument (an int that fits `uid_t`).
fn id_arg(v: &Value, what: &str) -> PyResult<u32> {
    let n = index_arg(v)?;
    u32::try_from(n).map_err(|_| PyErr::overflow_error(format!("{what} is greater than maximum")))
}

/// What the child does, prepared by the parent.
struct ChildPlan {
    exec_array: Vec<*const libc::c_char>,
    argv: Vec<*const libc::c_char>,
    envp: Option<Vec<*const libc::c_char>>,
    cwd: Option<CString>,
    fds: [i32; 8],
    close_fds: bool,
    fds_to_keep: Vec<i32>,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: i32,
    gid: Option<u32>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<u32>,
    child_umask: i32,
    preexec_fn: Option<Value>,
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite,
/// c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
/// call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn,
/// allow_vfork)`: returns the child's pid.
fn fork_exec(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("fork_exec")?;
    let a = args.pos();
    if a.len() != 23 {
        return Err(PyErr::type_error(format!(
            "fork_exec() takes exactly 23 arguments ({} given)",
            a.len()
        )));
    }
    let close_fds = protocol::is_true(&a[2])?;
    let Some(keep) = pyrs_objects::tuple::items_of(&a[3]) else {
        return Err(PyErr::type_error(format!(
            "fork_exec() argument 4 must be tuple, not {}",
            type_name(&a[3])
        )));
    };
    let mut fds = [0i32; 8];
    for (i, v) in a[6..14].iter().enumerate() {
        fds[i] = c_int(v)?;
    }
    let errpipe_write = fds[7];
    if close_fds && errpipe_write < 3 {
        return Err(PyErr::value_error("errpipe_write must be >= 3"));
    }
    let mut fds_to_keep = Vec::with_capacity(keep.len());
    let mut prev = -1i64;
    for v in keep {
        let fd = match int::as_i64(v) {
            Some(fd) if int::as_int(v).is_some() && fd > prev && fd <= i32::MAX as i64 => fd,
            _ => return Err(PyErr::value_error("bad value(s) in fds_to_keep")),
        };
        prev = fd;
        fds_to_keep.push(fd as i32);
    }
    let exec_strings = bytes_array(&a[1])?;
    let arg_strings = if protocol::is_none(&a[0]) {
        Vec::new()
    } else {
        let items =
            protocol::collect(&a[0]).map_err(|_| PyErr::type_error("argv must be a tuple"))?;
        items
            .iter()
            .map(fs_converter)
            .collect::<PyResult<Vec<_>>>()?
    };
    let env_strings = if protocol::is_none(&a[5]) {
        None
    } else {
        Some(bytes_array(&a[5])?)
    };
    let cwd = if protocol::is_none(&a[4]) {
        None
    } else {
        Some(fs_converter(&a[4])?)
    };
    let restore_signals = protocol::is_true(&a[14])?;
    let call_setsid = protocol::is_true(&a[15])?;
    let pgid_to_set = c_int(&a[16])?;
    let gid = if protocol::is_none(&a[17]) {
        None
    } else {
        Some(id_arg(&a[17], "gid")?)
    };
    let groups = if protocol::is_none(&a[18]) {
        None
    } else {
        if a[18].downcast::<pyrs_objects::list::ListData>().is_none() {
            return Err(PyErr::type_error("setgroups argument must be a list"));
        }
        let mut groups = Vec::new();
        for g in protocol::collect(&a[18])? {
            if int::as_int(&g).is_none() {
                return Err(PyErr::type_error("groups must be integers"));
            }
            groups.push(id_arg(&g, "gid").map_err(|_| PyErr::value_error("invalid group id"))?);
        }
        Some(groups)
    };
    let uid = if protocol::is_none(&a[19]) {
        None
    } else {
        Some(id_arg(&a[19], "uid")?)
    };
    let child_umask = c_int(&a[20])?;
    let preexec_fn = (!protocol::is_none(&a[21])).then(|| a[21].clone());
    let plan = ChildPlan {
        exec_array: pointers(&exec_strings),
        argv: pointers(&arg_strings),
        envp: env_strings.as_deref().map(pointers),
        cwd,
        fds,
        close_fds,
        fds_to_keep,
        restore_signals,
        call_setsid,
        pgid_to_set,
        gid,
        groups,
        uid,
        child_umask,
        preexec_fn,
    };
    // SAFETY: fork in a process that runs Python on one thread; the child only makes system
    // calls on data prepared above (and runs preexec_fn, as the caller asked) before exec or
    // _exit.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    if pid == 0 {
        child_exec(&plan);
        // SAFETY: leaving the child without running the parent's exit handlers.
        unsafe { libc::_exit(255) };
    }
    Ok(int::from_i64(pid as i64))
}

/// `errno` of the calling thread.
fn errno() -> i32 {
    // SAFETY: reading the thread's errno.
    unsafe { *libc::__errno_location() }
}

fn set_errno(value: i32) {
    // SAFETY: writing the thread's errno.
    unsafe { *libc::__errno_location() = value };
}

fn write_all(fd: i32, data: &[u8]) {
    let mut rest = data;
    while !rest.is_empty() {
        // SAFETY: rest is a valid buffer.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return;
        }
        rest = &rest[n as usize..];
    }
}

fn set_inheritable(fd: i32, inheritable: bool) -> bool {
    // SAFETY: fcntl with integer arguments.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFD);
        if flags < 0 {
            return false;
        }
        let new = if inheritable {
            flags & !libc::FD_CLOEXEC
        } else {
            flags | libc::FD_CLOEXEC
        };
        new == flags || libc::fcntl(fd, libc::F_SETFD, new) == 0
    }
}

/// Closes every descriptor from 3 up that is not in `keep` (sorted).
fn close_open_fds(keep: &[i32]) {
    let mut start: u32 = 3;
    for &fd in keep.iter().filter(|fd| **fd >= 3) {
        let fd = fd as u32;
        if fd > start {
            close_range(start, fd - 1);
        }
        start = fd + 1;
    }
    close_range(start, u32::MAX);
}

fn close_range(first: u32, last: u32) {
    // SAFETY: the close_range system call with integer arguments.
    let r = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) };
    if r == 0 {
        return;
    }
    // Older kernels: close one by one up to the descriptor limit.
    // SAFETY: plain system calls.
    let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    let max = if max > 0 { max as u32 } else { 256 };
    for fd in first..=last.min(max) {
        unsafe { libc::close(fd as i32) };
    }
}

/// The child's side: descriptors, cwd, ids, preexec_fn, then exec. Returns only on failure,
/// after writing the error to the error pipe.
fn child_exec(p: &ChildPlan) {
    let [p2cread, p2cwrite, c2pread, mut c2pwrite, errread, mut errwrite, _, errpipe_write] = p.fds;
    let mut reached_preexec = false;
    let mut err_msg: &[u8] = b"";
    // SAFETY (whole block): system calls on descriptors and data prepared by the parent.
    let failed = unsafe {
        'steps: {
            for &fd in &p.fds_to_keep {
                if fd != errpipe_write && !set_inheritable(fd, true) {
                    break 'steps true;
                }
            }
            for fd in [p2cwrite, c2pread, errread] {
                if fd != -1 {
                    libc::close(fd);
                }
            }
            if c2pwrite == 0 {
                c2pwrite = libc::dup(c2pwrite);
                if c2pwrite < 0 || !set_inheritable(c2pwrite, false) {
                    break 'steps true;
                }
            }
            while errwrite == 0 || errwrite == 1 {
                errwrite = libc::dup(errwrite);
                if errwrite < 0 || !set_inheritable(errwrite, false) {
                    break 'steps true;
                }
            }
            for (fd, target) in [(p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
                if fd == target {
                    if !set_inheritable(fd, true) {
                        break 'steps true;
                    }
                } else if fd != -1 && libc::dup2(fd, target) < 0 {
                    break 'steps true;
                }
            }
            if let Some(cwd) = &p.cwd {
                if libc::chdir(cwd.as_ptr()) < 0 {
                    break 'steps true;
                }
            }
            if p.child_umask >= 0 {
                libc::umask(p.child_umask as libc::mode_t);
            }
            if p.restore_signals {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            }
            if p.call_setsid && libc::setsid() < 0 {
                break 'steps true;
            }
            if p.pgid_to_set >= 0 && libc::setpgid(0, p.pgid_to_set) < 0 {
                break 'steps true;
            }
            if let Some(groups) = &p.groups {
                if libc::setgroups(groups.len(), groups.as_ptr()) < 0 {
                    break 'steps true;
                }
            }
            if let Some(gid) = p.gid {
                if libc::setregid(gid, gid) < 0 {
                    break 'steps true;
                }
            }
            if let Some(uid) = p.uid {
                if libc::setreuid(uid, uid) < 0 {
                    break 'steps true;
                }
            }
            reached_preexec = true;
            if let Some(f) = &p.preexec_fn {
                if protocol::call1(f, &[]).is_err() {
                    err_msg = b"Exception occurred in preexec_fn.";
                    set_errno(0);
                    break 'steps true;
                }
            }
            if p.close_fds {
                close_open_fds(&p.fds_to_keep);
            }
            let mut saved = 0;
            for &exe in &p.exec_array[..p.exec_array.len() - 1] {
                match &p.envp {
                    Some(envp) => libc::execve(exe, p.argv.as_ptr(), envp.as_ptr()),
                    None => libc::execv(exe, p.argv.as_ptr()),
                };
                let e = errno();
                if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                    saved = e;
                }
            }
            if saved != 0 {
                set_errno(saved);
            }
            true
        }
    };
    if !failed {
        return;
    }
    let saved = errno();
    if saved != 0 {
        write_all(errpipe_write, b"OSError:");
        let mut hex = [0u8; 8];
        let mut i = hex.len();
        let mut n = saved as u32;
        while n != 0 && i > 0 {
            i -= 1;
            hex[i] = b"0123456789abcdef"[(n % 16) as usize];
            n /= 16;
        }
        write_all(errpipe_write, &hex[i..]);
        write_all(errpipe_write, b":");
        if !reached_preexec {
            write_all(errpipe_write, b"noexec");
        }
    } else {
        write_all(errpipe_write, b"SubprocessError:0:");
        write_all(errpipe_write, err_msg);
    }
}
