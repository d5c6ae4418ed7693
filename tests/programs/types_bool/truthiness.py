# Truth testing: __bool__ beats __len__, errors from bad __bool__ results.
class WithBool:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v


class WithLen:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Neither:
    pass


print(bool(WithBool(True)), bool(WithBool(False)), bool(WithLen(0)), bool(WithLen(3)), bool(Neither()))
print("yes" if WithLen(2) else "no", not WithLen(0), WithLen(0) or "fallback", WithLen(1) and "both")
for bad in [WithBool(1), WithBool("x"), WithLen(-1)]:
    try:
        bool(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    if WithLen(2 ** 100):
        pass
except OverflowError as e:
    print(type(e).__name__, e)
