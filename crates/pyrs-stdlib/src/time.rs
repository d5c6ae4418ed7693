//! `time` (CPython's Modules/timemodule.c): clocks, `sleep`, and broken-down times
//! (`struct_time`, `gmtime`, `localtime`, `mktime`, `strftime`, `asctime`, `ctime`) on the
//! C library's `clock_gettime`, `gmtime_r`, `localtime_r`, `mktime` and `strftime`.

use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, MethodDef, MethodKind, NativeFn};
use pyrs_objects::tuple::{self, TupleData};
use pyrs_objects::typeobject::{TypeBuilder, UnaryOp};
use pyrs_objects::{float, int, protocol, str as pystr, types, PyErr, PyResult, SyncCell, Value};

/// The visible fields of `struct_time`, then the two reachable only by name.
const FIELDS: [&str; 11] = [
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

/// Makes the `time` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("time");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("time: not a module"))?
        .dict();
    let functions: &[(&'static str, NativeFn)] = &[
        ("time", |a| clock_f(a, "time", libc::CLOCK_REALTIME)),
        ("time_ns", |a| clock_ns(a, "time_ns", libc::CLOCK_REALTIME)),
        ("monotonic", |a| {
            clock_f(a, "monotonic", libc::CLOCK_MONOTONIC)
        }),
        ("monotonic_ns", |a| {
            clock_ns(a, "monotonic_ns", libc::CLOCK_MONOTONIC)
        }),
        ("perf_counter", |a| {
            clock_f(a, "perf_counter", libc::CLOCK_MONOTONIC)
        }),
        ("perf_counter_ns", |a| {
            clock_ns(a, "perf_counter_ns", libc::CLOCK_MONOTONIC)
        }),
        ("process_time", |a| {
            clock_f(a, "process_time", libc::CLOCK_PROCESS_CPUTIME_ID)
        }),
        ("process_time_ns", |a| {
            clock_ns(a, "process_time_ns", libc::CLOCK_PROCESS_CPUTIME_ID)
        }),
        ("thread_time", |a| {
            clock_f(a, "thread_time", libc::CLOCK_THREAD_CPUTIME_ID)
        }),
        ("thread_time_ns", |a| {
            clock_ns(a, "thread_time_ns", libc::CLOCK_THREAD_CPUTIME_ID)
        }),
        ("clock_gettime", clock_gettime),
        ("clock_gettime_ns", clock_gettime_ns),
        ("sleep", sleep),
        ("gmtime", gmtime),
        ("localtime", localtime),
        ("mktime", mktime),
        ("strftime", strftime),
        ("asctime", asctime),
        ("ctime", ctime),
        ("get_clock_info", get_clock_info),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    for (name, id) in [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ] {
        d.set_str(name, int::from_i64(id as i64));
    }
    d.set_str("struct_time", struct_time_type().clone());
    d.set_str("_STRUCT_TM_ITEMS", Value::small(11));
    // The zone of January and July of this year, as CPython's init_timezone finds them.
    let now = now_ns(libc::CLOCK_REALTIME)? / 1_000_000_000;
    let year = broken_down(now as libc::time_t, true)?.tm_year;
    let mut zones = Vec::new();
    for month in [0, 6] {
        // SAFETY: an all-zero `tm` is a valid value to fill in.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        tm.tm_year = year;
        tm.tm_mon = month;
        tm.tm_mday = 1;
        tm.tm_isdst = -1;
        // SAFETY: `tm` is a valid, initialised struct.
        let t = unsafe { libc::mktime(&mut tm) };
        let tm = broken_down(t, true)?;
        zones.push((-tm.tm_gmtoff, zone_name(&tm)));
    }
    let (jan, jul) = (zones[0].clone(), zones[1].clone());
    let (std_zone, dst_zone) = if jan.0 < jul.0 {
        (jul, jan)
    } else {
        (jan, jul)
    };
    d.set_str("timezone", int::from_i64(std_zone.0));
    d.set_str("altzone", int::from_i64(dst_zone.0));
    d.set_str(
        "daylight",
        Value::small(i64::from(std_zone.0 != dst_zone.0)),
    );
    d.set_str(
        "tzname",
        tuple::new(vec![pystr::new(&std_zone.1), pystr::new(&dst_zone.1)]),
    );
    Ok(module)
}

/// A count of seconds as CPython's `_PyTime_FromSecondsObject` takes it: a float or an
/// integer (TypeError "'T' object cannot be interpreted as an integer" otherwise).
pub(crate) fn seconds(v: &Value) -> PyResult<f64> {
    if let Some(x) = float::operand(v)? {
        return Ok(x);
    }
    if protocol::has_index(v) {
        let i = protocol::index(v)?;
        if let Some(x) = float::operand(&i)? {
            return Ok(x);
        }
    }
    if v.type_data().slots.unary[UnaryOp::Float as usize]
        .get()
        .is_some()
    {
        let f = protocol::unary_op(v, UnaryOp::Float)?;
        if let Some(x) = float::as_f64(&f) {
            return Ok(x);
        }
    }
    Err(PyErr::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_data().name()
    )))
}

