import sys
print("script", __name__, __file__)
print("argv", sys.argv)
print("path0", sys.path[0])
