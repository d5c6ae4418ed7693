# range: lengths, indexing, slicing to ranges, membership, reprs, equality, errors.
r = range(2, 20, 3)
print(r, len(r), list(r), r[0], r[-1], r[1:3], r[::-1], r[::2], 5 in r, 6 in r, r.index(8), r.count(5))
print(range(5), range(0), range(10, 0, -2), list(range(10, 0, -2)), len(range(-5)), range(3) == range(0, 3, 1))
print(range(0) == range(5, 2), range(1, 2)[0], list(range(5)[-2:]), range(10 ** 20)[-1])
print(r.start, r.stop, r.step, hash(range(3)) == hash(range(0, 3)), reversed(range(3)).__class__.__name__)
for bad in ["range(1, 2, 0)", "range(1.5)", "r[100]", "r.index(4)", "range()", "range('a')", "len(range(10 ** 20))"]:
    try:
        eval(bad)
    except (ValueError, TypeError, IndexError, OverflowError) as e:
        print(bad, "->", type(e).__name__, e)
