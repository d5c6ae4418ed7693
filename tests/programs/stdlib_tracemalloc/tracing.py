# tracemalloc: start/stop/is_tracing, the traceback of an object's allocation (innermost
# frame last in the Python API), traced memory rising with allocations and falling when they
# are freed, snapshots grouped by line, clear_traces, reset_peak, start's checks. Sizes are
# the implementation's own, so only their relations are printed.
import tracemalloc
import _tracemalloc

print(sorted(n for n in dir(_tracemalloc) if not n.startswith('__')))
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
tracemalloc.start(5)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())


def make():
    return [object() for i in range(1000)]


def outer():
    return make()


data = outer()
tb = tracemalloc.get_object_traceback(data[10])
print([(f.filename.rsplit('/', 1)[-1], f.lineno) for f in tb])
print(tb.total_nframe, len(tb))
before, peak = tracemalloc.get_traced_memory()
print(before > 1000 * 16, peak >= before)
del data
after, peak2 = tracemalloc.get_traced_memory()
print(after < before, peak2 == peak)
tracemalloc.reset_peak()
current, peak3 = tracemalloc.get_traced_memory()
print(peak3 <= peak2)

data = outer()
snapshot = tracemalloc.take_snapshot()
mine = [s for s in snapshot.statistics('lineno')
        if s.traceback[0].filename == __file__ and s.traceback[0].lineno == 15]
print(len(mine), mine[0].count >= 1000, mine[0].size >= 1000 * 16)
filtered = snapshot.filter_traces([tracemalloc.Filter(True, __file__)])
print(all(t.traceback[0].filename == __file__ for t in filtered.traces))

tracemalloc.clear_traces()
print(tracemalloc.is_tracing(), tracemalloc.get_object_traceback(data[0]))
for bad in (0, 70000, 'x', -1):
    try:
        tracemalloc.start(bad)
    except Exception as e:
        print(type(e).__name__, e)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), _tracemalloc._get_traces())
print(tracemalloc.get_object_traceback(object()))
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(type(e).__name__, e)
