# Recursion that fails deep: repeated identical traceback lines are collapsed ("[Previous line repeated N more times]").
def countdown(n):
    if n == 0:
        raise ValueError("reached zero")
    return countdown(n - 1)


countdown(30)
