# Mixing ints and floats: promotion, exact comparisons, large ints.
print(1 + 2.0, 3 * 0.5, 7 // 2.0, 7 % 2.5, 2 ** 0.5, 10 / 4)
print(2 ** 63 + 0.0, float(2 ** 63) == 2 ** 63, 2 ** 63 + 1 == float(2 ** 63 + 1))
print(int(2.5e15), int(-1e-10), 3.0 == 3, hash(3.0) == hash(3))
print(sum([0.1] * 10), sum([1, 2.5, 3]), type(sum([1, 2])).__name__)
print(1e15 + 0.3, 1e16 + 1, 123456789 * 1.0)
print((2 ** 1000) / (2 ** 999), (10 ** 20) / 3)
try:
    (10 ** 400) / 3
except OverflowError as e:
    print(type(e).__name__, e)
print((10 ** 400) // 3 > 1e308)
