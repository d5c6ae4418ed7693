import sys
print("pkg/__main__ runs as", __name__, "from", __file__)
print("argv", sys.argv)
print("package", __package__, "spec", __spec__.name)
