# Augmented assignment evaluates the target's container and index once.
calls = []


def idx():
    calls.append("idx")
    return 0


def container():
    calls.append("container")
    return data


data = [10]
container()[idx()] += 5
print(data, calls)


class O:
    def __init__(self):
        self.v = 1


o = O()
o.v **= 10
o.v //= 3
o.v %= 100
o.v <<= 2
o.v |= 1
o.v ^= 3
o.v &= 0xFF
o.v >>= 1
o.v -= 1
o.v /= 2
print(o.v)
