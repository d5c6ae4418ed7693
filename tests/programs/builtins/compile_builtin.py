# compile() in exec, eval and single modes; code objects run with exec/eval.
code = compile("a = 6 * 7\nprint('compiled', a)", "<demo>", "exec")
print(type(code).__name__, code.co_filename, code.co_name)
exec(code)
expr = compile("x ** 2", "<expr>", "eval")
print(eval(expr, {"x": 9}))
single = compile("1 + 1", "<single>", "single")
exec(single)
try:
    compile("x = 1", "<e>", "eval")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    compile("1", "<m>", "bogus")
except ValueError as e:
    print(type(e).__name__, e)
