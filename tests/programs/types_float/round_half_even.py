# round(): half to even for floats, exactness of binary representations, ndigits.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.5))
print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1.005, 2))
print(round(123.456, -1), round(123.456, 1), round(-123.456, 0), round(1e20, -5))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(round(5e-324, 400), round(1.23456789e10, 3))
for bad in [float("inf"), float("nan")]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(round(float("inf"), 2), round(float("nan"), 2))
