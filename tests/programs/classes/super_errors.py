# super() errors: outside a method, in a staticmethod, and with wrong arguments.
try:
    super()
except RuntimeError as e:
    print(type(e).__name__, e)


class A:
    @staticmethod
    def s():
        return super().x

    def m(self):
        def inner():
            return super().m
        return inner()


try:
    A.s()
except (RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
try:
    A().m()
except (RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
try:
    super(A, 1)
except TypeError as e:
    print(type(e).__name__, e)
print(type(super(A, A())).__name__)
