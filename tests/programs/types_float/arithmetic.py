# float arithmetic: floor division and modulo signs, powers, special values, errors.
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, divmod(-7.5, 2))
print(2.0 ** 0.5, (-8.0) ** (1 / 3), 2 ** -1.0, 0.0 ** 0)
print(1e308 * 10, -1e308 * 10, float("inf") - float("inf"), 0.1 * 3)
print(float("inf") * 0, float("inf") / 2 ** 1000)
for op in ["1.0 / 0", "1.0 // 0.0", "1.0 % 0.0", "0.0 ** -1", "divmod(1.0, 0)"]:
    try:
        eval(op)
    except ZeroDivisionError as e:
        print(op, "->", type(e).__name__, e)
try:
    10.0 ** 400
except OverflowError as e:
    print(type(e).__name__, e)
try:
    2 ** 10000 * 1.0
except OverflowError as e:
    print(type(e).__name__, e)
print(abs(-0.0), -0.0 == 0.0, 1 / 3 + 1 / 3 + 1 / 3 == 1.0, 0.1 + 0.2 == 0.3)
