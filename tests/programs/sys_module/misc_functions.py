# sys functions and attributes: getsizeof, switch interval, audit hooks, call_tracing, _getframemodulename, thread_info, prefixes.
import sys
print(sys.getsizeof(0) > 0, sys.getsizeof(object(), 5) > 0, sys.is_finalizing(), sys.gettrace(), sys.getprofile(), sys.getswitchinterval())
sys.setswitchinterval(0.01); print(sys.getswitchinterval())
for a in ["x", 0, -1]:
    try: sys.setswitchinterval(a)
    except Exception as e: print(type(e).__name__, e)
events = []
sys.addaudithook(lambda ev, args: events.append((ev, args)) if ev.startswith("my.") else None)
sys.audit("my.event", 1, "two")
print(events)
try: sys.audit(1)
except TypeError as e: print(e)
print(sys.call_tracing(max, (1, 5)), sys._getframemodulename(), type(sys.thread_info).__name__, len(sys.thread_info), sys.thread_info.name)
print(sys.platlibdir, sys.pycache_prefix, sys._xoptions, sys.copyright[:20], isinstance(sys.executable, str), sys.prefix == sys.base_prefix)
class S:
    def __sizeof__(self): return -1
try: sys.getsizeof(S())
except ValueError as e: print(e)
