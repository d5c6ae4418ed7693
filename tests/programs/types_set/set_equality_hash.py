# Sets use __hash__ and __eq__; equal numbers of different types collapse.
print({1, 1.0, True}, len({0, 0.0, False, -0.0}), {1, 2} == {2.0, 1.0})


class Same:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 1

    def __eq__(self, other):
        return self.v == other.v

    def __repr__(self):
        return f"Same({self.v})"


s = {Same(1), Same(2), Same(1)}
print(len(s), Same(2) in s, Same(3) in s)
print(sorted({(1, 2), (1, 2), (0, 5)}))
