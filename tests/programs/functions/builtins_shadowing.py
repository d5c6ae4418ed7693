# Shadowing builtins in a module and a function, then restoring access through builtins.
import builtins


def len(x):
    return "shadowed"


print(len([1, 2]), builtins.len([1, 2]))
del len
print(len([1, 2]))


def f():
    print = lambda *a: builtins.print("custom:", *a)
    print("hello")


f()
print(type(builtins.__dict__["abs"]).__name__)
