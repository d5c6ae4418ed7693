# round, pow with three arguments, hash of numbers (equal for equal values).
print(round(3.14159, 3), round(-2.5), round(7, -1), round(2.675, 2), round(1234.5678, -2))
print(pow(2, 10), pow(2, 100, 1000), pow(2.0, 3), pow(-8, 1 / 3) if False else pow(4, 0.5), pow(2, -2), pow(7, -1, 13))
print(hash(1) == hash(1.0) == hash(True), hash(2 ** 61 - 1), hash(2 ** 61), hash(-1) == -2, hash(0.5))
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
