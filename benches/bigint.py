# Arbitrary-precision integers: factorials, powers, division, conversion to decimal.
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


digits = 0
for k in range(300):
    f = factorial(1000 + k)
    digits += len(str(f))
p = pow(3, 20_000) + pow(7, 9_000)
q = p // factorial(500)
fib_a, fib_b = 0, 1
for _ in range(250_000):
    fib_a, fib_b = fib_b, fib_a + fib_b
print(digits, q % 1_000_000_007, fib_a % 998_244_353, f.bit_length())
