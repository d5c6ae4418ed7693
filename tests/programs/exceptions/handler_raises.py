# An error in an except clause and an error in a finally clause: context chains of three.
def step():
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise ValueError("second")
        finally:
            print("finally before third")
            raise TypeError("third")


step()
