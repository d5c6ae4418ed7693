# Common NoneType errors: subscripting, iterating, arithmetic, and an uncaught one.
for expr in ["None[0]", "len(None)", "None + 1", "iter(None)", "None < 1", "-None"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", type(e).__name__, e)
result = {}.get("missing")
print(result.upper())
