# __new__ and __init__: order, arguments, __new__ returning another type skips __init__.
class Traced:
    def __new__(cls, *args):
        print("new", cls.__name__, args)
        return super().__new__(cls)

    def __init__(self, *args):
        print("init", args)


t = Traced(1, 2)


class Other:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never")


print(Other())


class Single:
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst


print(Single() is Single())
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)


class NoArgs:
    pass


try:
    NoArgs(1)
except TypeError as e:
    print(type(e).__name__, e)
