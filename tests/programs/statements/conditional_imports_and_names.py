# NameError messages with suggestions from locals, globals and builtins.
length = 5


def f():
    values = [1, 2]
    try:
        return valeus
    except NameError as e:
        print(type(e).__name__, e)


f()
try:
    lenght
except NameError as e:
    print(type(e).__name__, e)
try:
    prnt("x")
except NameError as e:
    print(type(e).__name__, e)
try:
    completely_unknown_xyz
except NameError as e:
    print(type(e).__name__, e, e.name)
