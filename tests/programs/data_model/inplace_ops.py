# In-place operators: __iadd__ used when present (and may return anything), fallback to __add__.
class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self


class OnlyAdd:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return OnlyAdd(self.v + o)


a = Acc()
before = a
a += 1
a += 2
print(a.items, a is before)
o = OnlyAdd(1)
first = o
o += 5
print(o.v, o is first, first.v)


class Weird:
    def __iadd__(self, x):
        return "replaced"


w = Weird()
w += 1
print(w)
for op in ["x //= 0", "x **= 'a'", "x @= 1", "x >>= 1.0", "x |= 'a'"]:
    x = 5
    try:
        exec(op)
    except (TypeError, ZeroDivisionError) as e:
        print(op, "->", type(e).__name__, e)
lst = [1]
t = lst
lst += (2,)
print(t, lst is t)
