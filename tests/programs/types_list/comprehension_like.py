# Building lists: comprehensions with conditions, nested loops, and the equivalent loops.
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for row in matrix for i in range(3) if i != 1])
print([[row[i] for row in matrix] for i in range(3)])
print([x if x % 2 else -x for x in range(6)], [(x, y) for x in range(3) for y in range(x)])
flat = []
for row in matrix:
    for v in row:
        flat.append(v)
print(flat, sum(flat), min(flat), max(flat))
