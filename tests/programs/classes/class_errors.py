# Errors from class definitions and instantiation: bad bases, abstract methods, metaclass conflicts.
import abc
try:
    class A(5):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    @abc.abstractmethod
    def perimeter(self):
        ...


try:
    Shape()
except TypeError as e:
    print(type(e).__name__, e)


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    def perimeter(self):
        return 4 * self.s


print(Square(3).area(), isinstance(Square(1), Shape))


class M1(type):
    pass


class M2(type):
    pass


class X(metaclass=M1):
    pass


class Y(metaclass=M2):
    pass


try:
    class Z(X, Y):
        pass
except TypeError as e:
    print(type(e).__name__, e)
