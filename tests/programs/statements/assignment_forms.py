# Assignment forms: chained, tuple swap, augmented on attributes and items, annotated.
a = b = c = [0]
a.append(1)
print(a, b, c, a is c)
x, y = 1, 2
x, y = y, x
print(x, y)
obj = type("O", (), {})()
obj.n = 1
obj.n += 5
d = {"k": [1]}
d["k"] += [2]
d["k"][0] *= 10
print(obj.n, d)
count: int = 3
label: str
print(count, __annotations__)
i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print(i, lst)
