# compile() returns code objects whose names, constants and filenames are visible.
c = compile("def g():\n    return 42\n", "virtual.py", "exec")
ns = {}
exec(c, ns)
print(ns["g"](), ns["g"].__code__.co_filename, c.co_filename, ns["g"].__name__)
e = compile("(1, 2) + (3,)", "<e>", "eval")
print(eval(e), e.co_consts)
print(eval(compile("[i for i in range(3)]", "<c>", "eval")))
