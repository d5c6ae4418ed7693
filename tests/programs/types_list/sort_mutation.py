# Mutating a list from its sort key: "list modified during sort"; the list is restored after.
a = [3, 1, 2]


def key(x):
    a.append(x)
    return x


try:
    a.sort(key=key)
except ValueError as e:
    print(type(e).__name__, e)
print(len(a) >= 3)

b = [5, 4, 3, 2, 1]


def clearing(x):
    b.clear()
    return x


try:
    b.sort(key=clearing)
except ValueError as e:
    print(type(e).__name__, e)
print(sorted(b))
