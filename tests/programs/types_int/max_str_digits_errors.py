# sys.set_int_max_str_digits argument errors and limits for str(), int(), format() and other bases.
import sys
for args in [(5,), ("x",), (), (2 ** 70,), (-1,), (639,), (640, 1)]:
    try:
        sys.set_int_max_str_digits(*args)
        print("ok", sys.get_int_max_str_digits())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
sys.set_int_max_str_digits(maxdigits=700)
print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)
big = 7 ** 900
for f in [str, repr, lambda x: f"{x}", lambda x: "%d" % x, lambda x: format(x, ",")]:
    try:
        f(big)
    except ValueError as e:
        print(type(e).__name__, str(e)[:60])
print(len(hex(big)), len(bin(big)), len(oct(big)), int("f" * 1000, 16) > 0)
try:
    int("9" * 701)
except ValueError as e:
    print(type(e).__name__, e)
print(len(str(int("9" * 700))))
sys.set_int_max_str_digits(0)
print(len(str(big)), sys.get_int_max_str_digits())
