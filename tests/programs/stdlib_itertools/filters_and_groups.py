# accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap, groupby, tee and
# zip_longest: laziness, shared state between groupby and its groups, tee buffering, errors;
# ends with an error raised while iterating.
import itertools as it
import operator


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], operator.mul)), list(it.accumulate([])))
print(list(it.accumulate([1, 2], initial=5)), list(it.accumulate([], initial=7)), list(it.accumulate([3, 1, 2], max)))
print(list(it.accumulate("abc")), list(it.accumulate([1, 2], None, initial=None)))
show("accumulate()", lambda: it.accumulate())
show("accumulate(1)", lambda: it.accumulate(1))
show("accumulate 3 positional", lambda: it.accumulate([1], None, 5))
show("accumulate 4 args", lambda: it.accumulate([1], None, None, None))
show("accumulate mixed", lambda: list(it.accumulate([1, "a"])))

print(list(it.chain("ab", [1, 2], ())), list(it.chain()), list(it.chain.from_iterable(["ab", "cd"])))
ch = it.chain([1], 5)
print(next(ch))
show("chain non-iterable", lambda: next(ch))
show("chain kwargs", lambda: it.chain(x=1))
show("from_iterable()", lambda: it.chain.from_iterable())
show("from_iterable(1)", lambda: it.chain.from_iterable(1))
show("from_iterable([1])", lambda: list(it.chain.from_iterable([1])))
print(type(it.chain.from_iterable([])).__name__, list(it.chain.from_iterable(it.repeat("xy", 2))))

print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.compress("abc", it.cycle([0, 1]))))
print(list(it.compress(data="abc", selectors=[1, 1, 0])), list(it.compress(range(10), [1, 1])))
show("compress()", lambda: it.compress())
show("compress 3", lambda: it.compress([1], [1], [1]))

print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, "", "a", None, 2])))
show("dropwhile()", lambda: it.dropwhile())
show("dropwhile(None)", lambda: it.dropwhile(None))
show("dropwhile(None, [1])", lambda: list(it.dropwhile(None, [1])))
show("takewhile(x=1)", lambda: it.takewhile(x=1))
show("filterfalse()", lambda: it.filterfalse())
seen = []
tw = it.takewhile(lambda x: seen.append(x) or x < 3, it.count())
print(list(tw), seen, list(tw))

print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.starmap(max, ["ab", [1, 5]])))
show("starmap non-tuple", lambda: list(it.starmap(pow, [1])))
show("starmap 3 args", lambda: it.starmap(pow, [1], 3))

print([(k, list(g)) for k, g in it.groupby("aabbbcaa")])
print([(k, list(g)) for k, g in it.groupby([1, 1, 2, 2, 3], key=lambda v: v % 2)])
print([k for k, g in it.groupby("aabbcc")], list(it.groupby([])))
g = it.groupby("aabbcc")
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, list(g1), k2, list(g2), type(g1).__name__)
g = it.groupby("aaab")
k, grp = next(g)
print(next(grp), k, [(key, list(group)) for key, group in g], list(grp))
show("groupby()", lambda: it.groupby())
show("groupby(1)", lambda: it.groupby(1))
show("groupby keyfunc=", lambda: it.groupby([], keyfunc=1))
show("groupby 3 args", lambda: it.groupby([1], None, 3))

a, b = it.tee(iter([1, 2, 3]))
print(next(a), list(b), list(a), type(a).__name__)
print([list(x) for x in it.tee("abc", 3)], it.tee([1], 0), len(it.tee([1], 5)))
a, b = it.tee(it.count())
print([next(a) for _ in range(3)], next(b), [next(b) for _ in range(4)], next(a))
c = a.__copy__()
print(next(a), next(c), next(c))
x, y = it.tee(a)
print(x is a, next(x), next(y))
show("tee()", lambda: it.tee())
show("tee n=-1", lambda: it.tee([1], -1))
show("tee n='a'", lambda: it.tee([1], "a"))
show("tee(1)", lambda: it.tee(1))
show("tee 3 args", lambda: it.tee([1], 2, 3))

print(list(it.zip_longest("ab", "c", fillvalue="-")), list(it.zip_longest()), list(it.zip_longest([1, 2])))
print(list(it.zip_longest("abc", [1], [True, False])), list(it.zip_longest("a", "bc", fillvalue=None)))
show("zip_longest(1)", lambda: it.zip_longest(1))
show("zip_longest foo=", lambda: it.zip_longest([1], foo=1))


def broken():
    yield 1
    raise ValueError("boom")


print(list(it.islice(it.chain(broken()), 1)))
for item in it.accumulate(broken()):
    print("got", item)
