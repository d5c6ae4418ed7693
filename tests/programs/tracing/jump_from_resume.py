# f_lineno set from the 'call' event of a resumed generator: allowed, unbound locals become None
# with a RuntimeWarning.
import sys
def gen():
    for i in range(3):
        x = yield i
        print('after yield', i, x)
    print('end')
def tracer(frame, event, arg):
    if frame.f_code.co_name == 'gen':
        print(event, frame.f_lineno)
        if event == 'call' and frame.f_lineno == first + 2 and not tracer.done:
            tracer.done = True
            try:
                frame.f_lineno = first + 4
                print('jumped')
            except ValueError as e:
                print('ValueError', e)
    return tracer
tracer.done = False
first = gen.__code__.co_firstlineno
g = gen()
next(g)
sys.settrace(tracer)
try:
    print(g.send('a'))
    print(g.send('b'))
except StopIteration:
    print('stop')
sys.settrace(None)
