# globals() and locals() in module, function and class scopes.
g = 1


def f(a, b=2):
    c = 3
    return sorted(locals().items())


class K:
    x = 1
    names = sorted(k for k in locals() if not k.startswith("__"))


print(f(1), K.names, globals()["g"], "f" in globals(), globals() is locals(), __name__)
globals()["created"] = "via globals"
print(created)
