# Return semantics: implicit None, multiple values as tuples, return in finally wins.
def nothing():
    pass


def multi():
    return 1, 2


def early(x):
    if x:
        return "early"
    return "late"


def finally_wins():
    try:
        return "try"
    finally:
        print("cleanup")


print(nothing(), multi(), early(1), early(0), finally_wins())
