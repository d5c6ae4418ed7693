# repr, format, str of builtins; format with and without specs.
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr(1.0), repr(-0.0), repr([1, "a"]), repr({1: (2,)}))
print(format(3.14159, ".2f"), format(42, "b"), format("s", ">3"), format(12345, ","), format(0.5, "%"), format(True), format(None, ""))
print(str(12), str(b"x"), str([None]), str(...))
try:
    format(object(), "d")
except TypeError as e:
    print(type(e).__name__, e)
