# list methods: append, extend, insert, pop, remove, index, count, reverse, copy, clear.
a = [3, 1, 4]
a.append(1)
a.extend((5, 9))
a.insert(0, 2)
a.insert(100, 6)
a.insert(-1, 8)
print(a, a.count(1), a.index(1), a.index(1, 3), a.pop(), a.pop(0), a)
a.remove(1)
print(a, a.copy() == a, a.copy() is a)
a.reverse()
print(a)
a.clear()
print(a, len(a))
for bad in ["[].pop()", "[1].pop(5)", "[1].remove(2)", "[1].index(2)", "[1, 2].index(1, 1)", "[].insert('a', 1)"]:
    try:
        eval(bad)
    except (IndexError, ValueError, TypeError) as e:
        print(bad, "->", type(e).__name__, e)
