# product, permutations, combinations, combinations_with_replacement, pairwise and batched:
# results, edge sizes, and argument errors.
import itertools as it


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(list(it.product("ab", "xy")), list(it.product("ab", repeat=2)), list(it.product()))
print(list(it.product("ab", [], "c")), list(it.product("ab", repeat=0)), len(list(it.product(range(3), repeat=4))))
print(list(it.product(range(2), "ab", repeat=2))[:5])
show("product(1)", lambda: it.product(1))
show("product repeat=-1", lambda: it.product([1], repeat=-1))
show("product repeat='a'", lambda: it.product([1], repeat="a"))
show("product foo=1", lambda: it.product([1], foo=1))

print(list(it.permutations("abc")), list(it.permutations("abcd", 2))[:6], list(it.permutations("ab", 5)))
print(list(it.permutations([])), list(it.permutations("abc", 0)), len(list(it.permutations(range(6)))))
print(list(it.permutations(range(3), r=None)))
show("permutations()", lambda: it.permutations())
show("permutations r=-1", lambda: it.permutations([1], -1))
show("permutations r='a'", lambda: it.permutations([1], "a"))
show("permutations 3 args", lambda: it.permutations([1], 2, 3))

print(list(it.combinations("abcd", 2)), list(it.combinations(range(4), 3)), list(it.combinations("ab", 0)))
print(list(it.combinations("ab", 5)), list(it.combinations([], 0)), len(list(it.combinations(range(10), 5))))
print(list(it.combinations(iterable="abc", r=2)))
show("combinations([1])", lambda: it.combinations([1]))
show("combinations r=-1", lambda: it.combinations([1], -1))
show("combinations 3 args", lambda: it.combinations([1], 2, 3))

print(list(it.combinations_with_replacement("abc", 2)), list(it.combinations_with_replacement([], 2)))
print(list(it.combinations_with_replacement([], 0)), list(it.combinations_with_replacement("ab", 3)))
show("cwr([1])", lambda: it.combinations_with_replacement([1]))
show("cwr r=-1", lambda: it.combinations_with_replacement([1], -1))

print(list(it.pairwise("abcd")), list(it.pairwise("a")), list(it.pairwise([])), list(it.pairwise(range(4))))
show("pairwise()", lambda: it.pairwise())
show("pairwise(1)", lambda: it.pairwise(1))
show("pairwise(x=1)", lambda: it.pairwise(x=1))

print(list(it.batched("abcde", 2)), list(it.batched(range(6), 3)), list(it.batched([], 4)), list(it.batched("ab", n=5)))
show("batched strict", lambda: list(it.batched("abcde", 2, strict=True)))
print(list(it.batched("abcd", 2, strict=True)))
show("batched n=0", lambda: it.batched([1], 0))
show("batched n='a'", lambda: it.batched([1], "a"))
show("batched()", lambda: it.batched())
show("batched 3 positional", lambda: it.batched([1], 2, True))
show("batched 4 args", lambda: it.batched([1], 2, 3, 4))
show("batched huge", lambda: it.batched([1], 2**70))

pools = it.product("ab", repeat=2)
print(next(pools), next(pools), list(pools), list(pools))
perm = it.permutations("abc", 2)
print(next(perm), list(perm), list(perm))
for name in ["product", "permutations", "combinations", "combinations_with_replacement", "pairwise", "batched"]:
    print(name, getattr(it, name))