fn now_ns(clock: libc::clockid_t) -> PyResult<i128> {
    // SAFETY: an all-zero timespec is valid, and clock_gettime only writes it.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: `ts` is a valid out-pointer.
    if unsafe { libc::clock_gettime(clock, &mut ts) } != 0 {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::OSError,
            "clock_gettime failed",
        ));
    }
    Ok(ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128)
}

fn clock_f(args: Args<'_>, name: &str, clock: libc::clockid_t) -> PyResult<Value> {
    args.exact(name, 0, 0)?;
    Ok(float::new(now_ns(clock)? as f64 * 1e-9))
}

fn clock_ns(args: Args<'_>, name: &str, clock: libc::clockid_t) -> PyResult<Value> {
    args.exact(name, 0, 0)?;
    Ok(int::from_i64(now_ns(clock)? as i64))
}

fn clock_id(v: &Value) -> PyResult<libc::clockid_t> {
    let i = protocol::index_isize(v, false)?;
    Ok(i as libc::clockid_t)
}

fn clock_gettime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("clock_gettime", 1, 1)?;
    Ok(float::new(now_ns(clock_id(&a[0])?)? as f64 * 1e-9))
}

fn clock_gettime_ns(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("clock_gettime_ns", 1, 1)?;
    Ok(int::from_i64(now_ns(clock_id(&a[0])?)? as i64))
}

fn sleep(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("sleep", 1, 1)?;
    let secs = seconds(&a[0])?;
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    if secs > 0.0 {
        let d = std::time::Duration::try_from_secs_f64(secs)
            .map_err(|_| PyErr::overflow_error("sleep length is too large"))?;
        std::thread::sleep(d);
    }
    Ok(pyrs_objects::none())
}

fn get_clock_info(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("get_clock_info", 1, 1)?;
    let name = pystr::text_of(&a[0]).unwrap_or_default();
    let (implementation, monotonic, adjustable) = match name.as_str() {
        "time" => ("clock_gettime(CLOCK_REALTIME)", false, true),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", true, false),
        "process_time" => ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true, false),
        "thread_time" => ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false),
        _ => return Err(PyErr::value_error("unknown clock")),
    };
    let types_module = pyrs_vm::import::import_absolute("types")?;
    let namespace = protocol::getattr_str(&types_module, "SimpleNamespace")?;
    let names = [
        pystr::intern("implementation"),
        pystr::intern("monotonic"),
        pystr::intern("adjustable"),
        pystr::intern("resolution"),
    ];
    let values = [
        pystr::new(implementation),
        pyrs_objects::bool(monotonic),
        pyrs_objects::bool(adjustable),
        float::new(1e-9),
        // (keyword values end here)
    ];
    protocol::call(&namespace, Args::new(&values, &names))
}

