# setprofile: call/return of Python functions, c_call/c_return/c_exception of built-ins.
import sys

def show(frame, event, arg):
    if event.startswith('c_'):
        print(event, frame.f_code.co_name, getattr(arg, '__qualname__', arg))
    else:
        print(event, frame.f_code.co_name, frame.f_lineno, repr(arg) if event == 'return' else '')

def helper(xs):
    xs.append(len(xs))
    return max(xs)

def boom():
    return int('x')

def main():
    xs = [3, 1]
    helper(xs)
    sorted(xs, key=abs)
    try:
        boom()
    except ValueError:
        pass
    d = {}
    d.get(1)
    str.upper('a')
    def gen():
        yield 1
        yield 2
    for v in gen():
        pass
    return xs

sys.setprofile(show)
main()
sys.setprofile(None)
print('getprofile', sys.getprofile())
