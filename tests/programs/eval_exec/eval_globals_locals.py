# eval with explicit globals and locals; locals shadow globals; builtins injected.
g = {"x": 1}
l = {"y": 2}
print(eval("x + y", g, l), "__builtins__" in g, eval("len('abc')", {}), eval("x", {"x": "global"}, {"x": "local"}))
print(eval("[a * 2 for a in range(n)]", {"n": 3}), eval("  1 + 1  "), eval("lambda: 5")())
try:
    eval("undefined_here", {})
except NameError as e:
    print(type(e).__name__, e)
try:
    eval("x = 1")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    eval("len", {"__builtins__": {}})
except NameError as e:
    print(type(e).__name__, e)
