# __call__ makes instances callable; callable(); calling non-callables.
class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x, *, twice=False):
        return (self.n + x) * (2 if twice else 1)


add5 = Adder(5)
print(add5(1), add5(1, twice=True), callable(add5), callable(Adder), callable(5), callable(print), callable(lambda: 0))
print(list(map(add5, [1, 2])))
try:
    5()
except TypeError as e:
    print(type(e).__name__, e)
try:
    add5()
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc"()
except TypeError as e:
    print(type(e).__name__, e)
