# str.format: positional, keyword, indexing, attributes, conversions, nested specs, errors.
class P:
    x = 3
    y = [7, 8]


print("{} {} {}".format(1, "a", None), "{1} {0} {1}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{0[1]} {0[k]} {1.x} {1.y[1]}".format({1: "one", "k": "kay"}, P))
print("{!r} {!s} {!a}".format("é", "é", "é"), "{{literal}} {}".format(5))
print("{:>{w}} {:.{p}f} {:{fill}^{w}}".format("r", 3.14159, "c", w=6, p=2, fill="*"))
print("{:%Y}".format(type("D", (), {"__format__": lambda self, spec: "fmt:" + spec})()))
print(format("abc", "x<6"), format("abc", "^7"), format("abc", ".2"), format("abc"), format(None), format(["a"]))
print("{0}{1}".format(*"ab"), "{a}{b}".format(**{"a": 1, "b": 2}), "{k}".format_map({"k": "v"}))
try:
    "{}".format_map({})
except ValueError as e:
    print(type(e).__name__, e)
for bad in ["{", "}", "{0} {}", "{} {0}", "{2}", "{x}", "{0.missing}", "{:d}", "{0[5]}", "{!z}"]:
    try:
        print(bad.format("s"))
    except (ValueError, IndexError, KeyError, AttributeError) as e:
        print(repr(bad), type(e).__name__, e)
