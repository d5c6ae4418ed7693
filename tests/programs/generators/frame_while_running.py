# gi_frame and cr_frame while the generator runs are its running frame (sys._getframe()).
import sys
def gen():
    f = g.gi_frame
    print(f is sys._getframe(), f.f_code.co_name, f.f_lineno, g.gi_running)
    yield 1
    print(g.gi_frame.f_lineno)
    yield 2
g = gen()
print(g.gi_frame.f_lineno, g.gi_frame.f_lasti >= 0)
next(g)
print(g.gi_frame.f_lineno)
next(g)
print(list(g), g.gi_frame)
async def co():
    return c.cr_frame is sys._getframe()
c = co()
try:
    c.send(None)
except StopIteration as e:
    print("cr_frame", e.value)
