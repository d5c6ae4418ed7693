# Set methods accept any iterables; operators need sets; in-place operators.
s = {1, 2, 3}
print(s.union("ab") == {1, 2, 3, "a", "b"}, s.intersection(range(2, 10)), s.difference([1]), s.symmetric_difference((3, 4)))
t = set(s)
t |= {4}
t &= {1, 4, 5}
t -= {1}
t ^= {9}
print(t, s <= {1, 2, 3, 4}, s.issubset([1, 2, 3]))
try:
    s & [1]
except TypeError as e:
    print(type(e).__name__, e)
