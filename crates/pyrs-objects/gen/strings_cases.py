"""Regenerates ../tests/strings/cases.rs: calls on str, bytes, bytearray and memoryview
objects with the results CPython 3.13 gives (a repr, or "ExcType: message").

Run with CPython 3.13.0:  python3.13 gen/strings_cases.py > tests/strings/cases.rs
"""
import sys

assert sys.version_info[:3] == (3, 13, 0), "run this with CPython 3.13.0"

class M(dict):
    pass

def rust(v):
    if v is None:
        return "none()"
    if isinstance(v, bool):
        return f"boolean({str(v).lower()})"
    if isinstance(v, int):
        if -2**63 <= v < 2**63:
            return f"int({v})"
        return f"big(\"{v}\")"
    if isinstance(v, float):
        return f"float({v!r})" if v == v and abs(v) != float('inf') else f"float(f64::{'NAN' if v != v else ('INFINITY' if v > 0 else 'NEG_INFINITY')})"
    if isinstance(v, str):
        cps = ", ".join(f"0x{ord(c):x}" for c in v)
        return f"s(&[{cps}])"
    if isinstance(v, bytes):
        return f"b(&{list(v)})"
    if isinstance(v, bytearray):
        return f"ba(&{list(v)})"
    if isinstance(v, tuple):
        return "t(vec![" + ", ".join(rust(x) for x in v) + "])"
    if isinstance(v, list):
        return "l(vec![" + ", ".join(rust(x) for x in v) + "])"
    if isinstance(v, dict):
        return "d(vec![" + ", ".join(f"({rust(k)}, {rust(x)})" for k, x in v.items()) + "])"
    raise TypeError(type(v))

def lit(text):
    out = ['"']
    for c in text:
        o = ord(c)
        if c == '"' or c == '\\':
            out.append('\\' + c)
        elif c == '\n':
            out.append('\\n')
        elif c == '\t':
            out.append('\\t')
        elif c == '\r':
            out.append('\\r')
        elif o < 0x20 or o == 0x7f or 0xD800 <= o <= 0xDFFF or not c.isprintable():
            out.append('\\u{%x}' % o)
        else:
            out.append(c)
    out.append('"')
    return "".join(out)

def outcome(f):
    try:
        r = f()
        return repr(r)
    except Exception as e:
        return f"{type(e).__name__}: {e}"

CASES = []
def call(recv, meth, *args, **kw):
    CASES.append((recv, meth, args, kw))

def op(name, a, b):
    CASES.append((a, "<op>" + name, (b,), {}))

