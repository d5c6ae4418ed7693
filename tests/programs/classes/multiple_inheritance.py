# Cooperative multiple inheritance: every __init__ runs once in MRO order through super().
class Base:
    def __init__(self, **kw):
        print("Base", kw)
        super().__init__()


class Left(Base):
    def __init__(self, left=None, **kw):
        print("Left", left)
        super().__init__(**kw)


class Right(Base):
    def __init__(self, right=None, **kw):
        print("Right", right)
        super().__init__(**kw)


class Both(Left, Right):
    def __init__(self, **kw):
        print("Both")
        super().__init__(**kw)


Both(left=1, right=2, extra=3)
print([c.__name__ for c in Both.__mro__])


class Mixin:
    def describe(self):
        return f"{type(self).__name__} with {self.value}"


class Value:
    def __init__(self, v):
        self.value = v


class Described(Mixin, Value):
    pass


print(Described(5).describe())
