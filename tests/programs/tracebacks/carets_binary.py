# Traceback carets under a failing binary operation inside a larger expression.
def compute(values):
    scale = 0
    return sum(values) + values[0] / scale * 2


compute([1, 2, 3])
