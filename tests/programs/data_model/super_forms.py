# Every form of super(): zero-argument in methods, classmethods and staticmethod errors,
# two-argument with an instance or a subclass, unbound super, super in __init_subclass__,
# properties through super, and the errors.
class A:
    def who(self):
        return "A"

    @classmethod
    def cm(cls):
        return f"A.cm({cls.__name__})"

    @property
    def prop(self):
        return "A.prop"

    def __repr__(self):
        return "A()"


class B(A):
    def who(self):
        return "B>" + super().who()

    @classmethod
    def cm(cls):
        return "B>" + super().cm()

    @property
    def prop(self):
        return "B>" + super().prop


class C(A):
    def who(self):
        return "C>" + super().who()


class D(B, C):
    def who(self):
        return "D>" + super().who()


d = D()
print(d.who(), D.cm(), d.prop)
print(super(B, d).who(), super(C, d).who(), super(D, D).cm())
print(super(B, D).who(d))
s = super(B, d)
print(type(s).__name__, s.__thisclass__.__name__, s.__self__ is d, s.__self_class__.__name__)
print(repr(super(A, d)).startswith("<super: <class 'A'>, <D object>>") or repr(super(A, d)))
u = super(B)
print(u.__thisclass__.__name__, u.__self__)
print(super(B, d).__repr__())

for args in [(B, 1), (1, d), ()]:
    try:
        super(*args)
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)


def outside():
    return super()


try:
    outside()
except RuntimeError as e:
    print("RuntimeError", e)


class E(A):
    @staticmethod
    def sm():
        return super().who()


try:
    E.sm()
except RuntimeError as e:
    print("RuntimeError", e)


class F(A):
    def no_args(*args):
        return super().who()


try:
    F.no_args()
except RuntimeError as e:
    print("RuntimeError", e)


class G(A):
    def rebind(self):
        self = 5
        return super().who()


try:
    G().rebind()
except TypeError as e:
    print("TypeError", e)


class H(A):
    def via_lambda(self):
        return (lambda: super().who())()

    def via_comp(self):
        return [super().who() for _ in range(1)]


try:
    H().via_lambda()
except RuntimeError as e:
    print("RuntimeError", e)
print(H().via_comp())


class Attr(A):
    def __getattr__(self, name):
        return f"getattr:{name}"

    def sup(self):
        try:
            return super().missing
        except AttributeError as e:
            return f"AttributeError {e}"


print(Attr().sup())
print(super(A, d).__class__.__name__)
