# Set comprehensions and conversions; sets print small ints in hash order.
print({x % 5 for x in range(20)}, {x * x for x in range(-3, 4)}, set("aaa"), len(set("hello")))
print(sorted({c for c in "mississippi"}), set(map(abs, [-1, 1, -2])), {*range(3), *[8, 9]})
