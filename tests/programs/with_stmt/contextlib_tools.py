# contextlib: contextmanager generators, suppress, ExitStack unwinding order, nullcontext.
import contextlib


@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    finally:
        print(f"</{name}>")


with tag("a") as t, tag("b"):
    print("inside", t)
with contextlib.suppress(KeyError):
    {}["x"]
print("suppressed")
with contextlib.ExitStack() as stack:
    for n in "xyz":
        stack.enter_context(tag(n))
    stack.callback(print, "callback")
with contextlib.nullcontext(5) as v:
    print(v)
try:
    with tag("err"):
        raise ValueError("in body")
except ValueError as e:
    print("caught", e)
