# Statements that do nothing: pass, docstrings, bare expressions, empty class and function bodies.
def nothing():
    """Only a docstring."""


class Empty:
    pass


def ellipsis_body():
    ...


print(nothing(), ellipsis_body(), Empty.__doc__, nothing.__doc__)
1 + 1
"a string statement"
if True:
    pass
print("done")
