# import a package and its submodules: __init__ runs once, relative imports inside it.
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
import shapes
import shapes.square
from shapes import circle, Square
print(shapes.DEFAULT, Square(3).area(), round(circle.area(1), 5), shapes.square is sys.modules["shapes.square"])
print(shapes.__name__, shapes.__package__, circle.__package__, shapes.__doc__)
print(shapes.__file__.endswith("shapes/__init__.py"), circle.__file__.endswith("circle.py"))
