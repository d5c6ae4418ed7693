# Comparing tuples stops at the first difference; incomparable items raise only when reached.
print((1, "a") < (2, 1), (1, 2) == (1, "2"), (1, [2]) < (1, [3]))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, 2), (1, 3)]), min((3, 1), (2, 9)))
print((float("nan"),) == (float("nan"),), (1, 2, 3)[-5:5], tuple(range(3))[::2])
