import sys
print(__name__, __file__)
print("argv", sys.argv)
print("spec", __spec__.name, repr(__package__), type(__loader__).__name__)
print("path0", sys.path[0])
