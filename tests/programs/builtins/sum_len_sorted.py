# sum with start, len of builtins, sorted of every iterable, reversed sorting.
print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], []), sum([0.1] * 3), sum((1j, 2)), sum(range(101), start=-1))
print(len("abc"), len([1]), len({1: 2}), len(range(10, 0, -3)), len(b"ab"), len(set()), len(frozenset([1])))
print(sorted({3: "a", 1: "b"}), sorted("bca", reverse=True), sorted((3, 1, 2), key=lambda x: -x), sorted(x for x in [2, 1]))
for bad in ["sum(['a'])", "sum([b'a'], b'')", "sum([1], 'x')", "sorted(5)", "sorted([1], reverse=None)"]:
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", type(e).__name__, e)
