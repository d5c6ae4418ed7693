# list operators: +, *, +=, *=, comparisons, membership, aliasing with repetition.
a = [1, 2]
b = a
a += [3]
print(a, b, a is b)
a = a + [4]
print(a, b, a is b)
grid = [[0] * 2] * 2
grid[0][0] = 1
print(grid, [[0] * 2 for _ in range(2)])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] == [], [1, [2]] == [1, [2]], 2 in [1, 2], [0] * -1)
c = [1]
c *= 3
print(c, [None] * 3, [1, 2] * 0)
try:
    [1] + (2,)
except TypeError as e:
    print(type(e).__name__, e)
c += (5, 6)
c += "ab"
print(c)
try:
    [1] < ["a"]
except TypeError as e:
    print(type(e).__name__, e)
