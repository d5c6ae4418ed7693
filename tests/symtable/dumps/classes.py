class Base:
    pass

class Derived(Base, metaclass=Meta, flag=True):
    attr = 1
    def method(self):
        return super().method()
    def uses_class(self):
        return __class__
    @staticmethod
    def static():
        return attr
    @property
    def prop(self):
        return self.attr
    class Inner:
        def deep(self):
            return super()
    def __private(self):
        self.__x = 1
        return __y, _Derived__z
    __slot = 1
    import __mod
    def __dunder__(self):
        pass
    def __init__(self, __arg):
        __local = __arg
        return lambda: __local

def f():
    v = 1
    class C:
        v = 2
        def g(self):
            return v
        w = v
    return C

def h():
    u = 1
    class D:
        global u2
        nonlocal u
        def k(self):
            return u, u2
    return D

class ___:
    __x = 1

class _Lead:
    __x = 1
