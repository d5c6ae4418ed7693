# Keyword-only parameters after * or *args; required ones; error messages.
def f(a, *, key, flag=False):
    return a, key, flag


def g(*args, sep):
    return sep.join(args)


print(f(1, key=2), f(1, flag=True, key=3), g("a", "b", sep="-"))
for call in ["f(1, 2)", "f(1)", "f(1, key=1, other=2)", "g('a')", "f(key=1)", "f(1, key=1, key2=1, key3=1)"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)
