# ImportError and ModuleNotFoundError messages, names and suggestions.
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import shapes.nope
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from shapes import nothing_here
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from plainmod import bumpp
except ImportError as e:
    print(type(e).__name__, e)
try:
    import plainmod.sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
