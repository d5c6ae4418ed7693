# An uncaught OverflowError from float arithmetic ends the program with a traceback.
values = [10.0, 100.0, 1000.0]
for v in values:
    print(v ** 100)
print(values[-1] ** 200)
