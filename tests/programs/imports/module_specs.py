# __spec__ and __loader__ of source modules, packages, built-in and frozen modules, as
# importlib sets them; importlib.util.find_spec and pkgutil.
import sys
import os
import importlib.util
import importlib.machinery
import pkgutil
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here + "/pkgs")
import plainmod
import shapes
import shapes.square

def rel(p):
    return None if p is None else os.path.relpath(p, here)

def show(mod):
    spec = mod.__spec__
    print(mod.__name__, type(spec).__name__, spec.name, spec.parent, spec.has_location)
    print("  loader", type(spec.loader).__name__ if not isinstance(spec.loader, type) else spec.loader.__name__,
          spec.loader is mod.__loader__)
    origin = spec.origin
    print("  origin", rel(origin) if spec.has_location else origin)
    print("  search", [rel(p) for p in spec.submodule_search_locations] if spec.submodule_search_locations is not None else None)
    cached = spec.cached
    print("  cached", cached is not None and os.path.basename(cached) == os.path.basename(mod.__file__)[:-3] + "." + sys.implementation.cache_tag + ".pyc" if spec.has_location else cached)
    print("  __cached__ matches", getattr(mod, "__cached__", None) == cached)

for m in (plainmod, shapes, shapes.square, sys, os, importlib.util):
    show(m)

print(importlib.util.find_spec("shapes.circle").name)
print(importlib.util.find_spec("no_such_module_here"))
try:
    importlib.util.find_spec("plainmod.sub")
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
print(importlib.util.find_spec("sys").origin, importlib.util.find_spec("os").origin)
print(sorted(m.name for m in pkgutil.iter_modules([here + "/pkgs/shapes"])))
print([(m.name, m.ispkg) for m in pkgutil.iter_modules(shapes.__path__)] == [(m.name, m.ispkg) for m in pkgutil.iter_modules([here + "/pkgs/shapes"])])
print(pkgutil.get_data("shapes", "__init__.py")[:20])
print(pkgutil.resolve_name("shapes.square:Square").__name__)
print([f.__name__ for f in sys.meta_path])
print(len(sys.path_hooks), type(sys.path_importer_cache).__name__)
print(type(sys.path_importer_cache[here + "/pkgs"]).__name__)
print(importlib.machinery.PathFinder.find_spec("plainmod").name)
