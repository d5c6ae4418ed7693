# Setting f_lineno from a 'line' event: jumps forward and back, and CPython's refusals.
import sys

def jumper(target_line, to_line):
    def tracer(frame, event, arg):
        if frame.f_code.co_name != 'body':
            return tracer
        if event == 'line' and frame.f_lineno == target_line and not tracer.done:
            tracer.done = True
            try:
                frame.f_lineno = to_line
                print('jumped to', frame.f_lineno)
            except ValueError as e:
                print('ValueError', e)
        return tracer
    tracer.done = False
    return tracer

def body():
    out = []
    out.append(1)
    out.append(2)
    out.append(3)
    for i in range(2):
        out.append(10 + i)
    try:
        out.append(4)
    except Exception:
        out.append(5)
    out.append(6)
    return out

first = body.__code__.co_firstlineno
cases = [
    (2, 4),    # skip out.append(1), out.append(2)
    (4, 2),    # backwards: repeat
    (3, 7),    # into the body of a for loop
    (7, 9),    # out of a for loop
    (3, 11),   # into an except block
    (3, 10),   # into a try body
    (3, 200),  # after the code
    (3, first - 5),  # before the code
]
for start, dest in cases:
    sys.settrace(jumper(first + start, dest if dest > 100 or dest < first else first + dest))
    try:
        print(start, dest, body())
    finally:
        sys.settrace(None)

def not_tracing():
    f = sys._getframe()
    try:
        f.f_lineno = 1
    except ValueError as e:
        print('ValueError', e)
not_tracing()

def on_call(frame, event, arg):
    if frame.f_code.co_name == 'body' and event in ('call', 'return'):
        try:
            frame.f_lineno = first + 3
        except ValueError as e:
            print(event, 'ValueError', e)
    return on_call
sys.settrace(on_call)
body()
sys.settrace(None)

def bad_value(frame, event, arg):
    if frame.f_code.co_name == 'body' and event == 'line':
        for v in ('x', 2.5):
            try:
                frame.f_lineno = v
            except ValueError as e:
                print('ValueError', e)
        try:
            del frame.f_lineno
        except (TypeError, AttributeError) as e:
            print(type(e).__name__, e)
        sys.settrace(None)
        return None
    return bad_value
sys.settrace(bad_value)
body()
sys.settrace(None)
