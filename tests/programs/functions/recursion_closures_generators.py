# Recursive generators: tree flattening and permutations with yield from.
def flatten(tree):
    for node in tree:
        if isinstance(node, list):
            yield from flatten(node)
        else:
            yield node


def perms(items):
    if len(items) <= 1:
        yield items
        return
    for i, x in enumerate(items):
        for rest in perms(items[:i] + items[i + 1:]):
            yield [x] + rest


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])), list(perms([1, 2, 3])))
