# Chained comparisons evaluate each operand once and stop early.
def v(x):
    print("eval", x)
    return x


print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(1 < 2 > 1 == 1 != 2 <= 2 >= 2, 1 < 3 < 2, "a" < "b" < "c", 1 is 1 is not None)
x = 5
print(0 <= x < 10, 0 < x in [5], 1 in [1] in [[1]], not 1 < 0)
