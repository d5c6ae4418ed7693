# math's exact integer functions on ints of any size, and rounding to integers through
# __floor__, __ceil__ and __trunc__.
import math


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)


print(math.factorial(0), math.factorial(20), math.factorial(25), math.factorial(100) % 10**20)
print(len(str(math.factorial(1000))), math.factorial(True))
show("factorial(-1)", math.factorial, -1)
show("factorial(1.5)", math.factorial, 1.5)
show("factorial(10**20)", math.factorial, 10**20)
show("factorial('5')", math.factorial, "5")

for n in [0, 1, 15, 16, 17, 10**20 + 1, 2**127, 2**200 - 1]:
    r = math.isqrt(n)
    print("isqrt", n, r, r * r <= n < (r + 1) ** 2)
show("isqrt(-1)", math.isqrt, -1)
show("isqrt(2.0)", math.isqrt, 2.0)

print(math.gcd(), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 30), math.gcd(0, 0), math.gcd(2**100, 2**50 * 3))
print(math.lcm(), math.lcm(-4), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm(0, 5), math.lcm(2**70, 3**40))
show("gcd float", math.gcd, 1, 2.5)
show("lcm str", math.lcm, "a")
show("gcd keywords", lambda: math.gcd(a=1))

for n, k in [(10, 3), (10, 0), (10, 10), (3, 10), (100, 50), (10**20, 3), (60, 30)]:
    print("comb", n, k, math.comb(n, k), "perm", math.perm(n, k))
print(math.perm(5), math.perm(5, None), math.perm(0))
show("comb negative n", math.comb, -1, 2)
show("comb negative k", math.comb, 5, -2)
show("perm negative k", math.perm, 5, -1)
show("comb float", math.comb, 5.0, 2)
show("comb huge", math.comb, 10**20, 10**19)
show("perm huge", math.perm, 10**20, 10**19)
show("comb one arg", math.comb, 5)

print("-- log of big ints")
for x in [2**1000, 10**400, 3**5000]:
    print(math.log(x), math.log2(x), math.log10(x), math.log(x, 10))
show("log(0)", math.log, 0)
show("log(-5)", math.log, -5)
show("log(-2**2000)", math.log, -(2**2000))
show("log base 1", math.log, 10, 1)
show("log base 0", math.log, 10, 0)
show("log no args", math.log)
show("log three args", math.log, 1, 2, 3)
print(math.log(8, 2), math.log(100, 10), math.log(1), math.log(math.e))

print("-- floor, ceil, trunc")
for x in [2.5, -2.5, 3, True, 10**30, -0.0, 1e300]:
    print(x, math.floor(x), math.ceil(x), math.trunc(x), type(math.floor(x)).__name__)
for x in [math.inf, -math.inf, math.nan]:
    show(f"floor({x})", math.floor, x)
    show(f"ceil({x})", math.ceil, x)
    show(f"trunc({x})", math.trunc, x)


class Number:
    def __floor__(self):
        return "floor!"

    def __ceil__(self):
        return "ceil!"

    def __trunc__(self):
        return "trunc!"

    def __float__(self):
        return 2.75


print(math.floor(Number()), math.ceil(Number()), math.trunc(Number()), math.sqrt(Number()))


class OnlyFloat:
    def __float__(self):
        return 2.75


print(math.floor(OnlyFloat()), math.ceil(OnlyFloat()))
show("trunc(OnlyFloat())", math.trunc, OnlyFloat())
show("floor('x')", math.floor, "x")
show("trunc('x')", math.trunc, "x")
