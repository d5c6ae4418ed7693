# bool in collections and as indexes; sum of bools; comparison ordering.
items = [3, 8, 1, 9, 4]
print(sum(x > 3 for x in items), [x > 3 for x in items].count(True))
print(["no", "yes"][True], ("a", "b")[False], items[True])
print(sorted([True, False, True, 0, 1]), max(False, True), True > False)
print(set([True, 1, 1.0]), len({False, 0, 0.0, 0j}))
print(True.real, True.imag, True.numerator, (True).bit_length(), True.as_integer_ratio())
