# A SyntaxError raised by compile() is catchable; one from exec() left uncaught prints its caret line.
try:
    compile("x = (1, 2", "<snippet>", "exec")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset, e.filename, repr(e.text))
try:
    compile("def f(:\n    pass", "<s2>", "exec")
except SyntaxError as e:
    print(type(e).__name__, e)
exec("print('fine')\nvalue = 1 +* 2\n")
