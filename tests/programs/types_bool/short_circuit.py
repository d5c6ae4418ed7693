# and/or return operands and evaluate lazily; not returns a bool.
log = []


def v(x):
    log.append(x)
    return x


print(v(0) and v(1), log)
log.clear()
print(v(2) and v(3), log)
log.clear()
print(v(0) or v("") or v([]), log)
log.clear()
print(v(None) or v(5) or v(6), log)
print(not 0, not [1], not None, 1 and 2 or 3, 0 and 2 or 3, [] or {} or ())
x = None
print(x is None and "none" or "some", x is not None)
