# Defining __eq__ without __hash__ makes instances unhashable; __hash__ = None; hash results.
class EqOnly:
    def __eq__(self, o):
        return True


class Both:
    def __eq__(self, o):
        return True

    def __hash__(self):
        return 42


class Inherit(Both):
    pass


class Off:
    __hash__ = None


print(EqOnly.__hash__, hash(Both()), hash(Inherit()))
for cls in [EqOnly, Off]:
    try:
        hash(cls())
    except TypeError as e:
        print(type(e).__name__, e)


class BadHash:
    def __hash__(self):
        return "no"


try:
    hash(BadHash())
except TypeError as e:
    print(type(e).__name__, e)


class BigHash:
    def __hash__(self):
        return 2 ** 100


print(hash(BigHash()) == hash(2 ** 100), hash(-1), hash(-2), hash(0), hash(1.0), hash(None) == hash(None))
