# f_trace_opcodes ('opcode' events), f_trace_lines = False, threading.settrace/gettrace,
# sys.call_tracing, and a trace function installed only on some frames.
import sys
import threading

def small(a):
    b = a + 1
    return b

def opcode_tracer(frame, event, arg):
    if frame.f_code.co_name == 'small':
        if event == 'call':
            frame.f_trace_opcodes = True
            frame.f_trace_lines = False
        print(event, frame.f_lineno)
    return opcode_tracer

sys.settrace(opcode_tracer)
small(1)
sys.settrace(None)

def line_then_opcodes(frame, event, arg):
    if frame.f_code.co_name == 'small':
        print(event, frame.f_lineno)
        if event == 'line':
            frame.f_trace_opcodes = True
    return line_then_opcodes

sys.settrace(line_then_opcodes)
small(1)
sys.settrace(None)

seen = []
def thread_tracer(frame, event, arg):
    if event == 'call':
        seen.append(frame.f_code.co_name)
    return None

threading.settrace(thread_tracer)
print(threading.gettrace() is thread_tracer)
threading.settrace(None)
print(threading.gettrace())

def local_only(frame, event, arg):
    print('local', event, frame.f_code.co_name, frame.f_lineno)
    return local_only

def global_none(frame, event, arg):
    return None

def traced_here():
    f = sys._getframe()
    f.f_trace = local_only
    sys.settrace(global_none)
    x = 1
    small(x)
    y = 2
    sys.settrace(None)
    return y

traced_here()
print(sys.call_tracing(small, (5,)))
