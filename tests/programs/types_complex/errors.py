# complex errors: no ordering, division by zero, bad strings, no int().
for op in ["1j < 2j", "1j // 2", "1j % 2", "int(1j)", "float(1j)", "complex('1+')", "complex('1', 2)", "1j / 0", "0j ** -1", "round(1j)"]:
    try:
        eval(op)
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(op, "->", type(e).__name__, e)
