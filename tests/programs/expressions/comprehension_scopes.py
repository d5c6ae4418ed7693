# Comprehensions have their own scope; the first iterable is evaluated in the enclosing scope.
x = "outer"
result = [x for x in range(3)]
print(result, x)


class K:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        bad = [i * factor for i in items for factor in [items]]
    except NameError as e:
        err = str(e)


print(K.doubled, K.err)
print([(i, j) for i in range(3) if i for j in range(i)], {i: [j for j in range(i)] for i in range(3)})
gen = (x * 2 for x in range(3))
print(list(gen), list(gen))
