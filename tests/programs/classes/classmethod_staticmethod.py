# classmethod and staticmethod objects: binding, calling through class and instance, __func__.
class C:
    @classmethod
    def cm(cls, x):
        return cls.__name__, x

    @staticmethod
    def sm(x):
        return x * 2

    def im(self):
        return type(self).__name__


class D(C):
    pass


print(C.cm(1), D.cm(2), D().cm(3), C.sm(4), C().sm(5), D().im())
print(type(C.__dict__["cm"]).__name__, type(C.__dict__["sm"]).__name__, C.__dict__["sm"].__func__(6))
print(type(C.cm).__name__, C.cm.__self__ is C, type(C().im).__name__, type(C.im).__name__)
m = C().im
print(m.__func__ is C.im, m(), m.__name__)
