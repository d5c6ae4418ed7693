# complex(), float(), int() and bool() as builtins with keyword arguments and strings.
print(complex(real=1, imag=2), float("  1e3"), int("101", base=2), int(x="7") if False else int("7"), bool([]))
print(int("0_7", 0) if False else int("7", 0), float(" -inf "), complex(1, 1j), complex("-1.5e2+3j"))
for bad in ["int('07', 0)", "complex('1 + 2j')", "int('1', base=40)", "float('1e', )"]:
    try:
        eval(bad)
    except (ValueError, TypeError) as e:
        print(bad, "->", type(e).__name__, e)
