# PEP 420 namespace packages: one package over two directories, its __path__ and spec.
import sys, os
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here + "/pkgs/nsroot1")
sys.path.insert(0, here + "/pkgs/nsroot2")
import nspkg
import nspkg.one
from nspkg import two
print(nspkg.one.WHERE, two.WHERE)
print(type(nspkg.__path__).__name__, [os.path.relpath(p, here) for p in nspkg.__path__])
print(nspkg.__spec__.origin, nspkg.__spec__.loader is nspkg.__loader__, type(nspkg.__loader__).__name__)
print(getattr(nspkg, "__file__", "no __file__"), nspkg.__package__)
print(nspkg.__spec__.has_location, nspkg.__spec__.submodule_search_locations is nspkg.__path__)
print(repr(nspkg).startswith("<module 'nspkg' (namespace) from"))
import nspkg.inner
print(nspkg.inner.__spec__.name, [os.path.relpath(p, here) for p in nspkg.inner.__path__])
import importlib.util
print(importlib.util.find_spec("nspkg").loader is not None)
