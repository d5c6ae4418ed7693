# Nested comprehensions of every kind, with conditions at several levels.
m = [[i * 3 + j for j in range(3)] for i in range(3)]
print(m, [v for row in m for v in row if v % 2], [[row[i] for row in m] for i in range(3)])
print({(i, j) for i in range(3) for j in range(i)}, {i: {j for j in range(i)} for i in range(3)})
print([x for x in range(20) if x % 2 if x % 3], [(a, b) for a in "ab" for b in "xy" if a != "b" or b != "y"])
print(list((i, j) for i in range(2) for j in range(2)))
