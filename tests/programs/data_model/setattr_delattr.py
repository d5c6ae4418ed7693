# __setattr__ and __delattr__ intercept assignments and deletions, including in __init__.
class Frozen:
    def __init__(self, x):
        object.__setattr__(self, "x", x)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete {name!r}")


f = Frozen(3)
print(f.x)
for stmt in ["f.x = 4", "f.y = 1", "del f.x"]:
    try:
        exec(stmt)
    except AttributeError as e:
        print(stmt, "->", e)


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value * 2)

    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)


lg = Logged()
lg.a = 5
print(lg.a, vars(lg))
del lg.a
print(vars(lg))
try:
    del lg.a
except AttributeError as e:
    print(type(e).__name__, e)
