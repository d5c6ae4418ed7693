# tuple: construction, singletons, reprs, indexing, count/index, immutability.
t = (1, "a", 2.5, None)
print(t, (), (1,), tuple("ab"), tuple([1, 2]), len(t), t[1], t[-1], t[1:3], t[::-1])
print(t.count(1), t.index("a"), (1, 2) + (3,), (0,) * 3, 1 in t, (1, 2) < (1, 3), (1, 2) < (1, 2, 0))
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.index(99)
except ValueError as e:
    print(type(e).__name__, e)
try:
    (1,) + [2]
except TypeError as e:
    print(type(e).__name__, e)
x = 1, 2
y, = [5]
print(x, y, type(x).__name__, ((1,),), tuple(tuple(r) for r in [[1], [2]]))
