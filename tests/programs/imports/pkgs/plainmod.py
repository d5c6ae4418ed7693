"""A plain helper module."""
print("plainmod executed, __name__ =", __name__)
counter = 0


def bump():
    global counter
    counter += 1
    return counter


if __name__ == "__main__":
    print("never: plainmod is imported, not run")
