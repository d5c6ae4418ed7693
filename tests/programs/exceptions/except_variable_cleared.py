# The name bound by "except ... as e" is deleted at the end of the handler.
try:
    1 / 0
except ZeroDivisionError as e:
    saved = e
print(repr(saved))
try:
    print(e)
except NameError as err:
    print(type(err).__name__, err)
e = "kept?"
try:
    raise ValueError
except ValueError as e:
    pass
print("e" in globals())
