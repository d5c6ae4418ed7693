//! The command line and the environment, read as `python3.13` reads them (CPython's
//! Python/getopt.c, Python/initconfig.c and Python/preconfig.c): options, their errors and
//! usage text, and the PYTHON* variables that stand for options.

use pyrs_objects::pyhash::HashSeed;
use std::ffi::OsString;

/// The options `python3.13 -h` lists, in getopt's notation: a letter followed by `:` takes
/// an argument.
const SHORT_OPTS: &str = "bBc:dEhiIJm:OPqRsStuvVW:xX:?";

/// The first lines of `--help`, after the usage line.
const HELP: &str = include_str!("help/usage.txt");
/// `--help-env`.
const HELP_ENV: &str = include_str!("help/envvars.txt");
/// `--help-xoptions`.
const HELP_XOPTIONS: &str = include_str!("help/xoptions.txt");

/// What pyrs adds to `--help`: the pipeline stage dumps.
const HELP_PYRS: &str = "\
pyrs only:
--dump tokens|ast|symtable|bytecode FILE: print what one stage of the pipeline
         makes of FILE (- for standard input) and exit: tokens as
         `python -m tokenize`, ast as `python -m ast -a`, symtable as
         `python -m symtable`, bytecode as `python -m dis`
";

/// What runs as `__main__`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `-c CMD`.
    Command(String),
    /// `-m MOD`.
    Module(String),
    /// A script file, a directory or a zip file holding `__main__.py`.
    File(String),
    /// Standard input: `-`, or nothing at all (the REPL on a terminal).
    Stdin,
}

/// Everything the command line and the environment decided.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub(crate) target: Target,
    /// `sys.argv`.
    pub(crate) argv: Vec<String>,
    /// `sys.orig_argv`.
    pub(crate) orig_argv: Vec<String>,
    pub(crate) flags: pyrs_vm::sys::Flags,
    pub(crate) warnoptions: Vec<String>,
    pub(crate) xoptions: Vec<(String, Option<String>)>,
    pub(crate) unbuffered: bool,
    /// `-x`: the first line of the script is skipped.
    pub(crate) skip_first_line: bool,
    /// PYTHONPATH's entries, made absolute.
    pub(crate) python_path: Vec<String>,
    /// PYTHONSTARTUP, for the interactive prompt.
    pub(crate) startup: Option<String>,
    /// `-X int_max_str_digits` or PYTHONINTMAXSTRDIGITS.
    pub(crate) int_max_str_digits: Option<usize>,
    /// PYTHONHASHSEED: what keys the hash of `str` and `bytes`.
    pub(crate) hash_seed: HashSeed,
    /// The standard streams' encoding and (for stdin and stdout) error handler:
    /// PYTHONIOENCODING's `encoding[:errors]`, else what UTF-8 mode or the locale gives.
    pub(crate) stdio_encoding: String,
    pub(crate) stdio_errors: String,
    /// `-X faulthandler`, PYTHONFAULTHANDLER or `-X dev`: faulthandler enabled at start-up.
    pub(crate) faulthandler: bool,
    /// `-X tracemalloc[=N]` or PYTHONTRACEMALLOC: tracemalloc started at start-up with N
    /// frames (0: not started).
    pub(crate) tracemalloc: usize,
}

/// How reading the command line ended when it does not run a program.
#[derive(Debug)]
pub(crate) enum Exit {
    /// Print this on standard output, exit 0 (`-h`, `-V`, `--help-env`…).
    Print(String),
    /// Print this on standard error, exit 2 (a usage error).
    Usage(String),
    /// Print this on standard error, exit 1 (CPython's "Fatal Python error" at startup).
    Fatal(String),
}

/// The usage line, with the program name as it was invoked.
fn usage_line(program: &str) -> String {
    format!("usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n")
}

/// CPython's `config_usage(1, program)`: the message, the usage line, a hint.
fn usage_error(message: &str, program: &str) -> Exit {
    Exit::Usage(format!(
        "{message}{}Try `python -h' for more information.\n",
        usage_line(program)
    ))
}

fn help(program: &str) -> String {
    format!("{}{HELP}\n{HELP_PYRS}", usage_line(program))
}

