# Errors inside comprehensions propagate with their frame; the loop variable does not leak.
try:
    [1 / x for x in [1, 0]]
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    {x: y for x, y in [(1, 2), (3,)]}
except ValueError as e:
    print(type(e).__name__, e)
try:
    [x for x in None]
except TypeError as e:
    print(type(e).__name__, e)
try:
    x
except NameError as e:
    print(type(e).__name__, e)
print([y for y in [[1, 2]][0]])
