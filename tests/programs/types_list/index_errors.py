# An uncaught IndexError: list index out of range.
items = ["a", "b", "c"]
for i in range(4):
    print(i, items[i])
