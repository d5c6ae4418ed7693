# Iterators of builtins are their own iterators, exhaust once, and have type names.
for obj in [[1], (1,), "a", b"a", {1: 2}, {1}, range(1), {1: 2}.items(), {1: 2}.values(), bytearray(b"a")]:
    it = iter(obj)
    print(type(it).__name__, iter(it) is it, list(it), list(it))
print(type(iter(lambda: 1, 1)).__name__, type(zip()).__name__, type(map(abs, [])).__name__, type(reversed([])).__name__)
