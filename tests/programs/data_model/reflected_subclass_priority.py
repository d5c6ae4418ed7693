# A right operand whose type is a subclass of the left's, overriding the reflected method, goes first.
class Base:
    def __add__(self, o):
        return "Base.__add__"

    def __radd__(self, o):
        return "Base.__radd__"

    def __lt__(self, o):
        return "Base.__lt__"

    def __gt__(self, o):
        return "Base.__gt__"


class Sub(Base):
    def __radd__(self, o):
        return "Sub.__radd__"

    def __gt__(self, o):
        return "Sub.__gt__"


class Plain(Base):
    pass


print(Base() + Sub(), Sub() + Base(), Base() + Plain(), Base() < Sub(), Sub() < Base(), 1 + Sub())


class MyInt(int):
    def __radd__(self, o):
        return "MyInt.__radd__"

    def __rsub__(self, o):
        return "MyInt.__rsub__"


print(1 + MyInt(2), 1 - MyInt(2), MyInt(2) + 1, 1.5 + MyInt(2))
