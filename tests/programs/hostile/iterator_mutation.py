# Mutating lists while iterating over them: defined (if surprising) results, no crash.
a = [1, 2, 3, 4]
for x in a:
    if x == 2:
        a.remove(x)
print(a)
b = [1]
for x in b:
    if len(b) < 5:
        b.append(x + 1)
print(b)
c = [1, 2, 3]
it = iter(c)
next(it)
c.clear()
print(list(it))
d = list(range(5))
for i, x in enumerate(d):
    del d[i:]
print(d)
