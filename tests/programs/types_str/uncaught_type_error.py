# An uncaught TypeError from string concatenation, with its traceback carets.
def label(n):
    return "item " + n


print(label("one"))
print(label(2))
