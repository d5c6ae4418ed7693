# min and max: iterables, several arguments, key, default, errors.
print(min(3, 1, 2), max([3, 1, 2]), min("hello"), max("a", "B"), min([], default="empty"), max((), default=None))
print(max([1, -5, 3], key=abs), min(["bb", "a", "ccc"], key=len), max([(1, "b"), (1, "a")]), min([2, 1.5, True]))
print(max([3, 3.0]), max([3.0, 3]), min({"b": 1, "a": 2}), max(range(10), key=lambda x: x % 4))
for bad in ["min([])", "max()", "max(1)", "min(1, 2, default=0)", "max([1, 'a'])", "min([1], key=5)"]:
    try:
        eval(bad)
    except (ValueError, TypeError) as e:
        print(bad, "->", type(e).__name__, e)
