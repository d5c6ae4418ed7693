# contextvars: defaults, set/reset with tokens, copied contexts and Context.run isolation.
import contextvars

v = contextvars.ContextVar("v")
w = contextvars.ContextVar("w", default=5)
print(v.name, w.get(), repr(contextvars.Token.MISSING))
try:
    v.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__, e.args[0] is v)
print(v.get("fallback"))
t = v.set(1)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING)
ctx = contextvars.copy_context()
print(len(ctx), ctx[v], v in ctx, w in ctx, list(ctx) == [v], ctx.get(w), ctx.get(w, 9))


def inside(a):
    v.set(a)
    w.set(a * 2)
    return v.get(), w.get()


print(ctx.run(inside, 7), v.get(), w.get(), ctx[v], ctx[w])
v.reset(t)
print(v.get(None))
try:
    v.reset(t)
except RuntimeError as e:
    print("RuntimeError", "already been used" in str(e))
try:
    ctx.run(lambda: ctx.run(inside, 1))
except RuntimeError as e:
    print("RuntimeError", "already entered" in str(e))
try:
    w.reset(v.set(3))
except ValueError as e:
    print("ValueError", "different ContextVar" in str(e))
t2 = ctx.run(v.set, 10)
try:
    v.reset(t2)
except ValueError as e:
    print("ValueError", "different Context" in str(e))
print(len(contextvars.Context()), ctx == ctx.copy(), sorted(x for x in ctx.values()))
for bad in [lambda: contextvars.ContextVar(), lambda: contextvars.ContextVar(1),
            lambda: contextvars.Context(1), lambda: ctx["x"], lambda: hash(ctx)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(contextvars.ContextVar[int])
