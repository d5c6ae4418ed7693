# Comparing ints with floats, bools and big ints exactly.
big = 2 ** 53 + 1
print(big == float(big), big > float(2 ** 53), 2 ** 53 == float(2 ** 53))
print(1 == 1.0, 1 == True, 0 == False, 1 < 1.5, -1 < -0.5)
print(10 ** 400 > 1e308, 10 ** 400 < float("inf"), -(10 ** 400) > float("-inf"))
print(float("nan") == 1, 1 != float("nan"), 1 < float("nan"))
print(max(1, 2.0, True), min(3, 2.5), sorted([3, 1.5, True, 0, -2]))
print(5 == 5 == 5.0, 1 < 2 < 3 > 2)
