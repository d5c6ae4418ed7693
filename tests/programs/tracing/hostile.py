# Hostile tracers: a trace function that raises (at 'call', at 'line', at 'return'), settrace
# inside a traced function, a profile function that raises, tracing turned off from inside.
import sys

def target(n):
    a = n + 1
    b = a * 2
    return b

def raise_on_call(frame, event, arg):
    raise RuntimeError('from call')

sys.settrace(raise_on_call)
try:
    target(1)
except RuntimeError as e:
    print('caught', e, sys.gettrace())

def raise_on_line(frame, event, arg):
    if event == 'line' and frame.f_lineno == 7:
        raise ValueError('from line')
    return raise_on_line

sys.settrace(raise_on_line)
try:
    target(2)
except ValueError as e:
    print('caught', e, sys.gettrace())
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print('raised in', tb.tb_frame.f_code.co_name, tb.tb_lineno)

def raise_on_return(frame, event, arg):
    if event == 'return' and frame.f_code.co_name == 'target':
        raise KeyError('from return')
    return raise_on_return

sys.settrace(raise_on_return)
try:
    print(target(3))
except KeyError as e:
    print('caught', repr(e), sys.gettrace())

events = []
def inner_tracer(frame, event, arg):
    events.append(('inner', event, frame.f_code.co_name))
    return inner_tracer

def outer_tracer(frame, event, arg):
    events.append(('outer', event, frame.f_code.co_name))
    return outer_tracer

def switches():
    x = 1
    sys.settrace(inner_tracer)
    y = target(x)
    return y

sys.settrace(outer_tracer)
switches()
sys.settrace(None)
for e in events:
    print(e)

def stop_inside(frame, event, arg):
    print('stop_inside', event, frame.f_code.co_name)
    if event == 'line':
        sys.settrace(None)
    return stop_inside

sys.settrace(stop_inside)
target(4)
print('after', sys.gettrace())

def bad_profile(frame, event, arg):
    if event == 'c_call':
        raise OSError('from profile')

sys.setprofile(bad_profile)
try:
    len([])
except OSError as e:
    print('caught', e, sys.getprofile())

def returns_junk(frame, event, arg):
    return 42

sys.settrace(returns_junk)
try:
    target(5)
except TypeError as e:
    print('TypeError', e)
sys.settrace(None)
print(sys.gettrace())

def counting(frame, event, arg):
    counting.n += 1
    return None
counting.n = 0
sys.settrace(counting)
target(6)
sys.settrace(None)
print('calls only', counting.n)

try:
    sys.settrace()
except TypeError as e:
    print('TypeError', e)

target(1)
