# __len__ and __index__ returning hostile values; huge repetitions; negative sizes.
class HugeLen:
    def __len__(self):
        return 2 ** 100


class NegIndex:
    def __index__(self):
        return -(2 ** 100)


for f in [lambda: len(HugeLen()), lambda: bool(HugeLen()), lambda: [1][NegIndex()], lambda: "x" * NegIndex()]:
    try:
        print(f())
    except (OverflowError, IndexError, ValueError) as e:
        print(type(e).__name__, e)
for f in [lambda: [0] * (2 ** 62), lambda: "ab" * (2 ** 62), lambda: bytes(2 ** 62)]:
    try:
        f()
    except (MemoryError, OverflowError) as e:
        print(type(e).__name__)
