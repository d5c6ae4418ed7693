# float repr: the shortest string that round-trips; exponent switches at 1e16 and 1e-4.
for x in [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5,
          0.0001234, 5e-324, 1.7976931348623157e308, 2.5, 100.0, -0.0, 1e22, 1e23, 9007199254740993.0]:
    print(repr(x), str(x))
print(float("inf"), float("-inf"), float("nan"), -float("nan"))
print(1e400, -1e400, 1e-400)
