# The messages of a circular import: a name not yet bound in a partially initialised module.
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)) + "/pkgs")
try:
    import circ_a
except ImportError as e:
    print(type(e).__name__, str(e).replace(os.path.dirname(os.path.abspath(__file__)) + "/", ""))
import plainmod
try:
    from plainmod import nothing_by_that_name
except ImportError as e:
    print(str(e).replace(os.path.dirname(os.path.abspath(__file__)) + "/", ""), e.name)
try:
    from sys import nothing_here
except ImportError as e:
    print(e, e.name, e.path)
