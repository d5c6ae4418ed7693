# Unary operators and their errors on types that lack them.
class U:
    def __neg__(self):
        return "neg"

    def __pos__(self):
        return "pos"

    def __invert__(self):
        return "inv"


u = U()
print(-u, +u, ~u, not u)
for expr in ["-'a'", "~1.5", "+[]", "~None"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", type(e).__name__, e)
