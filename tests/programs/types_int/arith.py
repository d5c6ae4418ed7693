# Integer arithmetic: floor division and modulo signs, powers, divmod, true division.
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(2 ** 10, 2 ** -1, (-2) ** 3, -2 ** 2, 0 ** 0)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
print(7 / 2, -7 / 2, 6 / 3, 1 / 3)
print(abs(-5), -(-5), +5, ~5, ~-1)
print(pow(3, 4, 5), pow(-3, 3, 7), pow(3, -1, 7))
print(10 ** 20 // 3, 10 ** 20 % 7)