/// A fatal error at startup, as CPython words it.
fn fatal(function: &str, message: &str, state: &str) -> Exit {
    let function = if function.is_empty() {
        String::new()
    } else {
        format!("{function}: ")
    };
    Exit::Fatal(format!(
        "Fatal Python error: {function}{message}\nPython runtime state: {state}\n\n"
    ))
}

/// The value of an environment variable that stands for an option, unless `-E`/`-I` ignore
/// them; empty values count as unset, as in CPython.
fn env(name: &str, use_environment: bool) -> Option<String> {
    if !use_environment {
        return None;
    }
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The integer value of a PYTHON* variable (CPython's `_Py_GetEnv` with `atoi`): a positive
/// number counts as that level, anything else set as 1.
fn env_level(name: &str, use_environment: bool) -> u32 {
    match env(name, use_environment) {
        Some(v) => v.trim().parse::<u32>().map_or(1, |n| n.max(1)),
        None => 0,
    }
}

/// The LC_CTYPE locale's name, as `setlocale(LC_CTYPE, NULL)` gives it.
fn ctype_locale() -> String {
    // SAFETY: querying the locale returns a string owned by the C library, copied at once.
    unsafe {
        let name = libc::setlocale(libc::LC_CTYPE, std::ptr::null());
        if name.is_null() {
            return String::new();
        }
        std::ffi::CStr::from_ptr(name)
            .to_string_lossy()
            .into_owned()
    }
}

/// Sets the LC_CTYPE (or every) locale category from the environment: `setlocale(category, "")`.
fn set_locale_from_env(category: libc::c_int) {
    // SAFETY: called while the process has one thread; the string is a C literal.
    unsafe {
        libc::setlocale(category, c"".as_ptr());
    }
}

/// The locales CPython coerces the C locale to (PEP 538), in its order.
const COERCION_TARGETS: [&str; 3] = ["C.UTF-8", "C.utf8", "UTF-8"];

/// What the LC_CTYPE locale decides at start-up, as CPython's pre-configuration decides it
/// (Python/preconfig.c, and `_Py_CoerceLegacyLocale` in Python/pylifecycle.c).
struct LocaleConfig {
    /// The locale from the environment was "C" or "POSIX", which turns UTF-8 mode on unless
    /// `-X utf8` or PYTHONUTF8 says otherwise (PEP 540).
    legacy: bool,
    /// PYTHONCOERCECLOCALE=warn: the coercion (or its absence) is reported on stderr.
    warn: bool,
    /// The locale the C locale was coerced to.
    coerced: Option<&'static str>,
}

/// Sets the LC_CTYPE locale from the environment, then, as PEP 538 asks, coerces the legacy
/// C locale to a UTF-8 one (setting LC_CTYPE in the environment, so child processes inherit
/// it) unless LC_ALL is set or PYTHONCOERCECLOCALE=0.
fn configure_locale(use_environment: bool) -> LocaleConfig {
    set_locale_from_env(libc::LC_CTYPE);
    let initial = ctype_locale();
    let legacy = initial == "C" || initial == "POSIX";
    let coerce = env("PYTHONCOERCECLOCALE", use_environment);
    let warn = coerce.as_deref() == Some("warn");
    let lc_all_set = std::env::var_os("LC_ALL").is_some_and(|v| !v.is_empty());
    if coerce.as_deref() != Some("0") && !lc_all_set && initial == "C" {
        for target in COERCION_TARGETS {
            let name = std::ffi::CString::new(target).unwrap_or_default();
            // SAFETY: single-threaded start-up; the locale name is a valid C string, and
            // nl_langinfo's result is read before any other locale call.
            let usable = unsafe {
                !libc::setlocale(libc::LC_CTYPE, name.as_ptr()).is_null()
                    && !libc::nl_langinfo(libc::CODESET).is_null()
                    && *libc::nl_langinfo(libc::CODESET) != 0
            };
            if usable {
                set_locale_from_env(libc::LC_ALL);
                std::env::set_var("LC_CTYPE", target);
                set_locale_from_env(libc::LC_ALL);
                return LocaleConfig {
                    legacy,
                    warn,
                    coerced: Some(target),
                };
            }
            set_locale_from_env(libc::LC_CTYPE);
        }
        // SAFETY: as above.
        unsafe {
            let name = std::ffi::CString::new(initial).unwrap_or_default();
            libc::setlocale(libc::LC_CTYPE, name.as_ptr());
        }
    }
    LocaleConfig {
        legacy,
        warn,
        coerced: None,
    }
}

/// The locale's encoding (`nl_langinfo(CODESET)`, UTF-8 when it is empty), as CPython's
/// `_Py_GetLocaleEncoding` reads it outside UTF-8 mode.
fn locale_encoding() -> String {
    // SAFETY: nl_langinfo returns a string owned by the C library, copied at once.
    let codeset = unsafe {
        let p = libc::nl_langinfo(libc::CODESET);
        if p.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    };
    if codeset.is_empty() {
        "utf-8".to_string()
    } else {
        codeset
    }
}

/// The standard streams' encoding and error handler (CPython's `config_init_stdio_encoding`):
/// PYTHONIOENCODING's parts where given (an encoding without an error handler means
/// `strict`); else UTF-8 in UTF-8 mode or the locale's encoding, with `surrogateescape` in
/// UTF-8 mode, in the C and POSIX locales and in the UTF-8 locales the C locale is coerced
/// to, `strict` otherwise (`config_get_stdio_errors`).
fn stdio_encoding(pythonioencoding: Option<&str>, utf8_mode: bool) -> (String, String) {
    let (mut encoding, mut errors) = (None, None);
    if let Some(value) = pythonioencoding {
        let (enc, errs) = match value.split_once(':') {
            Some((enc, errs)) => (enc, Some(errs).filter(|e| !e.is_empty())),
            None => (value, None),
        };
        if !enc.is_empty() {
            encoding = Some(enc.to_string());
            errors = Some(errs.unwrap_or("strict").to_string());
        } else if let Some(errs) = errs {
            errors = Some(errs.to_string());
        }
    }
    let encoding = encoding.unwrap_or_else(|| {
        if utf8_mode {
            "utf-8".to_string()
        } else {
            locale_encoding()
        }
    });
    let errors = errors.unwrap_or_else(|| {
        let locale = ctype_locale();
        let lenient = utf8_mode
            || locale == "C"
            || locale == "POSIX"
            || COERCION_TARGETS.contains(&locale.as_str());
        if lenient { "surrogateescape" } else { "strict" }.to_string()
    });
    (encoding, errors)
}

/// CPython's warnings under PYTHONCOERCECLOCALE=warn, printed when the interpreter starts:
/// the locale coerced, or the C locale kept (`_emit_stderr_warning_for_legacy_locale`).
fn warn_about_locale(locale: &LocaleConfig) {
    if !locale.warn {
        return;
    }
    if let Some(target) = locale.coerced {
        eprintln!(
            "Python detected LC_CTYPE=C: LC_CTYPE coerced to {target} (set another locale or PYTHONCOERCECLOCALE=0 to disable this locale coercion behavior)."
        );
    } else if ctype_locale() == "C" {
        eprintln!(
            "Python runtime initialized with LC_CTYPE=C (a locale with default ASCII encoding), which may cause Unicode compatibility problems. Using C.UTF-8, C.utf8, or UTF-8 (if available) as alternative Unicode-compatible locales is recommended."
        );
    }
}

/// Reads the command line (`args[0]` is the program name) and the environment.
pub(crate) fn parse(args: &[OsString]) -> Result<Options, Exit> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let program = args.first().cloned().unwrap_or_else(|| "pyrs".into());
    let mut flags = pyrs_vm::sys::Flags {
        dont_write_bytecode: 0,
        no_user_site: 0,
        ..Default::default()
    };
    let mut target = None;
    let mut warn_cmdline = Vec::new();
    let mut xoptions: Vec<(String, Option<String>)> = Vec::new();
    let mut print_version = 0;
    let mut unbuffered = false;
    let mut skip_first_line = false;
    let mut optimize = 0;
    let mut verbose = 0;
    let mut ignore_environment = false;
    let mut isolated = false;
    let mut no_user_site = false;
    let mut dont_write_bytecode = false;
    let mut safe_path = false;

    // CPython's _PyOS_GetOpt, one option letter at a time.
    let mut index = 1;
    let mut rest = String::new();
    loop {
        if rest.is_empty() {
            let Some(arg) = args.get(index) else { break };
            if !arg.starts_with('-') || arg == "-" {
                break;
            }
            if arg == "--" {
                index += 1;
                break;
            }
            index += 1;
            if arg == "--help" {
                return Err(Exit::Print(help(&program)));
            }
            if arg == "--version" {
                print_version += 1;
                continue;
            }
            if let Some(long) = arg.strip_prefix("--") {
                match long {
                    "help-all" => {
                        return Err(Exit::Print(format!(
                            "{}{HELP}\n{HELP_ENV}\n{HELP_XOPTIONS}",
                            usage_line(&program)
                        )))
                    }
                    "help-env" => return Err(Exit::Print(HELP_ENV.to_string())),
                    "help-xoptions" => return Err(Exit::Print(HELP_XOPTIONS.to_string())),
                    "check-hash-based-pycs" => {
                        let Some(value) = args.get(index) else {
                            return Err(usage_error(
                                &format!("Argument expected for the {arg} options\n"),
                                &program,
                            ));
                        };
                        index += 1;
                        if !["always", "never", "default"].contains(&value.as_str()) {
                            return Err(usage_error(
                                "--check-hash-based-pycs must be one of 'default', 'always', or 'never'\n",
                                &program,
                            ));
                        }
                        continue;
                    }
                    _ => {
                        return Err(usage_error(&format!("unknown option {arg}\n"), &program));
                    }
                }
            }
            rest = arg[1..].to_string();
        }
        let option = rest.remove(0);
        if option == 'J' {
            return Err(usage_error("-J is reserved for Jython\n", &program));
        }
        let Some(at) = SHORT_OPTS.find(option).filter(|_| option != ':') else {
            return Err(usage_error(
                &format!("Unknown option: -{option}\n"),
                &program,
            ));
        };
        let value = if SHORT_OPTS[at + option.len_utf8()..].starts_with(':') {
            if !rest.is_empty() {
                Some(std::mem::take(&mut rest))
            } else if let Some(next) = args.get(index) {
                index += 1;
                Some(next.clone())
            } else {
                return Err(usage_error(
                    &format!("Argument expected for the -{option} option\n"),
                    &program,
                ));
            }
        } else {
            None
        };
        match option {
            'c' => {
                target = Some(Target::Command(format!("{}\n", value.unwrap_or_default())));
                break;
            }
            'm' => {
                target = Some(Target::Module(value.unwrap_or_default()));
                break;
            }
            'b' => flags.bytes_warning += 1,
            'd' => flags.debug += 1,
            'i' => {
                flags.inspect += 1;
                flags.interactive += 1;
            }
            'E' => ignore_environment = true,
            'I' => isolated = true,
            'X' => {
                let v = value.unwrap_or_default();
                match v.split_once('=') {
                    Some((name, value)) => xoptions.push((name.into(), Some(value.into()))),
                    None => xoptions.push((v, None)),
                }
            }
            'O' => optimize += 1,
            'P' => safe_path = true,
            'B' => dont_write_bytecode = true,
            's' => no_user_site = true,
            'S' => flags.no_site = 1,
            't' => {}
            'u' => unbuffered = true,
            'v' => verbose += 1,
            'x' => skip_first_line = true,
            'h' | '?' => return Err(Exit::Print(help(&program))),
            'V' => print_version += 1,
            'W' => warn_cmdline.push(value.unwrap_or_default()),
            'q' => flags.quiet += 1,
            'R' => {}
            _ => {
                return Err(usage_error(
                    &format!("Unknown option: -{option}\n"),
                    &program,
                ))
            }
        }
    }
    if print_version > 0 {
        return Err(Exit::Print(if print_version >= 2 {
            format!(
                "Python 3.13.0 (pyrs {}, {} build, {}) [rustc]\n",
                env!("CARGO_PKG_VERSION"),
                if cfg!(debug_assertions) {
                    "debug"
                } else {
                    "release"
                },
                std::env::consts::ARCH,
            )
        } else {
            "Python 3.13.0\n".to_string()
        }));
    }
    let target = match target {
        Some(t) => {
            // The -c or -m option's own slot becomes sys.argv[0].
            index -= 1;
            t
        }
        None => match args.get(index) {
            Some(arg) if arg != "-" => Target::File(arg.clone()),
            _ => Target::Stdin,
        },
    };
    let mut argv: Vec<String> = if index < args.len() {
        args[index..].to_vec()
    } else {
        vec![String::new()]
    };
    match target {
        Target::Command(_) => argv[0] = "-c".into(),
        Target::Module(_) => argv[0] = "-m".into(),
        _ => {}
    }

    // The environment, unless -E or -I.
    let use_environment = !(ignore_environment || isolated);
    let locale = configure_locale(use_environment);
    if isolated {
        no_user_site = true;
        safe_path = true;
    }
    let x = |name: &str| xoptions.iter().rev().find(|(n, _)| n == name);
    let dev_mode = x("dev").is_some() || env("PYTHONDEVMODE", use_environment).is_some();
    let utf8_mode = match x("utf8") {
        Some((_, None)) => 1,
        Some((_, Some(v))) => match v.as_str() {
            "1" => 1,
            "0" => 0,
            _ => {
                return Err(fatal(
                    "preconfig_init_utf8_mode",
                    "invalid -X utf8 option value",
                    "preinitializing",
                ))
            }
        },
        None => match env("PYTHONUTF8", use_environment).as_deref() {
            Some("1") => 1,
            // As CPython: the "C" and "POSIX" locales turn UTF-8 mode on. (pyrs reads and
            // writes UTF-8 either way; the flag says what CPython would have chosen.)
            None => u32::from(locale.legacy),
            Some("0") => 0,
            Some(_) => {
                return Err(fatal(
                    "preconfig_init_utf8_mode",
                    "invalid PYTHONUTF8 environment variable value",
                    "preinitializing",
                ))
            }
        },
    };
    let hash_seed = match env("PYTHONHASHSEED", use_environment) {
        Some(text) => HashSeed::parse(&text).ok_or_else(|| {
            fatal(
                "config_init_hash_seed",
                "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]",
                "preinitialized",
            )
        })?,
        None => HashSeed::Random,
    };
    flags.hash_randomization = u32::from(hash_seed != HashSeed::Fixed(0));
    let digits_limit = |text: &str| text.parse::<usize>().ok().filter(|&n| n == 0 || n >= 640);
    // CPython's config_init_tracemalloc: the variable, then the option over it.
    let frames = |text: &str, what: &str| {
        text.parse::<usize>().map_err(|_| {
            fatal(
                "config_init_tracemalloc",
                &format!("{what}: invalid number of frames"),
                "preinitialized",
            )
        })
    };
    let mut tracemalloc = match env("PYTHONTRACEMALLOC", use_environment) {
        Some(text) => frames(&text, "PYTHONTRACEMALLOC")?,
        None => 0,
    };
    if let Some((_, value)) = x("tracemalloc") {
        tracemalloc = match value {
            Some(text) => frames(text, "-X tracemalloc=NFRAME")?,
            None => 1,
        };
    }
    let int_max_str_digits = match x("int_max_str_digits") {
        Some((_, value)) => Some(value.as_deref().and_then(digits_limit).ok_or_else(|| {
            fatal(
                "config_init_int_max_str_digits",
                "-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.",
                "preinitialized",
            )
        })?),
        None => match env("PYTHONINTMAXSTRDIGITS", use_environment) {
            Some(v) => Some(digits_limit(&v).ok_or_else(|| {
                fatal(
                    "config_init_int_max_str_digits",
                    "PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.",
                    "preinitialized",
                )
            })?),
            None => None,
        },
    };
    if let Some((_, value)) = x("frozen_modules") {
        if !matches!(value.as_deref(), Some("on") | Some("off")) {
            return Err(fatal(
                "",
                "bad value for option -X frozen_modules (expected \"on\" or \"off\")",
                "preinitialized",
            ));
        }
    }
    flags.inspect = flags
        .inspect
        .max(u32::from(env("PYTHONINSPECT", use_environment).is_some()));
    flags.optimize = optimize.max(env_level("PYTHONOPTIMIZE", use_environment));
    flags.verbose = verbose.max(env_level("PYTHONVERBOSE", use_environment));
    flags.debug = flags.debug.max(env_level("PYTHONDEBUG", use_environment));
    flags.dont_write_bytecode =
        u32::from(dont_write_bytecode || env("PYTHONDONTWRITEBYTECODE", use_environment).is_some());
    flags.no_user_site =
        u32::from(no_user_site || env("PYTHONNOUSERSITE", use_environment).is_some());
    flags.safe_path = safe_path || env("PYTHONSAFEPATH", use_environment).is_some();
    flags.ignore_environment = u32::from(!use_environment);
    flags.isolated = u32::from(isolated);
    flags.dev_mode = dev_mode;
    flags.utf8_mode = utf8_mode;
    flags.warn_default_encoding = u32::from(
        x("warn_default_encoding").is_some()
            || env("PYTHONWARNDEFAULTENCODING", use_environment).is_some(),
    );
    let unbuffered = unbuffered || env("PYTHONUNBUFFERED", use_environment).is_some();
    let (stdio_encoding, stdio_errors) = stdio_encoding(
        env("PYTHONIOENCODING", use_environment).as_deref(),
        utf8_mode == 1,
    );
    let faulthandler = dev_mode
        || x("faulthandler").is_some()
        || env("PYTHONFAULTHANDLER", use_environment).is_some();

    // sys.warnoptions, lowest priority first (CPython's config_init_warnoptions).
    let mut warnoptions: Vec<String> = Vec::new();
    let mut add = |option: &str| {
        if !warnoptions.iter().any(|w| w == option) {
            warnoptions.push(option.to_string());
        }
    };
    if dev_mode {
        add("default");
    }
    if let Some(env_warnings) = env("PYTHONWARNINGS", use_environment) {
        for w in env_warnings.split(',').filter(|w| !w.is_empty()) {
            add(w);
        }
    }
    for w in &warn_cmdline {
        add(w);
    }
    match flags.bytes_warning {
        0 => {}
        1 => add("default::BytesWarning"),
        _ => add("error::BytesWarning"),
    }

    let cwd = std::env::current_dir().ok();
    let python_path = env("PYTHONPATH", use_environment)
        .map(|pp| {
            pp.split(':')
                .filter(|p| !p.is_empty())
                .map(|p| match &cwd {
                    Some(cwd) if !p.starts_with('/') => cwd.join(p).to_string_lossy().into_owned(),
                    _ => p.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    warn_about_locale(&locale);
    Ok(Options {
        target,
        argv,
        orig_argv: args.clone(),
        flags,
        warnoptions,
        xoptions,
        unbuffered,
        skip_first_line,
        python_path,
        hash_seed,
        stdio_encoding,
        stdio_errors,
        startup: env("PYTHONSTARTUP", use_environment),
        int_max_str_digits,
        faulthandler,
        tracemalloc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Options, Exit> {
        let args: Vec<OsString> = std::iter::once("python3.13")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        parse(&args)
    }

    #[test]
    fn command_ends_the_options() {
        let o = parse_str(&["-B", "-c", "print(1)", "-V", "x"]).unwrap();
        assert_eq!(o.target, Target::Command("print(1)\n".into()));
        assert_eq!(o.argv, ["-c", "-V", "x"]);
        assert_eq!(o.flags.dont_write_bytecode, 1);
    }

    #[test]
    fn options_group_and_take_attached_arguments() {
        let o = parse_str(&["-OOc1"]).unwrap();
        assert_eq!(o.target, Target::Command("1\n".into()));
        assert_eq!(o.flags.optimize, 2);
        let o = parse_str(&["-Werror", "-Xdev", "-mjson.tool", "a"]).unwrap();
        assert_eq!(o.target, Target::Module("json.tool".into()));
        assert_eq!(o.argv, ["-m", "a"]);
        assert!(o.warnoptions.contains(&"error".to_string()));
    }

    #[test]
    fn script_and_stdin() {
        let o = parse_str(&["-u", "x.py", "-c"]).unwrap();
        assert_eq!(o.target, Target::File("x.py".into()));
        assert_eq!(o.argv, ["x.py", "-c"]);
        let o = parse_str(&["-", "a"]).unwrap();
        assert_eq!(o.target, Target::Stdin);
        assert_eq!(o.argv, ["-", "a"]);
        let o = parse_str(&[]).unwrap();
        assert_eq!(o.argv, [""]);
    }

    #[test]
    fn errors() {
        assert!(
            matches!(parse_str(&["-Z"]), Err(Exit::Usage(m)) if m.starts_with("Unknown option: -Z\n"))
        );
        assert!(
            matches!(parse_str(&["-c"]), Err(Exit::Usage(m)) if m.starts_with("Argument expected for the -c option\n"))
        );
        assert!(
            matches!(parse_str(&["--x"]), Err(Exit::Usage(m)) if m.starts_with("unknown option --x\n"))
        );
        assert!(matches!(parse_str(&["-VV"]), Err(Exit::Print(m)) if m.contains("pyrs")));
    }
}
