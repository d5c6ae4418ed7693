# count, cycle, repeat and islice: infinite iterators consumed lazily, their reprs, and
# islice's argument rules.
import itertools as it


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(it.count(), it.count(5), it.count(5, 2), it.count(1.5), it.count(0, 1.0), it.count(2**70), it.count(-1, -1))
print(it.count(True), it.count(1, True), it.count(1 + 2j), it.count(start=3, step=-2))
c = it.count(2**62 - 1)
print(next(c), next(c), c)
c = it.count(0.5, 0.25)
print([next(c) for _ in range(4)], c)
print(list(it.islice(it.count(10, 5), 4)), list(zip(it.count(), "abc")))
show("count('a')", lambda: it.count("a"))
show("count(1, 'a')", lambda: it.count(1, "a"))
show("count(1, 2, 3)", lambda: it.count(1, 2, 3))
show("count(x=1)", lambda: it.count(x=1))
show("count(1, start=2)", lambda: it.count(1, start=2))

print(list(it.islice(it.cycle("abc"), 8)), list(it.cycle("")), list(it.cycle([])))
calls = []


def gen():
    for i in range(3):
        calls.append(i)
        yield i


cy = it.cycle(gen())
print(calls, next(cy), calls, [next(cy) for _ in range(5)], calls)
show("cycle()", lambda: it.cycle())
show("cycle(1)", lambda: it.cycle(1))
show("cycle(x=1)", lambda: it.cycle(x=1))

print(it.repeat("a"), it.repeat("a", 3), it.repeat(None, 0), it.repeat(1, -3), list(it.repeat(7, 3)))
r = it.repeat(1, 2)
print(r.__length_hint__(), next(r), r, r.__length_hint__(), list(r), r)
show("length_hint forever", lambda: it.repeat(1).__length_hint__())
show("repeat()", lambda: it.repeat())
show("repeat(1, 'a')", lambda: it.repeat(1, "a"))
show("repeat(1, None)", lambda: it.repeat(1, None))
show("repeat(1, 2, 3)", lambda: it.repeat(1, 2, 3))
print(it.repeat(object=1, times=2), list(map(pow, range(5), it.repeat(2))))

print(list(it.islice("abcdefg", 3)), list(it.islice("abcdefg", 2, 5)), list(it.islice("abcdefg", 1, None, 2)))
print(list(it.islice("abcdefg", None)), list(it.islice("abcdefg", 0)), list(it.islice(range(10), 2, None, 3)))
print(list(it.islice("abc", 5, 10)), list(it.islice(it.count(), 3, 8, 2)))
src = iter(range(10))
print(list(it.islice(src, 3)), next(src))
for args in [(-1,), ("a",), (1.5,), (2**70,), (1, "a"), ("a", 1), (-1, 1), (1, 2, 0), (1, 2, -1), (0, None, 2**70), (None, None, None)]:
    show(f"islice{args}", lambda: list(it.islice(range(5), *args)))
show("islice()", lambda: it.islice())
show("islice([1])", lambda: it.islice([1]))
show("islice 5 args", lambda: it.islice([1], 1, 2, 3, 4))
show("islice kwargs", lambda: it.islice([1], stop=1))
show("islice(1, 2)", lambda: it.islice(1, 2))
print(type(it.count()), it.count.__name__, it.count.__module__, iter(it.count(3)) is not None)
