# A finder appended to sys.meta_path and one inserted first, a path hook, and the loader
# protocol: create_module/exec_module, module_repr, specs made by spec_from_loader.
import sys
import importlib.abc
import importlib.util

class StringLoader(importlib.abc.Loader):
    def __init__(self, sources):
        self.sources = sources
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        print("exec", module.__name__, module.__spec__.origin)
        exec(self.sources[module.__name__], module.__dict__)

class StringFinder(importlib.abc.MetaPathFinder):
    def __init__(self, sources):
        self.loader = StringLoader(sources)
        self.asked = []
    def find_spec(self, fullname, path=None, target=None):
        self.asked.append(fullname)
        if fullname in self.loader.sources:
            return importlib.util.spec_from_loader(fullname, self.loader, origin="string:" + fullname,
                                                   is_package=fullname == "virt")
        return None

finder = StringFinder({"virtual_mod": "X = 42\ndef f(): return X + 1\n",
                       "virt": "PKG = True\n", "virt.child": "from . import sibling\nC = sibling.S * 2\n",
                       "virt.sibling": "S = 21\n"})
sys.meta_path.append(finder)
import virtual_mod
print(virtual_mod.X, virtual_mod.f(), virtual_mod.__spec__.origin, virtual_mod.__loader__ is finder.loader)
import virt.child
print(virt.PKG, virt.child.C, virt.__path__, virt.__package__, virt.child.__package__)
print("json" in finder.asked, "virtual_mod" in finder.asked)
import json
print("json" in finder.asked)

class Blocker:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname == "blocked_module":
            raise ImportError("blocked by policy", name=fullname)
        return None
sys.meta_path.insert(0, Blocker)
try:
    import blocked_module
except ImportError as e:
    print(type(e).__name__, e, e.name)

class Legacy:
    def find_module(self, fullname, path=None):
        return None
sys.meta_path.insert(0, Legacy())
try:
    import still_missing_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
sys.meta_path.pop(0)

sys.modules["halted"] = None
try:
    import halted
except ModuleNotFoundError as e:
    print(type(e).__name__, e)

hook_calls = []
def hook(entry):
    hook_calls.append(entry)
    raise ImportError
sys.path_hooks.insert(0, hook)
sys.path.append("/nonexistent/dir/for/hooks")
try:
    import not_anywhere_at_all
except ModuleNotFoundError as e:
    print(e)
print(hook_calls.count("/nonexistent/dir/for/hooks"), sys.path_importer_cache["/nonexistent/dir/for/hooks"])
