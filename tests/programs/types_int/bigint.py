# Arbitrary precision: large products, powers, negative numbers, conversions.
a = 2 ** 200
b = 3 ** 150
print(a)
print(b)
print(a * b)
print(a - b, b - a)
print(a // b, a % b)
print(-a // 7, -a % 7)
print((a * b) // (a + 1))
f = 1
for i in range(1, 51):
    f *= i
print(f)
print(len(str(f)), f.bit_length())
print(int("123456789012345678901234567890") + 1)
print(-(10 ** 30), abs(-(10 ** 30)))
print(10 ** 30 == 10 ** 30, 10 ** 30 > 10 ** 29, hash(10 ** 30) == hash(10 ** 30))
