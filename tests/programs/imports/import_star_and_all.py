# from module import *: public names only, or those listed in __all__.
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
from plainmod import *
print(sorted(n for n in dir() if not n.startswith("_")))
import types
m = types.ModuleType("withall")
exec("__all__ = ['keep']\nkeep = 1\ndrop = 2\n_private = 3", m.__dict__)
sys.modules["withall"] = m
from withall import *
print(keep, "drop" in dir())
