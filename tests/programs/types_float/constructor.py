# float(): from strings (with spaces, underscores, special values), ints, and bad input.
print(float(), float("  3.25 "), float("1_000.5"), float("-1e-3"), float("+inf"), float("-Infinity"))
print(float("nan"), float("  NaN\n"), float(10), float(True), float(2 ** 60))
print(float(".5"), float("5."), float("1E5"), float("0x10".replace("0x", "")))
for bad in ["", "1.2.3", "abc", "1e", "1_", "_1", "in f", "0x10"]:
    try:
        float(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    float([])
except TypeError as e:
    print(type(e).__name__, e)


class F:
    def __float__(self):
        return 2.5


class I:
    def __index__(self):
        return 7


print(float(F()), float(I()))
