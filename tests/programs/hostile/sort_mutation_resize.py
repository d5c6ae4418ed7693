# list.sort notices any resize during the sort (append then pop, extend, insert), not an emptying of an empty list.
def run(mutate):
    data = list(range(20))

    def key(x):
        if x == 5:
            mutate(data)
        return -x

    try:
        data.sort(key=key)
        print("sorted", data[:3])
    except ValueError as e:
        print(type(e).__name__, e, len(data))


run(lambda d: (d.append(1), d.pop()))
run(lambda d: d.extend([1, 2]))
run(lambda d: d.insert(0, 9))
run(lambda d: d.clear())
run(lambda d: d.reverse())
run(lambda d: d.__setitem__(slice(None), []))
run(lambda d: d.__iadd__([3]))
outer = [3, 1, 2]


def nested(x):
    outer.sort()
    return x


outer.sort(key=nested)
print(outer)
