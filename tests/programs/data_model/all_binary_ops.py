# Every binary operator reaches its dunder, reflected variants included.
class R:
    def __repr__(self):
        return "R"


names = ["add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow", "lshift", "rshift", "and", "xor", "or"]
for n in names:
    setattr(R, f"__{n}__", lambda self, o, n=n: f"{n}({o})")
    setattr(R, f"__r{n}__", lambda self, o, n=n: f"r{n}({o})")
r = R()
print(r + 1, r - 1, r * 1, r @ 1, r / 1, r // 1, r % 1, divmod(r, 1), r ** 1, pow(r, 2), r << 1, r >> 1, r & 1, r ^ 1, r | 1)
print(1 + r, 1 - r, 1 * r, 1 @ r, 1 / r, 1 // r, 1 % r, divmod(1, r), 1 ** r, 1 << r, 1 >> r, 1 & r, 1 ^ r, 1 | r)
try:
    1 @ 2
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(R(), 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
