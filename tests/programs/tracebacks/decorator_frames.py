# Frames of a decorator's wrapper and of the decorated function.
def logged(fn):
    def wrapper(*args):
        print("calling", fn.__name__)
        return fn(*args)
    return wrapper


@logged
def divide(a, b):
    return a / b


print(divide(6, 3))
divide(1, 0)