// ---------------------------------------------------------------------------------------
// struct_time

static STRUCT_TIME: OnceLock<SyncCell<Value>> = OnceLock::new();

fn struct_time_type() -> &'static Value {
    &STRUCT_TIME
        .get_or_init(|| {
            let ty = TypeBuilder::new::<TupleData>("struct_time")
                .module("time")
                .base(&types().tuple)
                .with_dict()
                .slots(|s| {
                    s.repr.set(Some(struct_time_repr));
                    s.new.set(Some(struct_time_new));
                })
                .methods(STRUCT_TIME_METHODS)
                .build();
            if let Some(data) = pyrs_objects::typeobject::type_data(&ty) {
                let d = data.dict();
                let _ = d.downcast::<pyrs_objects::dict::DictData>().map(|d| {
                    d.set_str("n_fields", Value::small(11));
                    d.set_str("n_sequence_fields", Value::small(9));
                    d.set_str("n_unnamed_fields", Value::small(0));
                });
            }
            SyncCell(ty)
        })
        .0
}

macro_rules! field_getters {
    ($($name:ident = $i:expr),*) => {
        $(fn $name(v: &Value) -> PyResult<Value> { field(v, $i) })*
    };
}

field_getters!(
    f0 = 0,
    f1 = 1,
    f2 = 2,
    f3 = 3,
    f4 = 4,
    f5 = 5,
    f6 = 6,
    f7 = 7,
    f8 = 8
);

static STRUCT_TIME_METHODS: &[MethodDef] = &[
    MethodDef::new("tm_year", MethodKind::GetSet(f0, None)),
    MethodDef::new("tm_mon", MethodKind::GetSet(f1, None)),
    MethodDef::new("tm_mday", MethodKind::GetSet(f2, None)),
    MethodDef::new("tm_hour", MethodKind::GetSet(f3, None)),
    MethodDef::new("tm_min", MethodKind::GetSet(f4, None)),
    MethodDef::new("tm_sec", MethodKind::GetSet(f5, None)),
    MethodDef::new("tm_wday", MethodKind::GetSet(f6, None)),
    MethodDef::new("tm_yday", MethodKind::GetSet(f7, None)),
    MethodDef::new("tm_isdst", MethodKind::GetSet(f8, None)),
    MethodDef::new("tm_zone", MethodKind::GetSet(tm_zone, None)),
    MethodDef::new("tm_gmtoff", MethodKind::GetSet(tm_gmtoff, None)),
];

fn field(v: &Value, i: usize) -> PyResult<Value> {
    tuple::items_of(v)
        .and_then(|items| items.get(i).cloned())
        .ok_or_else(|| PyErr::type_error("struct_time field of a non-struct_time"))
}

fn hidden(v: &Value, name: &str) -> PyResult<Value> {
    let dict = protocol::instance_dict(v);
    Ok(dict
        .and_then(|d| {
            d.downcast::<pyrs_objects::dict::DictData>()
                .and_then(|d| d.get_str(&pystr::intern(name)))
        })
        .unwrap_or_else(pyrs_objects::none))
}

fn tm_zone(v: &Value) -> PyResult<Value> {
    hidden(v, "tm_zone")
}

fn tm_gmtoff(v: &Value) -> PyResult<Value> {
    hidden(v, "tm_gmtoff")
}

fn make_struct_time(cls: &Value, items: Vec<Value>) -> PyResult<Value> {
    let mut items = items;
    let extra: Vec<Value> = if items.len() > 9 {
        items.split_off(9)
    } else {
        Vec::new()
    };
    let obj = pyrs_objects::object::alloc(cls, TupleData::new(items));
    if let Some(slot) = obj.dict_slot() {
        let d = pyrs_objects::dict::new();
        if let Some(dd) = d.downcast::<pyrs_objects::dict::DictData>() {
            for (name, value) in FIELDS[9..].iter().zip(extra) {
                dd.set_str(name, value);
            }
        }
        *slot.borrow_mut() = Some(d);
    }
    Ok(obj)
}

