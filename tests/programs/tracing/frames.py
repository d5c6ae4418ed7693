# Live frame objects: sys._getframe, f_back chains, f_lineno as a call progresses, f_locals
# reading and writing (FrameLocalsProxy), f_code, f_globals, f_builtins, tb_frame, clear().
import sys

def caller_line():
    return sys._getframe(1).f_lineno

def watch():
    fr = sys._getframe()
    back = fr.f_back
    print('back', back.f_code.co_name, back.f_lineno)
    return fr, back

def outer():
    fr, back = watch()
    print('outer sees', back is sys._getframe(), back.f_lineno)
    x = 1
    print('now', back.f_lineno, caller_line())
    y = 2
    print('later', back.f_lineno)
    return fr

fr = outer()
print('ended', fr.f_code.co_name, fr.f_lineno, fr.f_back.f_code.co_name)
print(sorted(fr.f_locals))

def chain():
    names = []
    f = sys._getframe()
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names
def a(): return chain()
def b(): return a()
print(b())

def locals_rw():
    v = 1
    w = [1]
    p = sys._getframe().f_locals
    print(type(p).__name__, p['v'], 'v' in p, 'nope' in p, len(p))
    p['v'] = 10
    print('v is', v)
    p['extra'] = 'e'
    print(sorted(p.keys()), p.get('extra'), p.get('zzz', 'dflt'))
    try:
        p['zzz']
    except KeyError as e:
        print('KeyError', e)
    try:
        del p['v']
    except TypeError as e:
        print('TypeError', e)
    def inner():
        return v
    p['v'] = 20
    print('cell', inner(), v)
    print(dict(p.items()) == {k: p[k] for k in p})
    return sys._getframe()

f = locals_rw()
print(f.f_locals['v'], sorted(f.f_locals))
print(f.f_globals is globals(), f.f_builtins is __builtins__.__dict__ if hasattr(__builtins__, '__dict__') else f.f_builtins is __builtins__)
print(f.f_lasti >= 0, type(f.f_lasti).__name__)

def raiser():
    local_value = 'kept'
    raise KeyError('k')
try:
    raiser()
except KeyError as e:
    tb = e.__traceback__
    frames = []
    while tb:
        frames.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_lineno))
        tb = tb.tb_next
    print(frames)
    last = e.__traceback__.tb_next.tb_frame
    print(last.f_locals['local_value'])
    last.clear()
    print(dict(last.f_locals))
    try:
        sys._getframe().clear()
    except RuntimeError as err:
        print('RuntimeError', err)

def gen():
    yield sys._getframe().f_back is not None
    yield 2
g = gen()
print(g.gi_frame.f_lineno, g.gi_frame.f_back)
print(next(g), g.gi_frame.f_lineno, g.gi_frame.f_back)
try:
    g.gi_frame.clear()
except RuntimeError as err:
    print('RuntimeError', err)
print(sys._getframe().f_code.co_name, sys._getframe().f_locals is globals())
try:
    sys._getframe(100)
except ValueError as e:
    print('ValueError', e)
print(repr(sys._getframe()).startswith('<frame at 0x'), repr(sys._getframe()).endswith("line 98, code <module>>"))
