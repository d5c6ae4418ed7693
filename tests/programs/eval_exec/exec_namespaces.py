# exec defines names in the given namespaces; functions defined by exec see its globals.
ns = {}
exec("def f(n):\n    return n + offset\noffset = 10\nresult = f(5)", ns)
print(ns["result"], ns["f"](1), sorted(k for k in ns if k != "__builtins__"))
g, l = {}, {}
exec("a = 1\nb = a + 1", g, l)
print(sorted(k for k in g if k != "__builtins__"), l)
exec("class K:\n    v = 3", ns)
print(ns["K"].v, ns["K"].__module__ if "__name__" in ns else ns["K"].__module__)


def func():
    exec("z = 99")
    return "z" in locals(), locals().get("z")


print(func())
print(exec("1 + 1"), exec("x = 5", {}, None) if False else "ok")
