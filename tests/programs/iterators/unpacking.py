# Unpacking any iterable into targets; too many or too few values.
a, b = "xy"
c, d = {1: 2, 3: 4}
(e, f), g = [1, 2], 3
h, *i = range(4)
print(a, b, c, d, e, f, g, h, i)
for bad in ["a, b = [1]", "a, b = [1, 2, 3]", "a, *b, c = [1]", "a, b = 5", "[a] = []"]:
    try:
        exec(bad)
    except (ValueError, TypeError) as e:
        print(bad, "->", type(e).__name__, e)
