# add_note(): notes are stored in __notes__ and printed after the message.
try:
    raise ValueError("bad value")
except ValueError as e:
    e.add_note("while reading line 3")
    e.add_note("of config.ini")
    print(e.__notes__)
try:
    ValueError().add_note(5)
except TypeError as e:
    print(type(e).__name__, e)
err = KeyError("k")
err.add_note("lookup failed")
raise err
