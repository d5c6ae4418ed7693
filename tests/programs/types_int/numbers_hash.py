# Hashes of numbers equal CPython's, across int, float, complex, bool, Fraction and Decimal;
# int methods and mixed comparisons.
import sys
from fractions import Fraction
from decimal import Decimal

vals = [0, 1, -1, -2, 2**61 - 1, 2**61, 2**62, -(2**61), 2**100, -(2**100), 10**30,
        1.5, -1.5, 0.1, 1e300, -0.0, float("inf"), float("-inf"), 2.0**70,
        1 + 2j, -1j, complex(0.5, -0.25), True, False]
for v in vals:
    print(repr(v), hash(v))
print(sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.imag)
for f in [Fraction(1, 2), Fraction(-7, 3), Fraction(10**20, 3)]:
    print(f, hash(f), hash(f) == hash(float(f)) if f.denominator == 2 else "")
for d in ["1.5", "0.1", "-2", "1e100"]:
    print(d, hash(Decimal(d)))
print(hash(Fraction(3, 1)) == hash(3), hash(Decimal(3)) == hash(3), hash(Decimal("1.5")) == hash(1.5))

# int methods.
for n in [0, 1, -1, 255, -256, 2**64, -(2**64) + 1]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.is_integer(),
          n.to_bytes(12, "big", signed=True).hex(), int.from_bytes(n.to_bytes(12, "little", signed=True), "little", signed=True))
print(pow(3, 200, 1000007), pow(2, -1, 7), pow(-3, 3, 10), pow(5, 0, 1))
for args in [(2, -1, 4), (2, 3, 0), (2.0, 3, 5)]:
    try:
        pow(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Exact mixed comparisons.
big = 2**53 + 1
print(big == float(big), big > float(big), float(big) < big, 2**1000 < float("inf"), -(2**1000) > float("-inf"))
print(10**400 > 1e308, (10**400) == float("inf"), 1 == 1.0, hash(1) == hash(1.0))
print(0.5 < Fraction(2, 3), Fraction(1, 3) < 0.34, Decimal("0.5") == 0.5, Decimal("0.1") == 0.1)
print((2**63).__index__(), round(2.5), round(3.5), round(-2.5), round(1234, -2), round(1250, -2))
