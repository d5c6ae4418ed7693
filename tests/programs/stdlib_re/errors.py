# What goes wrong: pattern errors with positions, type errors, bad templates.
import re

for pattern in ["(", "a)", "[a-", "*a", "a{2,1}", "(?P<1a>x)", r"\1(a)", "(?<=a+)b", "(?P<n>a)(?P<n>b)",
                "a**", r"\k", "(?z)", "x{1,2", "[z-a]", "(?P=missing)", "\\", "(?i", "a++++"]:
    try:
        re.compile(pattern)
        print("ok", pattern)
    except re.error as e:
        print(type(e).__name__, "|", e, "|", e.msg, e.pos, e.lineno, e.colno)

try:
    re.compile("a\n(b")
except re.error as e:
    print(e, e.lineno, e.colno)

for call in [lambda: re.match("a", 5), lambda: re.match("a", b"a"), lambda: re.match(b"a", "a"),
             lambda: re.compile("a").match(), lambda: re.compile("a").match("a", "x"),
             lambda: re.sub("a", 5, "a"), lambda: re.compile(5), lambda: re.match("a", None),
             lambda: re.compile("(a)").match("a").group(2), lambda: re.compile("a").search(["a"]),
             lambda: re.compile("a").split("a", maxsplit="x"), lambda: re.compile("a", re.L),
             lambda: re.compile(b"a", re.U), lambda: re.compile("a", re.A | re.U)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)

print(re.error is re.PatternError, issubclass(re.error, Exception))
