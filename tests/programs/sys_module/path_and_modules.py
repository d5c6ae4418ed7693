# sys.path[0] is the script's directory; sys.modules["__main__"] is this module.
import sys
print(sys.path[0].endswith("tests/programs/sys_module"), sys.path[0] == sys.path[0].rstrip("/"))
main = sys.modules["__main__"]
print(main.__name__, main.__file__.endswith("path_and_modules.py"), __file__ == main.__file__, __spec__ is None)
print(__package__, __doc__, __loader__.__class__.__name__ != "", __builtins__ is not None)
