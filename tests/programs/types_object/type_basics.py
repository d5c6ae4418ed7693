# type: type of builtins, type(), three-argument type(), isinstance/issubclass, __name__/__qualname__.
print(type(1), type("a"), type([]), type(type), type(object), type(len), type(None))
C = type("C", (object,), {"x": 1, "hello": lambda self: "hi " + type(self).__name__})
c = C()
print(C.__name__, C.x, c.hello(), C.__bases__, isinstance(c, C), issubclass(C, object), C.__module__)
D = type("D", (C,), {})
print(D.__mro__, issubclass(D, C), isinstance(D(), C), type(D) is type, D().hello())


class Outer:
    class Inner:
        def method(self):
            pass


print(Outer.Inner.__qualname__, Outer.Inner.method.__qualname__, Outer.__qualname__, Outer.Inner.__name__)
print(isinstance(1, (str, int)), issubclass(bool, (str, int)), isinstance(int, type), isinstance(type, object))
for bad in ["type('X', 1, {})", "type('X')", "isinstance(1, 2)", "issubclass(1, int)", "type(1, 2)"]:
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", type(e).__name__, e)
