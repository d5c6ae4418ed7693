# The integer string conversion limit (4300 digits) and sys.set_int_max_str_digits.
import sys
print(sys.get_int_max_str_digits())
x = 10 ** 5000
try:
    str(x)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("1" * 5000)
except ValueError as e:
    print(type(e).__name__, e)
print(len(hex(x)))
sys.set_int_max_str_digits(6000)
print(len(str(x)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 7000)))
