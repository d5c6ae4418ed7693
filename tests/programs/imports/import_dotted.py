# import a.b.c binds the top package; from-import of a submodule; relative imports with "..".
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
import shapes.sub.deep
print(shapes.sub.deep.combined(2) > 16, "shapes.sub" in sys.modules, "shapes.sub.deep" in sys.modules)
from shapes.sub import deep as d
print(d is shapes.sub.deep, d.__name__, d.__package__)
