# A traceback through many distinct frames, each line shown with its carets.
def level1(x):
    return level2(x) + 1


def level2(x):
    return level3(x) * 2


def level3(x):
    return level4(x)


def level4(x):
    return int(x)


print(level1("5"))
print(level1("five"))
