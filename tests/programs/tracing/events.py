# A tracer printing (event, co_name, f_lineno) for calls, loops, exceptions, generators and returns.
import sys

def tracer(frame, event, arg):
    extra = ''
    if event == 'return':
        extra = repr(arg)
    elif event == 'exception':
        extra = arg[0].__name__
    print(event, frame.f_code.co_name, frame.f_lineno, extra)
    return tracer

def gen(n):
    for i in range(n):
        yield i * 2
    return 'end'

def loop(n):
    total = 0
    for i in range(n):
        total += i
    while n > 0:
        n -= 1
    return total

def fails():
    raise ValueError('bad')

def catches():
    try:
        fails()
    except ValueError as e:
        return str(e)
    finally:
        x = 1

def one_line_loop():
    for i in range(2): pass
    i = 0
    while i < 2: i += 1

class C:
    def __init__(self, v):
        self.v = v
    def method(self):
        return [self.v * k for k in range(2)]

def main():
    loop(3)
    print(list(gen(2)))
    print(catches())
    one_line_loop()
    c = C(2)
    print(c.method())
    lam = lambda q: q + 1
    lam(1)
    g = gen(3)
    next(g)
    print(list(g))

sys.settrace(tracer)
main()
sys.settrace(None)
print('gettrace', sys.gettrace())
