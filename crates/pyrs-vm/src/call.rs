//! Calling functions defined in Python (CPython's `_PyEval_Vector` and `initialize_locals` in
//! Python/ceval.c): a frame on the shared stack, the arguments bound to parameters with
//! CPython's error messages, then the evaluation loop.

use pyrs_bytecode::CodeFlags;
use pyrs_objects::dict::DictData;
use pyrs_objects::{protocol, str as pystr, tuple, Args, PyErr, PyResult, Value};

use crate::code::CodeData;
use crate::frame::Frame;
use crate::function::FunctionData;

/// The `call` slot of `function`.
pub fn function_call(f: &Value, args: Args<'_>) -> PyResult<Value> {
    let fd = f
        .downcast::<FunctionData>()
        .ok_or_else(|| PyErr::system_error("call of a non-function"))?;
    call_function(f, fd, args)
}

/// Calls a Python function.
#[inline]
pub fn call_function(f: &Value, fd: &FunctionData, args: Args<'_>) -> PyResult<Value> {
    let code = fd.code_value();
    let cd = code
        .downcast::<CodeData>()
        .ok_or_else(|| PyErr::system_error("function without code"))?;
    let generator = cd.is_generator_like;
    let mut frame = Frame::new(
        code.clone(),
        Some(f.clone()),
        fd.globals.clone(),
        fd.builtins.clone(),
        None,
        generator,
    )?;
    bind_arguments(&mut frame, fd, cd, args)?;
    if generator {
        return crate::generator::new_generator(frame, f, fd);
    }
    crate::eval::run(&mut frame)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn qualname(fd: &FunctionData) -> String {
    pystr::text_of(&fd.qualname.borrow()).unwrap_or_default()
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: how CPython lists missing arguments.
fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn local_name(cd: &CodeData, i: usize) -> String {
    pystr::text_of(&cd.localsplus[i]).unwrap_or_default()
}

/// Binds `args` to the parameters of `fd` in `frame`'s fast locals.
pub fn bind_arguments(
    frame: &mut Frame,
    fd: &FunctionData,
    cd: &CodeData,
    args: Args<'_>,
) -> PyResult<()> {
    let co = &cd.code;
    let argcount = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let total = argcount + kwonly;
    let has_varargs = co.flags.contains(CodeFlags::VARARGS);
    let has_varkw = co.flags.contains(CodeFlags::VARKEYWORDS);
    let pos = args.pos();

    // The common case: exactly the positional parameters, no keywords.
    if !args.has_kwargs() && pos.len() == argcount && !has_varargs && !has_varkw && kwonly == 0 {
        for (i, v) in pos.iter().enumerate() {
            frame.set_local(i, Some(v.clone()));
        }
        return Ok(());
    }

    let kwdict = if has_varkw {
        let d = pyrs_objects::dict::new();
        frame.set_local(total + has_varargs as usize, Some(d.clone()));
        Some(d)
    } else {
        None
    };
    let n = pos.len().min(argcount);
    for (i, v) in pos[..n].iter().enumerate() {
        frame.set_local(i, Some(v.clone()));
    }
    if has_varargs {
        let rest = if pos.len() > n {
            tuple::new(pos[n..].to_vec())
        } else {
            tuple::empty()
        };
        frame.set_local(total, Some(rest));
    }
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (name, value) in args.kwargs() {
        if name.downcast::<pystr::StrData>().is_none() {
            return Err(PyErr::type_error(format!(
                "{}() keywords must be strings",
                qualname(fd)
            )));
        }
        let mut found = None;
        for j in 0..total {
            if cd.localsplus[j].is(name) {
                found = Some(j);
                break;
            }
        }
        if found.is_none() {
            for j in 0..total {
                if protocol::eq(&cd.localsplus[j], name)? {
                    found = Some(j);
                    break;
                }
            }
        }
        match found {
            Some(j) if j >= posonly => {
                if frame.local(j).is_some() {
                    return Err(PyErr::type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        qualname(fd),
                        local_name(cd, j)
                    )));
                }
                frame.set_local(j, Some(value.clone()));
            }
            other => {
                if let Some(d) = &kwdict {
                    d.downcast::<DictData>()
                        .expect("dict")
                        .set_item(name.clone(), value.clone())?;
                } else if let Some(j) = other {
                    posonly_as_kw.push(local_name(cd, j));
                } else {
                    let key = pystr::text_of(name).unwrap_or_default();
                    let mut msg = format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        qualname(fd)
                    );
                    let candidates: Vec<String> =
                        (posonly..total).map(|j| local_name(cd, j)).collect();
                    if let Some(s) =
                        crate::suggest::best_match(&key, candidates.iter().map(String::as_str))
                    {
                        msg.push_str(&format!(". Did you mean '{s}'?"));
                    }
                    return Err(PyErr::type_error(msg));
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(fd),
            posonly_as_kw.join(", ")
        )));
    }
    let defaults = fd.defaults.borrow().clone();
    let defaults: &[Value] = defaults
        .as_ref()
        .and_then(|d| tuple::items_of(d))
        .unwrap_or(&[]);
    if pos.len() > argcount && !has_varargs {
        let kwonly_given = (argcount..total)
            .filter(|&j| frame.local(j).is_some())
            .count();
        let (sig, plural_sig) = if !defaults.is_empty() {
            (
                format!("from {} to {argcount}", argcount - defaults.len()),
                true,
            )
        } else {
            (argcount.to_string(), argcount != 1)
        };
        let given = pos.len();
        let kw_part = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                plural(given),
                plural(kwonly_given)
            )
        } else {
            String::new()
        };
        return Err(PyErr::type_error(format!(
            "{}() takes {sig} positional argument{} but {given}{kw_part} {} given",
            qualname(fd),
            if plural_sig { "s" } else { "" },
            if given == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            }
        )));
    }
    if pos.len() < argcount {
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing = Vec::new();
        for i in pos.len()..argcount {
            if frame.local(i).is_none() {
                if i >= first_default {
                    frame.set_local(i, Some(defaults[i - first_default].clone()));
                } else {
                    missing.push(local_name(cd, i));
                }
            }
        }
        if !missing.is_empty() {
            return Err(PyErr::type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                qualname(fd),
                missing.len(),
                plural(missing.len()),
                name_list(&missing)
            )));
        }
    }
    if kwonly > 0 {
        let kwdefaults = fd.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for i in argcount..total {
            if frame.local(i).is_some() {
                continue;
            }
            let default = match &kwdefaults {
                Some(d) => d
                    .downcast::<DictData>()
                    .and_then(|d| d.get_str(&cd.localsplus[i])),
                None => None,
            };
            match default {
                Some(v) => {
                    frame.set_local(i, Some(v));
                }
                None => missing.push(local_name(cd, i)),
            }
        }
        if !missing.is_empty() {
            return Err(PyErr::type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qualname(fd),
                missing.len(),
                plural(missing.len()),
                name_list(&missing)
            )));
        }
    }
    Ok(())
}

/// Calls any object with the values on a frame's stack (`args` positional then keyword
/// values) — the generic path of `CALL`.
#[inline]
pub fn call_value(callable: &Value, args: Args<'_>) -> PyResult<Value> {
    if let Some(fd) = callable.downcast::<FunctionData>() {
        return call_function(callable, fd, args);
    }
    protocol::call(callable, args)
}
