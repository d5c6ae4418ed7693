# Frames of lambdas and comprehensions in a traceback.
convert = lambda s: int(s) * 2
values = ["1", "2", "x"]
print([convert(v) for v in values[:2]])
print([convert(v) for v in values])
