# Traceback entries refer to the frames' own objects: tb_frame is sys._getframe() of the
# frame that raised, f_locals after the frame ended, and an exception thrown through
# `yield from` gets one entry per frame.
import sys

seen = {}

def record_and_raise(tag):
    seen[tag] = sys._getframe()
    secret = tag * 2
    raise LookupError(tag)

def middle():
    seen['middle'] = sys._getframe()
    record_and_raise('x')

try:
    middle()
except LookupError as e:
    tb = e.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    print([f.f_code.co_name for f in frames])
    print(frames[1] is seen['middle'], frames[2] is seen['x'])
    print(frames[2].f_locals['secret'], frames[2].f_back is frames[1])
    print(frames[0] is sys._getframe())
    print(frames[2].f_lineno, frames[1].f_lineno)

def sub():
    yield 1

def delegate():
    yield from sub()

g = delegate()
next(g)
g.throw(ValueError('thrown'))
