# Metaclasses: __new__ and __init__ of the metaclass, __call__ controlling instantiation, __prepare__.
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        print("prepare", name)
        return {"injected": True}

    def __new__(mcs, name, bases, ns):
        print("new", name, sorted(k for k in ns if not k.startswith("__")))
        return super().__new__(mcs, name, bases, ns)

    def __init__(cls, name, bases, ns):
        print("init", name)
        super().__init__(name, bases, ns)

    def __call__(cls, *args):
        print("call", cls.__name__, args)
        return super().__call__(*args)


class Model(metaclass=Meta):
    field = 1

    def __init__(self, x):
        self.x = x


m = Model(5)
print(m.x, Model.injected, type(Model).__name__, isinstance(Model, Meta))


class Sub(Model):
    pass


print(type(Sub).__name__)
