# Class bodies are not enclosing scopes for methods; names resolve to globals.
x = "global"


class C:
    x = "class"

    def method(self):
        return x

    y = [x for _ in range(1)]
    z = x


print(C().method(), C.y, C.z)


def f():
    x = "enclosing"

    class D:
        print("class body sees", x)
        x = "class attr"

        def m(self):
            return x

    return D().m(), D.x


print(f())
