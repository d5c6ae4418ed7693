# Indexing and slicing strings, with negative and out-of-range bounds and steps.
s = "pyrs-python"
print(s[0], s[-1], s[2:4], s[:3], s[5:], s[-6:], s[::2], s[::-1], s[1:9:3], s[100:], s[-100:2])
print(s[8:2:-2], s[::-3], s[3:3], repr(s[5:2]), s[slice(1, 4)], s[slice(None, None, -4)])
for bad in ["s[11]", "s[-12]", "s['a']", "s[1.0]", "s[::0]"]:
    try:
        eval(bad)
    except (IndexError, TypeError, ValueError) as e:
        print(bad, type(e).__name__, e)
try:
    s[0] = "P"
except TypeError as e:
    print(type(e).__name__, e)
