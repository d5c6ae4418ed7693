# A full container class: len, iteration, reversed, contains, item access with negative indices.
class Ring:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Ring(*self.items[i])
        return self.items[i % len(self.items)]

    def __iter__(self):
        return iter(self.items)

    def __repr__(self):
        return f"Ring{tuple(self.items)}"


r = Ring(1, 2, 3)
print(len(r), r[5], r[-1], r[1:], list(r), list(reversed(r)), 2 in r, sorted(r, reverse=True), max(r), [*r], dict.fromkeys(r))
