# Sets of small ints iterate in CPython's order: by hash modulo the table size.
print({3, 1, 2}, {10, 5, 100, 1, 33}, set(range(10)), {-1, -2, 5}, {64, 32, 8, 0})
s = set()
for i in [7, 15, 23, 31, 8]:
    s.add(i)
print(s, list(s), sorted(s))
print({100, 200, 300, 1}, frozenset({9, 17, 1}), set([1000, 2000, 8, 16]))
s = set(range(20))
for i in range(0, 20, 3):
    s.discard(i)
print(s)
print({1, 2} | {40, 3}, {1, 2, 3} & {3, 2}, {5, 6, 7} - {6}, {1, 2} ^ {2, 99})
