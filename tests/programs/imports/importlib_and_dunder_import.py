# importlib.import_module and __import__ with fromlist.
import sys
import importlib
sys.path.insert(0, sys.path[0] + "/pkgs")
sq = importlib.import_module("shapes.square")
top = __import__("shapes.circle")
leaf = __import__("shapes.circle", fromlist=["area"])
print(sq.__name__, top.__name__, leaf.__name__, importlib.import_module(".circle", "shapes") is leaf)
