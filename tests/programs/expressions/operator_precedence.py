# Operator precedence and associativity, including ** right associativity and unary minus.
print(2 ** 3 ** 2, (2 ** 3) ** 2, -3 ** 2, (-3) ** 2, 2 ** -1)
print(1 + 2 * 3, (1 + 2) * 3, 10 - 4 - 3, 10 - (4 - 3), 100 / 10 / 5, 2 * 3 % 4)
print(1 | 2 ^ 3 & 4, (1 | 2) ^ 3, 1 << 2 + 1, not True == False, not (True == False))
print(1 if 0 else 2 + 3, [1, 2] + [3] * 2, "a" "b" * 2, -1 ** 0.5 if False else -(1 ** 0.5))
print(True + True * 2, 3 > 2 == 2, (3 > 2) == 2, 5 in [5] == [5])
