import sys
print("app's __main__:", __name__, sys.argv)
print("path0", sys.path[0])
