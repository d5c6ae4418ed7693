def top():
    pass

lambda: (yield)
lam = lambda a, *, b=lambda: 1: (lambda c: a + c)

def decorated():
    @decorator(arg)
    def inner(x=default):
        pass
    @classdeco
    class K:
        pass
    return inner, K

def super_in_plain_function():
    return super()

def class_named_top():
    class top:
        v = 1
    return top

def everything_global():
    global a, b
    a = b = 1
    del a

def import_in_function():
    import os.path
    from sys import argv as av
    return os.path, av

def nested_nonlocal():
    v = 0
    def a():
        def b():
            nonlocal v
            v += 1
        return b
    return a

def free_through_class():
    fv = 1
    class Pass:
        def m(self):
            return fv
    return Pass

def conflicting_class_free():
    cv = 1
    class Holds:
        cv = 2
        def m(self):
            return cv
    return Holds

x = [i for i in range(3)]
print(i)
