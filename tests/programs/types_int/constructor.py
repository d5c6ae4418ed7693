# int(): from strings in several bases, with underscores and whitespace; from floats.
print(int(), int("42"), int("  -17  "), int("+8"), int("1_000_000"))
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0))
print(int("z", 36), int("10", 2), int("777", 8))
print(int(3.99), int(-3.99), int(True), int(1e20))
print(int("٣٤"))
for bad in ["", "1.5", "0x", "1__0", "_1", "abc", "12a"]:
    try:
        int(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int("10", 1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
