# Bitwise operators on positive, negative and large integers.
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010)
print(1 << 70, (1 << 70) >> 65, -1 >> 5, -16 >> 2, -1 << 3)
print(-12 & 0xFF, -12 | 3, -12 ^ -3)
print((2 ** 100 - 1) & (2 ** 64 + 5), (2 ** 100) | 1)
print(~(2 ** 80))
for n in [0, 1, 5, 255, -1, -256, 2 ** 100]:
    print(n, n.bit_length(), n.bit_count())
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -3
except ValueError as e:
    print(type(e).__name__, e)
