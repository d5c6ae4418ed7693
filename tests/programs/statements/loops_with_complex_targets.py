# for loop targets: tuples, nested tuples, attributes, subscripts, starred.
pairs = [(1, "a"), (2, "b")]
for num, letter in pairs:
    print(num, letter)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x + y)


class Holder:
    pass


h = Holder()
for h.value in range(3):
    pass
print(h.value)
slots = [0, 0]
for slots[1] in "xy":
    pass
print(slots)
for first, *rest in ["abc", "de"]:
    print(first, rest)
