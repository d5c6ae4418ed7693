# The native _warnings module: Lib/warnings.py uses its filters, warn and warn_explicit.
import sys
import warnings
import _warnings

print(warnings.filters is _warnings.filters)
print(warnings.warn is _warnings.warn, warnings.warn_explicit is _warnings.warn_explicit)
print(warnings.defaultaction, _warnings._defaultaction)
print(warnings.onceregistry is _warnings._onceregistry)
print(type(_warnings.warn).__name__, _warnings.__doc__)

def show(message, category, filename, lineno, file=None, line=None):
    print("shown:", category.__name__, message, filename.rsplit("/", 1)[-1], lineno)

warnings.showwarning = show

def emit(text, category=UserWarning, stacklevel=1):
    warnings.warn(text, category, stacklevel=stacklevel)

for action in ["default", "once", "module", "always", "ignore"]:
    warnings.resetwarnings()
    warnings.simplefilter(action)
    print("--", action)
    for i in range(2):
        emit("same text")
    warnings.warn("at module level")
    warnings.warn("at module level")

warnings.resetwarnings()
warnings.simplefilter("always")
emit("caller's line", stacklevel=2)
emit("far away", stacklevel=10)
warnings.warn(DeprecationWarning("an instance"))
warnings.warn("category None", None)

# Filters by message, category, module and line.
warnings.resetwarnings()
warnings.filterwarnings("ignore", message="skip")
warnings.filterwarnings("error", category=RuntimeWarning)
warnings.filterwarnings("always", module="__main__")
warnings.warn("skip me")
warnings.warn("keep me")
try:
    warnings.warn("raised", RuntimeWarning)
except RuntimeWarning as e:
    print("error:", type(e).__name__, e)

# warn_explicit: module, registry and the "module" normalisation of the file name.
warnings.resetwarnings()
warnings.simplefilter("default")
registry = {}
warnings.warn_explicit("explicit", UserWarning, "some/file.py", 12, registry=registry)
warnings.warn_explicit("explicit", UserWarning, "some/file.py", 12, registry=registry)
print(sorted(repr(k) for k in registry))
warnings.warn_explicit("no module", UserWarning, "f.py", 1, module=None)
warnings.warn_explicit("module given", UserWarning, "f.py", 2, "mod")
print(warnings.warn_explicit("returns", UserWarning, "f.py", 3))

# Errors.
for args, kwargs in [
    (("x", 5), {}),
    (("x", int), {}),
    (("x",), {"stacklevel": "1"}),
    (("x",), {"skip_file_prefixes": ["a"]}),
    (("x",), {"skip_file_prefixes": (1,)}),
    (("x",), {"bogus": 1}),
]:
    try:
        warnings.warn(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
for args in [("x", UserWarning, 3, 1), ("x", UserWarning, "f", "1"), ("x", UserWarning)]:
    try:
        warnings.warn_explicit(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    warnings.warn_explicit("x", UserWarning, "f", 1, registry=[])
except TypeError as e:
    print("TypeError:", e)

warnings.filters[:] = [("bogus", None, Warning, None, 0)]
try:
    warnings.warn("bad action")
except RuntimeError as e:
    print("RuntimeError:", e)
warnings.filters[:] = ["not a tuple"]
try:
    warnings.warn("bad filter")
except ValueError as e:
    print("ValueError:", e)
warnings.filters[:] = [(1, None, Warning, None, 0)]
try:
    warnings.warn("bad action type")
except TypeError as e:
    print("TypeError:", e)
warnings.resetwarnings()
warnings.defaultaction = 5
try:
    warnings.warn("bad default")
except TypeError as e:
    print("TypeError:", e)
warnings.defaultaction = "once"
warnings.onceregistry = []
try:
    warnings.warn("bad once registry")
except TypeError as e:
    print("TypeError:", e)
warnings.onceregistry = {}
warnings.warn("once via the new registry")
warnings.warn("once via the new registry")
print(len(warnings.onceregistry))

# catch_warnings(record=True) goes through _showwarnmsg.
warnings.defaultaction = "default"
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("recorded", source="the source")
    warnings.warn("again", BytesWarning)
print([(str(w.message), w.category.__name__, w.lineno, w.source) for w in caught])
sys.stdout.flush()
