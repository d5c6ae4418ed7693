# Division by zero in every integer operation that divides.
for op in ["1 / 0", "1 // 0", "1 % 0", "divmod(1, 0)", "pow(0, -1)", "2 ** 10 // 0"]:
    try:
        eval(op)
    except ZeroDivisionError as e:
        print(op, "->", type(e).__name__, e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
print(10 // 3 * 3 + 10 % 3)
