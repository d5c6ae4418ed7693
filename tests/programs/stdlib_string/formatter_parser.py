# _string, the parser under string.Formatter: the pieces of a format string and of a field name.
import _string
def show(s):
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for s in ["", "abc", "a{}b", "{0}", "{x!r}", "{x!r:>10}", "{x:{y}}", "{{}}", "a{{b}}c", "}", "{", "a}b", "{x", "{x!}", "{x!", "{x!rr}", "{0[a]}", "{a.b[}]}", "{:%Y-%m}", "x{a}y{b!s}z", "{!r}", "{x:{{}}}", "é{é}"]:
    show(s)
def split(s):
    try:
        first, rest = _string.formatter_field_name_split(s)
        print(repr(s), repr(first), list(rest))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
for s in ["", "a", "0", "12", "a.b", "a[0]", "a[x].y[1]", "0.real", "a[", "a]b", "a.", "a[]", "٣", "a[b]c", "99999999999999999999"]:
    split(s)
for bad in [5, b"x"]:
    try: _string.formatter_parser(bad)
    except TypeError as e: print(e)
    try: _string.formatter_field_name_split(bad)
    except TypeError as e: print(e)
