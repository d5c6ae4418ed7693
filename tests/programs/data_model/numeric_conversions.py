# __int__, __float__, __complex__, __round__, __trunc__, __floor__, __ceil__ and their errors.
import math


class Num:
    def __int__(self):
        return 7

    def __float__(self):
        return 7.5

    def __complex__(self):
        return 1j

    def __round__(self, n=None):
        return f"round({n})"

    def __trunc__(self):
        return "trunc"

    def __floor__(self):
        return "floor"

    def __ceil__(self):
        return "ceil"


n = Num()
print(int(n), float(n), complex(n), round(n), round(n, 2), math.trunc(n), math.floor(n), math.ceil(n))


class BadInt:
    def __int__(self):
        return "x"


try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)
try:
    round(object())
except TypeError as e:
    print(type(e).__name__, e)
