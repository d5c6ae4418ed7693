# round() and math-like helpers on ints: negative ndigits, half-even on ints.
print(round(12345, -2), round(12350, -2), round(12450, -2), round(-12350, -2))
print(round(5), round(5, 2), type(round(5, 1)).__name__)
print(round(25, -1), round(35, -1), round(-25, -1))
print(sum(range(101)), sum([2 ** 64, 2 ** 64]), max(range(10 ** 6)))
import math
print(math.gcd(12, 18), math.lcm(4, 6), math.isqrt(10 ** 20 + 1), math.factorial(20), math.comb(10, 3))
