# Assignment expressions: in conditions, comprehensions (binding in the enclosing scope), while loops.
data = [3, 8, 1, 9]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 5], y)
values = iter([1, 2, 0, 4])
while (v := next(values)) != 0:
    print("got", v)
print((total := sum(data)), total)


def f():
    [z := i for i in range(3)]
    return z


print(f())
