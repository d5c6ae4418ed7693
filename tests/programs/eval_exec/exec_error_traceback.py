# An exception inside exec'd code: the traceback shows the <string> frame.
source = """
def broken():
    return [][0]
broken()
"""
exec(source)