fn struct_time_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [seq, _dict] = args.bind("struct_time", ["sequence", "dict"], 1, 0, 2)?;
    let seq = seq.unwrap_or_else(pyrs_objects::none);
    let items = protocol::collect(&seq)?;
    let n = items.len();
    if n < 9 {
        return Err(PyErr::type_error(format!(
            "time.struct_time() takes an at least 9-sequence ({n}-sequence given)"
        )));
    }
    if n > 11 {
        return Err(PyErr::type_error(format!(
            "time.struct_time() takes an at most 11-sequence ({n}-sequence given)"
        )));
    }
    make_struct_time(cls, items)
}

fn struct_time_repr(v: &Value) -> PyResult<Value> {
    let items = tuple::items_of(v).unwrap_or_default();
    let mut parts = Vec::new();
    for (name, item) in FIELDS.iter().zip(items.iter()) {
        parts.push(format!("{name}={}", protocol::repr_string(item)?));
    }
    Ok(pystr::new(&format!(
        "time.struct_time({})",
        parts.join(", ")
    )))
}

fn broken_down(t: libc::time_t, local: bool) -> PyResult<libc::tm> {
    // SAFETY: an all-zero `tm` is a valid out-value.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call.
    let ok = unsafe {
        if local {
            !libc::localtime_r(&t, &mut tm).is_null()
        } else {
            !libc::gmtime_r(&t, &mut tm).is_null()
        }
    };
    if !ok {
        return Err(PyErr::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    Ok(tm)
}

fn zone_name(tm: &libc::tm) -> String {
    if tm.tm_zone.is_null() {
        return String::new();
    }
    // SAFETY: the C library sets tm_zone to a NUL-terminated string it owns.
    unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
        .to_string_lossy()
        .into_owned()
}

fn tm_to_struct(tm: &libc::tm) -> PyResult<Value> {
    let items = vec![
        int::from_i64(tm.tm_year as i64 + 1900),
        int::from_i64(tm.tm_mon as i64 + 1),
        int::from_i64(tm.tm_mday as i64),
        int::from_i64(tm.tm_hour as i64),
        int::from_i64(tm.tm_min as i64),
        int::from_i64(tm.tm_sec as i64),
        int::from_i64((tm.tm_wday as i64 + 6) % 7),
        int::from_i64(tm.tm_yday as i64 + 1),
        int::from_i64(tm.tm_isdst as i64),
        pystr::new(&zone_name(tm)),
        int::from_i64(tm.tm_gmtoff),
    ];
    make_struct_time(struct_time_type(), items)
}

fn timestamp_arg(a: &[Value]) -> PyResult<libc::time_t> {
    match a.first() {
        None => Ok((now_ns(libc::CLOCK_REALTIME)? / 1_000_000_000) as libc::time_t),
        Some(v) if protocol::is_none(v) => {
            Ok((now_ns(libc::CLOCK_REALTIME)? / 1_000_000_000) as libc::time_t)
        }
        Some(v) => {
            let secs = seconds(v)?;
            if secs.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            if !(-9.2e18..9.2e18).contains(&secs) {
                return Err(PyErr::overflow_error(
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(secs.floor() as libc::time_t)
        }
    }
}

fn gmtime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("gmtime", 0, 1)?;
    tm_to_struct(&broken_down(timestamp_arg(a)?, false)?)
}

fn localtime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("localtime", 0, 1)?;
    tm_to_struct(&broken_down(timestamp_arg(a)?, true)?)
}

/// A `struct_time` or 9-tuple as the C library's `tm` (CPython's `gettmarg`).
fn tm_from_tuple(v: &Value, func: &str) -> PyResult<libc::tm> {
    let Some(items) = tuple::items_of(v) else {
        return Err(PyErr::type_error("Tuple or struct_time argument required"));
    };
    if items.len() != 9 {
        return Err(PyErr::type_error(format!(
            "{func}(): illegal time tuple argument"
        )));
    }
    let mut n = [0i64; 9];
    for (slot, item) in n.iter_mut().zip(items.iter()) {
        let i = protocol::index(item)?;
        *slot = int::as_i64(&i)
            .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C int"))?;
    }
    // SAFETY: an all-zero `tm` is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    if v.class().is(struct_time_type()) {
        if let Ok(off) = hidden(v, "tm_gmtoff") {
            if let Some(o) = int::as_i64(&off) {
                tm.tm_gmtoff = o as _;
            }
        }
    }
    Ok(tm)
}

fn current_tm(a: &[Value], func: &str) -> PyResult<libc::tm> {
    match a.first() {
        Some(v) => tm_from_tuple(v, func),
        None => broken_down(timestamp_arg(&[])?, true),
    }
}

/// CPython's `checktm`: the ranges `strftime` and `asctime` accept.
fn check_tm(tm: &mut libc::tm, func: &str) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return Err(PyErr::value_error("month out of range"));
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return Err(PyErr::value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return Err(PyErr::value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.tm_min) {
        return Err(PyErr::value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return Err(PyErr::value_error("seconds out of range"));
    }
    if tm.tm_wday < 0 {
        return Err(PyErr::value_error("day of week out of range"));
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return Err(PyErr::value_error("day of year out of range"));
    }
    let _ = func;
    Ok(())
}

fn strftime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("strftime", 1, 2)?;
    let Some(format) = pystr::text_of(&a[0]) else {
        return Err(PyErr::type_error(format!(
            "strftime() argument 1 must be str, not {}",
            a[0].type_data().name()
        )));
    };
    let mut tm = current_tm(&a[1..], "strftime")?;
    check_tm(&mut tm, "strftime")?;
    tm.tm_isdst = tm.tm_isdst.clamp(-1, 1);
    let zone_text = match a.get(1) {
        Some(v) if v.class().is(struct_time_type()) => hidden(v, "tm_zone")
            .ok()
            .and_then(|z| pystr::text_of(&z))
            .unwrap_or_else(|| zone_for(&tm)),
        _ => zone_for(&tm),
    };
    let zone = std::ffi::CString::new(zone_text).unwrap_or_default();
    tm.tm_zone = zone.as_ptr();
    if format.contains('\0') {
        return Err(PyErr::value_error("embedded null character"));
    }
    let cformat = std::ffi::CString::new(format.clone()).unwrap_or_default();
    let mut size = 1024usize.max(format.len() * 4);
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: the buffer has `size` bytes; the format and tm are valid.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                size,
                cformat.as_ptr(),
                &tm,
            )
        };
        if n > 0 || format.is_empty() || size > 256 * format.len() + 4096 {
            buf.truncate(n);
            return Ok(pystr::new(&String::from_utf8_lossy(&buf)));
        }
        size *= 2;
    }
}

/// The zone name `%Z` prints for a broken-down time from a tuple.
fn zone_for(tm: &libc::tm) -> String {
    match broken_down(0, true) {
        Ok(local) if tm.tm_isdst <= 0 => zone_name(&local),
        _ => String::new(),
    }
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn format_asctime(tm: &libc::tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

fn asctime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("asctime", 0, 1)?;
    let mut tm = current_tm(a, "asctime")?;
    check_tm(&mut tm, "asctime")?;
    Ok(pystr::new(&format_asctime(&tm)))
}

fn ctime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("ctime", 0, 1)?;
    let tm = broken_down(timestamp_arg(a)?, true)?;
    Ok(pystr::new(&format_asctime(&tm)))
}

fn mktime(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("mktime", 1, 1)?;
    let mut tm = tm_from_tuple(&a[0], "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid struct.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(PyErr::overflow_error("mktime argument out of range"));
    }
    Ok(float::new(t as f64))
}
