# A __repr__ that recurses forever: RecursionError, not a crash; and a repr that calls repr of itself via a list.
class Loop:
    def __repr__(self):
        return repr(self)


try:
    repr(Loop())
except RecursionError as e:
    print(type(e).__name__, e)


class Container:
    def __init__(self):
        self.items = [self]

    def __repr__(self):
        return f"Container({self.items!r})"


try:
    print(repr(Container()))
except RecursionError as e:
    print(type(e).__name__, e)
print("still running")