S = ["", "abc", "Hello World", "ß", "İ", "ǅungla", "ΑΣ", "ΑΣ Α", "aΣb", "hello\u0301Σ", "²", "½", "٣", "a\udc80b", "é€😀", "  x\t y \n", "a,b,,c", "MiXeD cAsE", "ﬁ", "ŉ", "\u1e9e"]
for s in S:
    for m in ["upper", "lower", "casefold", "swapcase", "title", "capitalize", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isnumeric", "isidentifier", "islower", "isupper", "istitle", "isspace", "isprintable", "split", "splitlines", "strip", "__len__"]:
        call(s, m)
for s in ["abcabc", "aéaé", "xx😀xx😀"]:
    for sub in ["a", "bc", "é", "😀", "", "zz"]:
        for args in [(), (1,), (1, 4), (-3,), (None, -1), (10,)]:
            for m in ["find", "rfind", "count", "index", "rindex", "startswith", "endswith"]:
                call(s, m, sub, *args)
call("abc", "startswith", ("x", "a")); call("abc", "startswith", 1); call("abc", "startswith", (1,))
call("abc", "find", 1); call("abc", "find"); call("abc", "find", "a", "x"); call("abc", "upper", 1)
for w in [0, 3, 7, 8, -1]:
    for m in ["center", "ljust", "rjust", "zfill"]:
        call("abc", m, w)
        call("-é", m, w)
call("abc", "center", 9, "*"); call("abc", "center", 9, "ab"); call("abc", "center", 9, 1); call("abc", "center", "x"); call("+12", "zfill", 6)
for s in ["a b  c", "  a\u2003b\u3000c  ", "a,b,,c,", ""]:
    for sep in [None, ",", " ", ""]:
        for mx in [-1, 0, 1, 2]:
            call(s, "split", sep, mx)
            call(s, "rsplit", sep, mx)
call("a", "split", 1); call("a", "split", x=1); call("a b c", "split", maxsplit=1)
call("a\nb\r\nc\rd\x0be\x1cf\u2028g\x85h\n", "splitlines"); call("a\nb\r\n", "splitlines", True); call("a\nb", "splitlines", keepends=True)
for s in ["  xx  ", "xyxhixyx", "", "\u3000a\u3000"]:
    for chars in [(), (None,), ("xy",), ("",)]:
        for m in ["strip", "lstrip", "rstrip"]:
            call(s, m, *chars)
call("a", "strip", 1)
for s in ["a-b-c", "é-é", "abc"]:
    for sep in ["-", "é", "x", ""]:
        call(s, "partition", sep); call(s, "rpartition", sep)
call("a", "partition", 1)
for old, new in [("a", "xy"), ("", "-"), ("é", "e"), ("zz", "q"), ("ab", "")]:
    for c in [(), (1,), (0,), (-1,)]:
        call("abéabé", "replace", old, new, *c)
call("abc", "replace", "a", "b", count=1); call("a", "replace", 1, ""); call("a", "replace", "a", 1); call("a", "replace", "a", "b", "c")
call("-", "join", ["a", "b", "é"]); call("", "join", []); call("x", "join", ["only"]); call("-", "join", ["a", 1]); call("-", "join", 1); call(",", "join", ("a",))
call("a\tbc\td\n\tx", "expandtabs"); call("a\tb", "expandtabs", 4); call("a\tb", "expandtabs", 0); call("a\tb", "expandtabs", tabsize=2)
call("abc", "removeprefix", "ab"); call("abc", "removesuffix", "bc"); call("abc", "removeprefix", "x"); call("a", "removeprefix", 1)
call("abc", "translate", {97: "xy", 98: None, 99: 100}); call("abc", "translate", {97: 1.5}); call("abc", "translate", {97: 0x110000}); call("abc", "translate", [None, "q"])
call("abcé", "encode"); call("aé€😀", "encode", "ascii", "xmlcharrefreplace"); call("aé€😀", "encode", "latin-1", "backslashreplace"); call("aéé", "encode", "ascii")
call("a\udc80", "encode"); call("a\udc80", "encode", "utf-8", "surrogateescape"); call("\ud800", "encode", "utf-8", "surrogatepass"); call("\ud800x", "encode", "utf-8", "replace")
call("ab😀", "encode", "utf-16"); call("ab", "encode", "utf-32-be"); call("ab", "encode", "UTF8"); call("a", "encode", "bogus"); call("a", "encode", 1); call("é", "encode", "ascii", "ignore")
call("{} {}", "format", 1, "a"); call("{1}{0}", "format", "a", "b"); call("{x}-{y!r}", "format", x=1, y="q"); call("{0[1]} {0[a]}", "format", {1: "one", "a": "A"}); call("{:>5}|{:<5}|{:^5}", "format", "ab", "cd", "e")
call("{:*^9.2}", "format", "abcdef"); call("{!a}", "format", "é"); call("{{}} {{{0}}}", "format", 7); call("{:{w}}", "format", "a", w=4); call("{0:{1}{2}}", "format", "a", ">", 3)
for f in ["}", "{", "{0", "{0!", "{0!}", "{0!x}", "{0!rr}", "{} {1}", "{1} {}", "{1}", "{x}", "{0.}", "{0[}", "{0[0]x}", "{:{:{}}}", "{:d}", "{:=5}", "{:+}", "{: }", "{:,}", "{:#}", "{:05}", "{:_}", "{:.}", "{:z}", "{ }", "{-1}", "{00}", "{:🎉^7}", "{:1000000000000000000000}", "{:ss}"]:
    call(f, "format", "a", "b", "c")
call("{a}", "format_map", {"a": 1}); call("{}", "format_map", {}); call("{0:d}", "format", 42); call("{:08.3f}|{:x}|{:,}", "format", 3.14159, 255, 1234567)
for f, a in [("%s", 1), ("%5s|%-5s|", ("ab", "cd")), ("%r %a", ("é", "é")), ("%d %i %u", (1, 2, 3)), ("%x %X %o", (255, 255, 8)), ("%#x %#X %#o", (255, 255, 8)), ("%e", 12345.678), ("%.2E", -0.000123), ("%g %g %g", (1e-5, 123456789, 0.0)),
             ("%#g", 1.0), ("%f", 2.5), ("%.0f %.0f", (0.5, 1.5)), ("%.2f", 2.675), ("%08.3f", -3.14159), ("%+d % d", (5, 5)), ("%.5d", -42), ("%06d", -42), ("%-6d|", 42), ("%x", 3.5), ("%d", 3.9), ("%d", "3"),
             ("%c%c", (65, "é")), ("%c", "ab"), ("%c", 0x110000), ("%s %s", (1,)), ("%s", (1, 2)), ("abc", 5), ("abc", []), ("%(a)s", 5), ("%(a", {"a": 1}), ("%(a)s %(b)r", {"a": 1, "b": "x"}), ("%*d|%-*d|", (5, 1, 3, 2)),
             ("%.*f", (2, 3.14159)), ("%y", 1), ("%", 1), ("%5%", ()), ("%%", ()), ("%.3s", "abcdef"), ("%s", None), ("%d", None), ("%05f", float("inf")), ("%G", float("nan")), ("%#.0f", 3), ("%#5x|%#05x", (10, 10)), ("%.3x", 10),
             ("%d", 10**30), ("%x", -2**70), ("%.20g", 0.1), ("%10.4g|", 3.14159265), ("%é", 1), ("é%s", "ü"), ("%5c|", "x"), ("%s", [1, 2]), ("%s", (("a",),))]:
    CASES.append((f, "<op>%", (a,), {}))
for a, b in [("ab", "cd"), ("ab", 1), ("é", "é"), ("a", "b"), ("b", "a"), ("\udc80", "\uffff"), ("ab", "abc")]:
    for o in ["+", "==", "<", ">=", "in"]:
        op(o, a, b)
op("*", "ab", 3); op("*", "é", 0); op("*", "ab", "b")
for s in ["abcdef", "aé😀bc\udc80"]:
    for key in [0, -1, 2, 10, slice(None, None, -1), slice(1, 4), slice(None, None, 2), slice(5, 0, -2), slice(-100, 100), "x"]:
        op("[]", s, key)
# bytes and bytearray
for B in [bytes, bytearray]:
    for v in [b"", b"abc", b"Hello World", b"\x00\xff'\"", b"  x\t y \n", b"a,b,,c", b"MiXeD 12"]:
        v = B(v)
        for m in ["upper", "lower", "swapcase", "title", "capitalize", "isalnum", "isalpha", "isascii", "isdigit", "islower", "isupper", "istitle", "isspace", "split", "splitlines", "strip", "hex", "__len__", "decode"]:
            call(v, m)
    v = B(b"abcabc")
    for sub in [b"a", b"bc", b"", 98, 300, "a"]:
        for args in [(), (1,), (1, 4), (-3,)]:
            for m in ["find", "rfind", "count", "index", "rindex"]:
                call(v, m, sub, *args)
    call(v, "startswith", b"ab"); call(v, "endswith", (b"x", b"bc")); call(v, "startswith", "a"); call(v, "startswith", ("a",))
    for w in [0, 8]:
        for m in ["center", "ljust", "rjust", "zfill"]:
            call(B(b"-ab"), m, w)
    call(v, "center", 9, b"*"); call(v, "center", 9, "*"); call(v, "center", 9, b"ab")
    call(B(b"a b  c"), "split"); call(B(b"a,b,,c"), "split", b","); call(B(b"a,b,,c"), "rsplit", b",", 1); call(v, "split", ""); call(v, "split", b"")
    call(B(b" xyx "), "strip", b" x"); call(v, "strip", "a"); call(v, "partition", b"b"); call(v, "rpartition", b"x"); call(v, "replace", b"b", b"XY"); call(v, "replace", b"", b"-", 3)
    call(B(b"-"), "join", [b"a", bytearray(b"b")]); call(B(b"-"), "join", ["a"]); call(v, "translate", None, b"b"); call(v, "translate", b"x"); call(v, "removeprefix", b"ab"); call(v, "removesuffix", b"bc")
    call(B(b"a\tb"), "expandtabs"); call(B(b"a\nb\r\nc"), "splitlines", True); call(B(b"abcdef"), "hex", ":", 2); call(B(b"abcdef"), "hex", ":", -4); call(B(b"abc"), "hex", "::")
    call(B(b"\xff"), "decode"); call(B(b"\xe0\xa0"), "decode"); call(B(b"\xe0\x80"), "decode"); call(B(b"\xff\xfeabc"), "decode", "utf-8", "replace"); call(B(b"a\xffb"), "decode", "ascii", "backslashreplace")
    call(B(b"\xff"), "decode", "utf-8", "surrogateescape"); call(B(b"\xed\xa0\x80"), "decode", "utf-8", "surrogatepass"); call(B(b"\xff\xfea\x00"), "decode", "utf-16"); call(B(b"a"), "decode", "utf-16"); call(B(b"caf\xe9"), "decode", "latin-1")
    call(B(b"a"), "decode", "bogus"); call(B(b"abc"), "decode", errors="ignore"); call(B(b"\xf0\x9f\x98"), "decode", "utf-8", "replace"); call(B(b"a\x80\x80b"), "decode", "utf-8", "ignore")
    for f, a in [(b"%s %b", (b"x", bytearray(b"y"))), (b"%s", "a"), (b"%r %a", ("y", b"q")), (b"%c%c", (65, b"B")), (b"%c", b"ab"), (b"%d%%", 5), (b"%x", 255), (b"%5s|", b"ab"), (b"%s", 5)]:
        CASES.append((B(f), "<op>%", (a,), {}))
    for key in [0, -1, 5, slice(None, None, -1), slice(1, 3), "x"]:
        op("[]", B(b"abc"), key)
    for o, other in [("+", b"de"), ("+", "de"), ("==", b"abc"), ("==", "abc"), ("<", b"abd"), ("<", "a"), ("in", b"bc"), ("in", 98), ("in", 300), ("in", "a"), ("*", 2)]:
        op(o, B(b"abc"), other)
    CASES.append((B, "<new>", (), {}))
    for args in [(3,), (-1,), ([1, 2, 255],), ([256],), (["a"],), ("a",), ("aé", "utf-8"), ("aé", "ascii"), (1.5,), (b"a", "ascii"), (range(3),), (bytearray(b"xy"),), (memoryview(b"mv"),)]:
        CASES.append((B, "<new>", args, {}))
    call(B, "fromhex", " 01 ab FF "); call(B, "fromhex", "zz"); call(B, "fromhex", "a"); call(B, "fromhex", 1); call(B, "maketrans", b"ab", b"xy")
call(b"ab", "__getnewargs__")
def ba_ops():
    out = []
    x = bytearray(b"abc")
    steps = [lambda: x.append(100), lambda: x.append(256), lambda: x.append("a"), lambda: x.extend(b"ef"), lambda: x.extend([1, 2]), lambda: x.extend("s"), lambda: x.insert(1, 120), lambda: x.insert(-100, 121),
             lambda: x.pop(), lambda: x.pop(0), lambda: x.pop(100), lambda: x.remove(98), lambda: x.remove(0), lambda: x.reverse(), lambda: x.copy(),
             lambda: x.__setitem__(0, 65), lambda: x.__setitem__(0, 300), lambda: x.__setitem__(slice(1, 3), b"ZZZZ"), lambda: x.__setitem__(slice(None, None, 2), b"12345"), lambda: x.__setitem__(slice(None, None, 2), b"1"),
             lambda: x.__delitem__(0), lambda: x.__delitem__(slice(None, None, 3)), lambda: x.__iadd__(b"++"), lambda: x.__imul__(2), lambda: x.clear(), lambda: bytearray().pop()]
    for st in steps:
        out.append(outcome(st) + " -> " + repr(x))
    return out
BA_OPS = ba_ops()
def mv_ops():
    out = []
    x = bytearray(b"hello")
    m = memoryview(x)
    steps = [lambda: len(m), lambda: m[1], lambda: m[-1], lambda: m[10], lambda: m[1:4].tobytes(), lambda: m[::2].tolist(), lambda: m[::-1].tobytes(), lambda: m.readonly, lambda: m.format, lambda: m.itemsize, lambda: m.nbytes,
             lambda: m.__setitem__(0, 74), lambda: bytes(x), lambda: m.__setitem__(slice(1, 3), b"EL"), lambda: bytes(x), lambda: m.__setitem__(slice(1, 3), b"E"), lambda: m.__setitem__(0, 300),
             lambda: x.append(33), lambda: x.extend(b"!"), lambda: x.pop(), lambda: x.__setitem__(0, 106), lambda: m == b"jELlo", lambda: m == x, lambda: m.tobytes(), lambda: m.hex(),
             lambda: m.release(), lambda: len(m), lambda: m[0], lambda: x.append(33), lambda: bytes(x)]
    for st in steps:
        out.append(outcome(st))
    r = memoryview(b"abc")
    for st in [lambda: r.readonly, lambda: r.__setitem__(0, 1), lambda: r[1:].tobytes(), lambda: r == b"abc", lambda: r.tolist()]:
        out.append(outcome(st))
    y = bytearray(b"xy")
    with memoryview(y) as n:
        out.append(outcome(lambda: y.append(1)))
    out.append(outcome(lambda: y.append(1)) + " " + repr(y))
    z = bytearray(b"q")
    s2 = memoryview(z)[0:1]
    out.append(outcome(lambda: z.append(1)))
    del s2
    out.append(outcome(lambda: z.append(1)) + " " + repr(z))
    return out
MV_OPS = mv_ops()

print("//! Cases generated by gen/strings_cases.py from CPython 3.13.0: do not edit by hand.")
print()
print("#![allow(clippy::approx_constant, clippy::type_complexity)]")
print()
print("use super::*;")
print()
print("pub(crate) fn cases(check: &mut dyn FnMut(Value, &str, Vec<Value>, Vec<(&str, Value)>, &str)) {")
for recv, meth, args, kw in CASES:
    if meth.startswith("<op>"):
        o = meth[4:]
        a, b = recv, args[0]
        f = {"+": lambda: a + b, "==": lambda: a == b, "<": lambda: a < b, ">=": lambda: a >= b, "in": lambda: b in a, "*": lambda: a * b, "[]": lambda: a[b], "%": lambda: a % b}[o]
        exp = outcome(f)
        brust = f"slice({rust(b.start)}, {rust(b.stop)}, {rust(b.step)})" if isinstance(b, slice) else (f"range_list(&{list(b)})" if isinstance(b, range) else rust(b))
        print(f"    check({rust(a)}, \"{o}\", vec![{brust}], vec![], {lit(exp)});")
        continue
    if meth == "<new>":
        exp = outcome(lambda: recv(*args))
        def conv(v):
            if isinstance(v, range):
                return f"range_list(&{list(v)})"
            if isinstance(v, memoryview):
                return f"mv(&{list(v.tobytes())})"
            return rust(v)
        name = recv.__name__
        print(f"    check(s(&{[ord(c) for c in name]}), \"<new>\", vec![{', '.join(conv(x) for x in args)}], vec![], {lit(exp)});")
        continue
    if isinstance(recv, type):
        exp = outcome(lambda: getattr(recv, meth)(*args, **kw))
        r = f"type_named(\"{recv.__name__}\")"
    else:
        exp = outcome(lambda: getattr(recv, meth)(*args, **kw))
        r = rust(recv)
    kws = ", ".join(f"(\"{k}\", {rust(v)})" for k, v in kw.items())
    print(f"    check({r}, \"{meth}\", vec![{', '.join(rust(x) for x in args)}], vec![{kws}], {lit(exp)});")
print("}")
print()
print("pub(crate) const BYTEARRAY_OPS: &[&str] = &[")
for line in BA_OPS:
    print(f"    {lit(line)},")
print("];")
print()
print("pub(crate) const MEMORYVIEW_OPS: &[&str] = &[")
for line in MV_OPS:
    print(f"    {lit(line)},")
print("];")
