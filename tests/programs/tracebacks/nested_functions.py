# Frames of nested functions and closures are named by their qualified names in 3.13? By name.
def outer():
    def middle():
        def inner():
            return {}["key"]
        return inner()
    return middle()


outer()
