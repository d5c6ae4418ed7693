# dir, vars, getattr, setattr, hasattr, delattr.
class C:
    a = 1

    def __init__(self):
        self.b = 2


c = C()
print([n for n in dir(c) if not n.startswith("_")], vars(c), sorted(k for k in vars(C) if not k.startswith("__")))
setattr(c, "d", 4)
print(getattr(c, "d"), hasattr(c, "a"), hasattr(c, "z"), getattr(c, "z", None))
delattr(c, "d")
print(hasattr(c, "d"))
for bad in ["getattr(c, 'zz')", "getattr(c, 5)", "vars(5)", "delattr(c, 'zz')", "setattr(1, 'x', 2)"]:
    try:
        eval(bad)
    except (AttributeError, TypeError) as e:
        print(bad, "->", type(e).__name__, e)


class Custom:
    def __dir__(self):
        return ["z", "a", "m"]


print(dir(Custom()))
