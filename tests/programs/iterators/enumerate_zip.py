# enumerate with start; zip with unequal lengths and strict=True.
print(list(enumerate("abc")), list(enumerate("abc", 10)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip(*[(1, 2), (3, 4)])))
print(list(zip("ab", "cd", strict=True)))
for args in [("abc", "ab"), ("a", "ab"), ("ab", "ab", "a")]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print(type(e).__name__, e)
e = enumerate("xy")
print(next(e), next(e), next(e, None))
try:
    enumerate(5)
except TypeError as e:
    print(type(e).__name__, e)
