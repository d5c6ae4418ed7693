# frozenset: hashable, usable as dict keys and set members, mixed operations with set.
f = frozenset([3, 1, 2])
print(f, hash(f) == hash(frozenset([1, 2, 3])), {f: "x"}[frozenset({1, 2, 3})], {f, frozenset()})
print(type(f | {4}).__name__, type({4} | f).__name__, f == {1, 2, 3}, set(f) == f, frozenset() == set())
try:
    f.add(4)
except AttributeError as e:
    print(type(e).__name__, e)
print(frozenset("aa") == frozenset("a"), len(frozenset(range(100))), frozenset([1]) in {frozenset([1])})
s = {frozenset([1])}
print(set([1]) in s)
