# More trace events: exceptions crossing frames, generator send/throw, yield from, with
# blocks, class bodies, recursion, break/continue, coroutines driven by hand.
import sys

def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name in ('tracer', '__exit__', '__enter__') and event != 'call':
        return tracer
    if event == 'exception':
        arg = arg[0].__name__
    elif event == 'return':
        arg = repr(arg)
    else:
        arg = ''
    print(f'{event:9} {name:12} {frame.f_lineno} {arg}')
    return tracer

def deep(n):
    if n == 0:
        raise IndexError('bottom')
    return deep(n - 1)

def crossing():
    try:
        deep(2)
    except IndexError:
        pass

def gen():
    try:
        x = yield 1
        print('got', x)
        yield 2
    except KeyError:
        yield 'recovered'

def delegating():
    r = yield from gen()
    return r

class CM:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return True

def with_block():
    with CM():
        raise OSError('swallowed')
    return 'after'

def loops():
    out = 0
    for i in range(5):
        if i == 1:
            continue
        if i == 3:
            break
        out += i
    while True:
        out += 1
        if out > 3:
            break
    return out

async def coro():
    return 7

def main():
    crossing()
    g = gen()
    next(g)
    g.send('sent')
    g.throw(KeyError)
    d = delegating()
    print(next(d), d.send(None))
    print(with_block())
    print(loops())
    class K:
        attr = 1
        def m(self):
            return self.attr
    K().m()
    c = coro()
    try:
        c.send(None)
    except StopIteration as e:
        print('coro value', e.value)
    print([x for x in range(2)])

sys.settrace(tracer)
main()
sys.settrace(None)
